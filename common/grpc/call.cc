#include "common/grpc/call.h"

#include "absl/strings/str_cat.h"
#include "common/grpc/grpc_status.h"
#include "common/status/status.h"

namespace laso::rpc {
namespace {

std::string Metadata(const grpc::ServerContextBase& ctx, const char* key) {
  auto it = ctx.client_metadata().find(key);
  return it == ctx.client_metadata().end() ? std::string()
                                           : std::string(it->second.data(), it->second.size());
}

bool IsInternal(absl::StatusCode code) {
  return code == absl::StatusCode::kInternal || code == absl::StatusCode::kUnknown ||
         code == absl::StatusCode::kDataLoss;
}

}  // namespace

std::string RequestIdOf(const grpc::ServerContextBase& ctx) {
  std::string id = Metadata(ctx, kRequestIdHeader);
  return id.size() <= 128 ? id : id.substr(0, 128);
}

absl::StatusOr<Call> BeginCall(grpc::ServerContextBase* ctx, const IdentityVerifier& verifier) {
  auto caller = verifier.Verify(*ctx);
  if (!caller.ok()) return caller.status();
  Call call;
  call.caller = std::move(*caller);
  call.request_id = RequestIdOf(*ctx);
  call.accept_language = Metadata(*ctx, "accept-language");
  call.idempotency_key = Metadata(*ctx, "idempotency-key");
  return call;
}

grpc::Status FinishCall(const absl::Status& status, const std::string& request_id) {
  if (!IsInternal(status.code())) return ToGrpcStatus(status);
  // The details help us, not the caller, and may name tables or files.
  log::Error("internal error", {{"code", std::string(absl::StatusCodeToString(status.code()))},
                                {"error", std::string(status.message())}});
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      absl::StrCat("Lỗi hệ thống, vui lòng thử lại sau. Mã yêu cầu: ", request_id));
}

}  // namespace laso::rpc

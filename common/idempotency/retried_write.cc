#include "common/idempotency/retried_write.h"

#include "common/crypto/hash.h"
#include "common/status/status.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace laso::idempotency {

std::string RequestHash(absl::string_view method, const google::protobuf::Message& request) {
  std::string bytes(method);
  bytes.push_back('\n');
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);  // maps in a stable order
    request.SerializeToCodedStream(&coded);
  }
  return crypto::Hex(crypto::Sha256(bytes));
}

RetriedWrite::RetriedWrite(const rpc::Caller& caller, absl::string_view key, absl::string_view method,
                           const google::protobuf::Message& request)
    : subject_(caller.subject()), key_(key) {
  if (keyed()) request_hash_ = RequestHash(method, request);
}

absl::StatusOr<std::optional<std::string>> RetriedWrite::Replay(Ledger& ledger) const {
  if (!keyed()) return std::nullopt;
  auto seen = ledger.Find(subject_, key_);
  if (!seen.ok()) return seen.status();
  if (!*seen) return std::nullopt;
  if ((*seen)->request_hash != request_hash_) {
    return WithReason(absl::AlreadyExistsError("Idempotency-Key này đã dùng cho một yêu cầu khác."),
                      "IDEMPOTENCY_KEY_REUSED");
  }
  return std::move((*seen)->response);
}

absl::StatusOr<bool> RetriedWrite::ReplayInto(Ledger& ledger, google::protobuf::Message* response) const {
  auto replayed = Replay(ledger);
  if (!replayed.ok()) return replayed.status();
  if (!*replayed) return false;
  if (!response->ParseFromString(**replayed)) return absl::DataLossError("a remembered answer does not parse");
  return true;
}

absl::Status RetriedWrite::Remember(Ledger& ledger, absl::string_view response, absl::Time now) const {
  if (!keyed()) return absl::OkStatus();
  return ledger.Remember(subject_, key_, Entry{request_hash_, std::string(response)}, now);
}

absl::Status RetriedWrite::Remember(Ledger& ledger, const google::protobuf::Message& response, absl::Time now) const {
  return Remember(ledger, response.SerializeAsString(), now);
}

}  // namespace laso::idempotency

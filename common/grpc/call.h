#pragma once

#include <string>
#include <utility>

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "common/grpc/identity.h"
#include "common/log/log.h"
#include "common/process/worker_pool.h"

// The frame around every handler in a service's gRPC adapter:
//
//   grpc::Status DossierGrpc::GetDossier(grpc::ServerContext* ctx, const Req* req, Resp* resp) {
//     return rpc::Serve(ctx, verifier_, [&](const rpc::Call& call) {
//       return dossiers_.Get(call.caller, *req, resp);
//     });
//   }
//
// It verifies the caller, puts the request id on every log line the handler
// writes, maps the absl::Status to gRPC once, and hides internal error text
// from callers (it is logged instead). ServeCallback does the same for
// services on gRPC's callback API whose handlers never block (no thread
// hand-off per call); ServeOnPool runs a handler that blocks (writes that
// fsync, long queries) on a WorkerPool and finishes the call from there.
namespace laso::rpc {

// The request id a call carries, or "" when none.
std::string RequestIdOf(const grpc::ServerContextBase& ctx);

// Maps a handler's result to what the caller sees.
grpc::Status FinishCall(const absl::Status& status, const std::string& request_id);

absl::StatusOr<Call> BeginCall(grpc::ServerContextBase* ctx, const IdentityVerifier& verifier);

template <typename Handler>
grpc::Status Serve(grpc::ServerContextBase* ctx, const IdentityVerifier& verifier, Handler&& handler) {
  auto call = BeginCall(ctx, verifier);
  log::ScopedRequestId scoped(RequestIdOf(*ctx));
  if (!call.ok()) return FinishCall(call.status(), scoped.Current());
  return FinishCall(std::forward<Handler>(handler)(*call), call->request_id);
}

template <typename Handler>
grpc::ServerUnaryReactor* ServeCallback(grpc::CallbackServerContext* ctx, const IdentityVerifier& verifier,
                                        Handler&& handler) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  reactor->Finish(Serve(ctx, verifier, std::forward<Handler>(handler)));
  return reactor;
}

template <typename Handler>
grpc::ServerUnaryReactor* ServeOnPool(grpc::CallbackServerContext* ctx, const IdentityVerifier& verifier,
                                      process::WorkerPool& pool, Handler handler) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  bool queued = pool.TrySubmit([ctx, &verifier, reactor, handler = std::move(handler)]() mutable {
    reactor->Finish(Serve(ctx, verifier, handler));
  });
  if (!queued) {
    reactor->Finish(FinishCall(
        absl::ResourceExhaustedError("Hệ thống đang xử lý nhiều yêu cầu ghi; vui lòng gửi lại sau ít giây."),
        RequestIdOf(*ctx)));
  }
  return reactor;
}

// Adapts a method that answers absl::StatusOr<Response> to a handler: it runs
// with the call and its answer is moved into the response. The method must
// own what it captures (on a pool it runs after the handler has returned).
template <typename Response, typename Method>
auto IntoResponse(Response* resp, Method method) {
  return [resp, method = std::move(method)](const Call& call) -> absl::Status {
    auto result = method(call);
    if (!result.ok()) return result.status();
    *resp = std::move(*result);
    return absl::OkStatus();
  };
}

}  // namespace laso::rpc

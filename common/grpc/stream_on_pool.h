#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "absl/status/statusor.h"
#include "common/grpc/call.h"
#include "common/process/worker_pool.h"

// A server-streaming method whose messages take blocking work (a store read
// per page of an export): `open` runs on the pool with the verified caller and
// answers a producer; each message is produced on the pool once the one before
// has been written, so a slow reader holds no thread and no pile of messages.
//
//   grpc::ServerWriteReactor<HttpBody>* Grpc::Export(grpc::CallbackServerContext* ctx, const Req* req) {
//     return rpc::StreamOnPool<HttpBody>(ctx, verifier_, pool_, [this, req](const rpc::Call& call) {
//       return exports_.Open(call.caller, *req);  // StatusOr<Producer<HttpBody>>
//     });
//   }
namespace laso::rpc {

// The next message, std::nullopt at the end, or the error that ends the call.
template <typename Message>
using Producer = std::function<absl::StatusOr<std::optional<Message>>()>;

template <typename Message>
class PooledWriter final : public grpc::ServerWriteReactor<Message> {
 public:
  using Open = std::function<absl::StatusOr<Producer<Message>>(const Call&)>;

  PooledWriter(grpc::CallbackServerContext* ctx, const IdentityVerifier& verifier, process::WorkerPool& pool,
               Open open)
      : ctx_(ctx), verifier_(verifier), pool_(pool), open_(std::move(open)), request_id_(RequestIdOf(*ctx)) {
    OnPool([this] { Begin(); });
  }

  void OnWriteDone(bool ok) override {
    if (!ok) return this->Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the reader went away"));
    OnPool([this] { Produce(); });
  }
  void OnDone() override { delete this; }

 private:
  void OnPool(std::function<void()> work) {
    if (!pool_.TrySubmit(std::move(work))) {
      this->Finish(FinishCall(absl::ResourceExhaustedError("Hệ thống đang bận; vui lòng thử lại sau ít giây."),
                              request_id_));
    }
  }

  void Begin() {
    auto call = BeginCall(ctx_, verifier_);
    log::ScopedRequestId scoped(request_id_);
    if (!call.ok()) return this->Finish(FinishCall(call.status(), request_id_));
    auto producer = open_(*call);
    if (!producer.ok()) return this->Finish(FinishCall(producer.status(), request_id_));
    next_ = std::move(*producer);
    Produce();
  }

  void Produce() {
    log::ScopedRequestId scoped(request_id_);
    if (ctx_->IsCancelled()) return this->Finish(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"));
    auto message = next_();
    if (!message.ok()) return this->Finish(FinishCall(message.status(), request_id_));
    if (!*message) return this->Finish(grpc::Status::OK);
    message_ = std::move(**message);
    this->StartWrite(&message_);
  }

  grpc::CallbackServerContext* ctx_;
  const IdentityVerifier& verifier_;
  process::WorkerPool& pool_;
  Open open_;
  std::string request_id_;
  Producer<Message> next_;
  Message message_;
};

template <typename Message, typename OpenFn>
grpc::ServerWriteReactor<Message>* StreamOnPool(grpc::CallbackServerContext* ctx, const IdentityVerifier& verifier,
                                               process::WorkerPool& pool, OpenFn open) {
  return new PooledWriter<Message>(ctx, verifier, pool, std::move(open));
}

}  // namespace laso::rpc

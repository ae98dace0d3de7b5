#include "services/gateway/backend_stream.h"

#include <atomic>
#include <mutex>
#include <vector>

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/client_callback.h>

namespace laso::gateway {
namespace {

// The generic stub knows no server-streaming calls: a bidi call that writes
// its one request and reads to the end is the same on the wire.
class StreamCall final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>,
                         public MessageStream,
                         public std::enable_shared_from_this<StreamCall> {
 public:
  StreamCall(std::string request, std::unique_ptr<grpc::ClientContext> context, std::function<void()> finished)
      : context_(std::move(context)), finished_(std::move(finished)) {
    grpc::Slice slice(request);
    request_ = grpc::ByteBuffer(&slice, 1);
  }

  void Begin(grpc::GenericStub& stub, const std::string& grpc_path) {
    self_ = shared_from_this();  // alive until OnDone
    stub.PrepareBidiStreamingCall(context_.get(), grpc_path, grpc::StubOptions(), this);
    StartWriteLast(&request_, grpc::WriteOptions());
    AddHold();  // OnDone waits while a reader may still ask for more
    StartCall();
  }

  void Read(Got got) override {
    std::unique_lock<std::mutex> lock(mu_);
    if (done_) {
      lock.unlock();
      return got(status_, std::nullopt);
    }
    pending_ = std::move(got);
    if (ended_) return;  // OnDone answers it with the status
    lock.unlock();
    StartRead(&incoming_);
  }

  void Cancel() override {
    context_->TryCancel();
    ReleaseHold();
  }

  void OnReadDone(bool ok) override {
    if (ok) {
      Got got;
      {
        std::lock_guard<std::mutex> lock(mu_);
        got = std::move(pending_);
        pending_ = nullptr;
      }
      if (got) got(grpc::Status::OK, ByteBufferToString(incoming_));
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      ended_ = true;  // no more messages: the status follows in OnDone
    }
    ReleaseHold();
  }

  void OnWriteDone(bool) override {}

  void OnDone(const grpc::Status& status) override {
    Got got;
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
      status_ = status;
      got = std::move(pending_);
      pending_ = nullptr;
    }
    if (got) got(status, std::nullopt);
    if (finished_) finished_();
    self_.reset();  // may be the last reference
  }

 private:
  void ReleaseHold() {
    if (!hold_released_.exchange(true)) RemoveHold();
  }

  std::unique_ptr<grpc::ClientContext> context_;
  std::function<void()> finished_;
  grpc::ByteBuffer request_, incoming_;
  std::shared_ptr<StreamCall> self_;
  std::atomic<bool> hold_released_{false};
  std::mutex mu_;
  Got pending_;
  bool ended_ = false, done_ = false;
  grpc::Status status_;
};

}  // namespace

std::string ByteBufferToString(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const auto& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

std::shared_ptr<MessageStream> StartMessageStream(grpc::GenericStub& stub, const std::string& grpc_path,
                                                  std::string request, std::unique_ptr<grpc::ClientContext> context,
                                                  std::function<void()> finished) {
  auto call = std::make_shared<StreamCall>(std::move(request), std::move(context), std::move(finished));
  call->Begin(stub, grpc_path);
  return call;
}

}  // namespace laso::gateway

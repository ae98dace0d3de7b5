// GatewayHandler: routes that answer a stream of laso.api.HttpBody (CSV
// exports), sent to the client as one body in chunks.
#include <atomic>

#include <boost/beast/http.hpp>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "services/gateway/exchange.h"
#include "services/gateway/gateway_handler.h"

namespace laso::gateway {
namespace {

namespace bhttp = boost::beast::http;

// The backend's messages as HTTP body pieces, one read ahead of nothing: each
// is asked for when the client has taken the one before.
class BackendBody final : public http::BodySource, public std::enable_shared_from_this<BackendBody> {
 public:
  using Render = std::function<absl::StatusOr<std::string>(const std::string& message)>;
  using Ended = std::function<void(int64_t bytes, absl::string_view outcome)>;
  BackendBody(std::shared_ptr<MessageStream> stream, std::string first, Render render, Ended ended)
      : stream_(std::move(stream)), first_(std::move(first)), render_(std::move(render)), ended_(std::move(ended)) {}

  void Next(std::function<void(Piece)> give) override {
    if (!first_sent_) {
      first_sent_ = true;
      bytes_ += static_cast<int64_t>(first_.size());
      return give(std::optional<std::string>(std::move(first_)));
    }
    // Held by the read: the server may let go of the body while a read is pending (the client went away).
    stream_->Read([this, self = shared_from_this(), give = std::move(give)](const grpc::Status& status,
                                                                             std::optional<std::string> message) {
      if (!status.ok()) {
        End("broken");
        return give(absl::UnavailableError(absl::StrCat("backend stream failed: ", status.error_message())));
      }
      if (!message) {
        End("complete");
        return give(std::optional<std::string>());
      }
      auto piece = render_(*message);
      if (!piece.ok()) {
        End("broken");
        stream_->Cancel();
        return give(piece.status());
      }
      bytes_ += static_cast<int64_t>(piece->size());
      give(std::optional<std::string>(std::move(*piece)));
    });
  }

  void Cancel() override {
    stream_->Cancel();
    End("client gone");
  }

 private:
  void End(absl::string_view outcome) {
    if (!ended_once_.exchange(true)) ended_(bytes_, outcome);
  }

  std::shared_ptr<MessageStream> stream_;
  std::string first_;
  bool first_sent_ = false;
  Render render_;
  Ended ended_;
  std::atomic<int64_t> bytes_{0};
  std::atomic<bool> ended_once_{false};
};

}  // namespace

void GatewayHandler::DispatchStream(const ExchangePtr& ex, std::string request,
                                    std::unique_ptr<grpc::ClientContext> context) {
  const struct Route& route = *ex->match.route;
  auto stream = d_.backends->Stream(route.backend, route.grpc_path, std::move(request), std::move(context));
  if (stream == nullptr) return FinishStatus(ex, absl::UnavailableError("Dịch vụ tạm thời gián đoạn."));
  // Until the first piece the answer can still be an error body with its status.
  stream->Read([this, ex, stream](const grpc::Status& status, std::optional<std::string> first) {
    log::ScopedRequestId scoped(ex->request_id);
    if (!status.ok() || !first) return OnBackendAnswer(ex, status, first.value_or(""));
    auto payload = d_.transcoder->RenderResponse(*ex->match.route, *first);
    if (!payload.ok()) return OnBackendAnswer(ex, grpc::Status(grpc::StatusCode::INTERNAL, "unreadable answer"), "");
    if (ex->finished.exchange(true)) return stream->Cancel();
    http::Response head{bhttp::status::ok, 11};
    head.set(bhttp::field::content_type, payload->content_type);
    Decorate(ex, &head);
    auto render = [this, ex](const std::string& message) -> absl::StatusOr<std::string> {
      auto piece = d_.transcoder->RenderResponse(*ex->match.route, message);
      if (!piece.ok()) return piece.status();
      return std::move(piece->body);
    };
    auto ended = [this, ex](int64_t bytes, absl::string_view outcome) { Record(ex, 200, bytes, outcome); };
    ex->respond.Stream(std::move(head), std::make_shared<BackendBody>(stream, std::move(payload->body),
                                                                      std::move(render), std::move(ended)));
  });
}

}  // namespace laso::gateway

#include "services/gateway/backends.h"

#include <mutex>

#include <grpcpp/support/byte_buffer.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/config/value_parsing.h"
#include "common/grpc/channel.h"
#include "grpc/health/v1/health.pb.h"
#include "laso/ops/v1/ops.pb.h"

namespace laso::gateway {
namespace {

struct PendingCall {
  std::unique_ptr<grpc::ClientContext> context;
  grpc::ByteBuffer request;
  grpc::ByteBuffer response;
  Backends::Done done;
};

std::string ToString(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const auto& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Backends>> Backends::Create(const std::vector<std::string>& entries) {
  auto backends = std::unique_ptr<Backends>(new Backends());
  for (const std::string& entry : entries) {
    size_t eq = entry.find('=');
    if (eq == std::string::npos || eq == 0 || !config::IsEndpoint(entry.substr(eq + 1))) {
      return absl::InvalidArgumentError(absl::StrCat("config key 'gateway.backends': \"", entry,
                                                     "\" is not name=host:port or name=unix:/path"));
    }
    backends->stubs_[entry.substr(0, eq)] =
        std::make_unique<grpc::GenericStub>(rpc::NewChannel(entry.substr(eq + 1)));
  }
  return backends;
}

Backends::~Backends() {
  // Callbacks hold `this`; let every call finish (each has a deadline).
  while (in_flight_ > 0) absl::SleepFor(absl::Milliseconds(5));
}

std::vector<std::string> Backends::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, stub] : stubs_) names.push_back(name);
  return names;
}

void Backends::Call(const std::string& backend, const std::string& grpc_path, std::string request,
                    std::unique_ptr<grpc::ClientContext> context, Done done) {
  auto it = stubs_.find(backend);
  if (it == stubs_.end()) {
    done(grpc::Status(grpc::StatusCode::UNAVAILABLE, absl::StrCat("no backend named ", backend)), "");
    return;
  }
  auto* call = new PendingCall{std::move(context), {}, {}, std::move(done)};
  grpc::Slice slice(request);
  call->request = grpc::ByteBuffer(&slice, 1);
  ++in_flight_;
  it->second->UnaryCall(call->context.get(), grpc_path, grpc::StubOptions(), &call->request, &call->response,
                        [this, call](grpc::Status status) {
                          std::string bytes = status.ok() ? ToString(call->response) : std::string();
                          Done finish = std::move(call->done);
                          delete call;
                          finish(status, std::move(bytes));
                          --in_flight_;
                        });
}

template <typename Result>
void Backends::FanOut(const std::string& grpc_path, const std::string& request, absl::Duration timeout,
                      std::function<bool(const grpc::Status&, const std::string&, Result*)> parse,
                      std::function<void(std::map<std::string, Result>)> done) {
  struct Gather {
    std::mutex mu;
    std::map<std::string, Result> results;
    size_t left;
    std::function<void(std::map<std::string, Result>)> done;
  };
  if (stubs_.empty()) return done({});
  auto gather = std::make_shared<Gather>();
  gather->left = stubs_.size();
  gather->done = std::move(done);
  for (const auto& [name, stub] : stubs_) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
    Call(name, grpc_path, request, std::move(context),
         [gather, parse, name = name](const grpc::Status& status, std::string bytes) {
           Result result{};
           bool keep = parse(status, bytes, &result);
           std::unique_lock<std::mutex> lock(gather->mu);
           if (keep) gather->results[name] = std::move(result);
           if (--gather->left == 0) {
             auto results = std::move(gather->results);
             lock.unlock();
             gather->done(std::move(results));
           }
         });
  }
}

void Backends::CheckHealth(absl::Duration timeout, std::function<void(std::map<std::string, bool>)> done) {
  grpc::health::v1::HealthCheckRequest request;
  FanOut<bool>(
      "/grpc.health.v1.Health/Check", request.SerializeAsString(), timeout,
      [](const grpc::Status& status, const std::string& bytes, bool* serving) {
        grpc::health::v1::HealthCheckResponse response;
        *serving = status.ok() && response.ParseFromString(bytes) &&
                   response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
        return true;
      },
      std::move(done));
}

void Backends::FetchMetrics(absl::Duration timeout, std::function<void(std::map<std::string, std::string>)> done) {
  laso::ops::v1::GetMetricsRequest request;
  FanOut<std::string>(
      "/laso.ops.v1.Ops/GetMetrics", request.SerializeAsString(), timeout,
      [](const grpc::Status& status, const std::string& bytes, std::string* text) {
        laso::ops::v1::GetMetricsResponse response;
        if (!status.ok() || !response.ParseFromString(bytes)) return false;
        *text = response.text();
        return true;
      },
      std::move(done));
}

}  // namespace laso::gateway

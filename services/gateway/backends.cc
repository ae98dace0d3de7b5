#include "services/gateway/backends.h"

#include <mutex>

#include <grpcpp/support/byte_buffer.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/config/value_parsing.h"
#include "common/grpc/channel.h"
#include "common/metrics/metrics.h"
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

std::shared_ptr<grpc::Channel> DnsChannel(const std::string& target) {
  // gRPC resolves the name, keeps a subchannel per address and checks each with grpc.health.v1.
  return rpc::NewChannel(target, 32 << 20,
                         R"({"loadBalancingConfig":[{"round_robin":{}}],"healthCheckConfig":{"serviceName":""}})");
}

}  // namespace

struct Backends::Replica {
  std::string address;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<grpc::GenericStub> stub;
  std::atomic<bool> serving{true};  // until a health check says otherwise
  bool Usable() const {
    return serving.load(std::memory_order_relaxed) &&
           channel->GetState(false) != GRPC_CHANNEL_TRANSIENT_FAILURE;
  }
};

struct Backends::Backend {
  std::vector<std::unique_ptr<Replica>> replicas;
  std::atomic<uint64_t> next{0};
};

absl::StatusOr<std::unique_ptr<Backends>> Backends::Create(const std::vector<std::string>& entries,
                                                           absl::Duration health_interval) {
  auto backends = std::unique_ptr<Backends>(new Backends());
  for (const std::string& entry : entries) {
    size_t eq = entry.find('=');
    std::string name = eq == std::string::npos ? "" : entry.substr(0, eq);
    std::vector<std::string> addresses =
        eq == std::string::npos ? std::vector<std::string>{} : absl::StrSplit(entry.substr(eq + 1), '|');
    bool dns = addresses.size() == 1 && absl::StartsWith(addresses[0], "dns:///") && addresses[0].size() > 7;
    bool valid = !name.empty() && !addresses.empty();
    for (const auto& a : addresses) {
      bool endpoint = config::IsEndpoint(a) && (absl::StartsWith(a, "unix:") || !absl::StrContains(a, '/'));
      valid = valid && (dns || endpoint);
    }
    if (!valid) {
      return absl::InvalidArgumentError(absl::StrCat(
          "config key 'gateway.backends': \"", entry,
          "\" is not name=host:port, name=host:port|host:port|... (replicas), name=unix:/path or name=dns:///host:port"));
    }
    auto& backend = backends->backends_[name];
    if (backend != nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("config key 'gateway.backends': \"", name,
                                                     "\" is listed twice; list its replicas as host:port|host:port"));
    }
    backend = std::make_unique<Backend>();
    for (const auto& address : addresses) {
      auto replica = std::make_unique<Replica>();
      replica->address = address;
      replica->channel = dns ? DnsChannel(address) : rpc::NewChannel(address);
      replica->stub = std::make_unique<grpc::GenericStub>(replica->channel);
      backend->replicas.push_back(std::move(replica));
    }
  }
  if (health_interval > absl::ZeroDuration()) {
    Backends* self = backends.get();
    self->prober_ = std::make_unique<std::thread>([self, health_interval] {
      absl::MutexLock lock(&self->prober_mu_);
      while (!self->stopping_) {
        self->prober_mu_.Unlock();
        self->ProbeHealth(std::min(health_interval, absl::Seconds(1)));
        self->prober_mu_.Lock();
        self->prober_wake_.WaitWithTimeout(&self->prober_mu_, health_interval);
      }
    });
  }
  return backends;
}

Backends::~Backends() {
  {
    absl::MutexLock lock(&prober_mu_);
    stopping_ = true;
    prober_wake_.Signal();
  }
  if (prober_ != nullptr) prober_->join();
  // Callbacks hold `this`; let every call finish (each has a deadline).
  while (in_flight_ > 0) absl::SleepFor(absl::Milliseconds(5));
}

std::vector<std::string> Backends::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, backend] : backends_) names.push_back(name);
  return names;
}

int Backends::Replicas(const std::string& name) const {
  auto it = backends_.find(name);
  return it == backends_.end() ? 0 : static_cast<int>(it->second->replicas.size());
}

Backends::Replica* Backends::Pick(Backend& b, const Replica* avoid) {
  const size_t n = b.replicas.size();
  if (n == 1) return b.replicas[0].get();  // nothing to choose: no state to read on the hot path
  const size_t start = b.next.fetch_add(1, std::memory_order_relaxed);
  Replica* fallback = nullptr;
  for (size_t i = 0; i < n; ++i) {
    Replica* r = b.replicas[(start + i) % n].get();
    if (r == avoid) continue;
    if (r->Usable()) return r;
    if (fallback == nullptr) fallback = r;
  }
  // None looks up: try one anyway (it may be back; its channel reconnects on use).
  if (fallback != nullptr) return fallback;
  return b.replicas[start % n].get();
}

void Backends::Send(Replica& replica, const std::string& grpc_path, std::string request,
                    std::unique_ptr<grpc::ClientContext> context, Done done) {
  auto* call = new PendingCall{std::move(context), {}, {}, std::move(done)};
  grpc::Slice slice(request);
  call->request = grpc::ByteBuffer(&slice, 1);
  ++in_flight_;
  replica.stub->UnaryCall(call->context.get(), grpc_path, grpc::StubOptions(), &call->request, &call->response,
                          [this, call](grpc::Status status) {
                            std::string bytes = status.ok() ? ByteBufferToString(call->response) : std::string();
                            Done finish = std::move(call->done);
                            delete call;
                            finish(status, std::move(bytes));
                            --in_flight_;
                          });
}

void Backends::Call(const std::string& backend, const std::string& grpc_path, std::string request,
                    std::unique_ptr<grpc::ClientContext> context, Done done) {
  auto it = backends_.find(backend);
  if (it == backends_.end()) {
    done(grpc::Status(grpc::StatusCode::UNAVAILABLE, absl::StrCat("no backend named ", backend)), "");
    return;
  }
  Send(*Pick(*it->second), grpc_path, std::move(request), std::move(context), std::move(done));
}

std::shared_ptr<MessageStream> Backends::Stream(const std::string& backend, const std::string& grpc_path,
                                                std::string request, std::unique_ptr<grpc::ClientContext> context) {
  auto it = backends_.find(backend);
  if (it == backends_.end()) return nullptr;
  Replica* replica = Pick(*it->second);
  ++in_flight_;
  return StartMessageStream(*replica->stub, grpc_path, std::move(request), std::move(context),
                            [this] { --in_flight_; });
}

void Backends::CallIdempotent(const std::string& backend, const std::string& grpc_path, std::string request,
                              ContextFactory make_context, Done done) {
  auto it = backends_.find(backend);
  if (it == backends_.end()) {
    done(grpc::Status(grpc::StatusCode::UNAVAILABLE, absl::StrCat("no backend named ", backend)), "");
    return;
  }
  Backend* b = it->second.get();
  Replica* first = Pick(*b);
  if (b->replicas.size() == 1 && !absl::StartsWith(first->address, "dns:///")) {
    return Send(*first, grpc_path, std::move(request), make_context(), std::move(done));  // no other to try
  }
  std::string again = request;
  ++in_flight_;  // the retry may start after the first call's count is gone
  Send(*first, grpc_path, std::move(request), make_context(),
       [this, b, first, grpc_path, again = std::move(again), make_context, done = std::move(done)](
           const grpc::Status& status, std::string response) mutable {
         bool another = b->replicas.size() > 1 || absl::StartsWith(first->address, "dns:///");
         if (status.error_code() != grpc::StatusCode::UNAVAILABLE || !another || stopping_) {
           done(status, std::move(response));
         } else {
           Send(*Pick(*b, first), grpc_path, std::move(again), make_context(), std::move(done));
         }
         --in_flight_;
       });
}

void Backends::ProbeHealth(absl::Duration timeout) {
  grpc::health::v1::HealthCheckRequest request;
  const std::string bytes = request.SerializeAsString();
  for (auto& [name, backend] : backends_) {
    for (auto& replica : backend->replicas) {
      if (absl::StartsWith(replica->address, "dns:///")) continue;  // gRPC checks those itself
      auto context = std::make_unique<grpc::ClientContext>();
      context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
      Replica* r = replica.get();
      Send(*r, "/grpc.health.v1.Health/Check", bytes, std::move(context),
           [r, name = name](const grpc::Status& status, std::string answer) {
             static auto& up = metrics::Registry::Default().Gauge(
                 "laso_gateway_backend_up", "1 when the backend replica answered its health check SERVING",
                 {"backend", "replica"});
             grpc::health::v1::HealthCheckResponse response;
             r->serving = status.ok() && response.ParseFromString(answer) &&
                          response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
             up.Set({name, r->address}, r->serving ? 1 : 0);
           });
    }
  }
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
  if (backends_.empty()) return done({});
  auto gather = std::make_shared<Gather>();
  gather->left = backends_.size();
  gather->done = std::move(done);
  for (const auto& [name, backend] : backends_) {
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

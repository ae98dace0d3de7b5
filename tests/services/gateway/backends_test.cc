// A backend with several replicas: calls spread round-robin, a replica that
// drains (NOT_SERVING) or dies stops getting calls, and a GET that finds its
// replica gone is sent once to another. Real gRPC servers on loopback; each
// tells itself apart by a health service named after it.
#include "services/gateway/backends.h"

#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <future>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/ports.h"
#include "grpc/health/v1/health.pb.h"

namespace laso::gateway {
namespace {

class Replica {
 public:
  explicit Replica(const std::string& name) : name_(name), port_(testing::FreePort()) {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::ServerBuilder builder;
    builder.AddListeningPort(address(), grpc::InsecureServerCredentials());
    server_ = builder.BuildAndStart();
    server_->GetHealthCheckService()->SetServingStatus(name_, true);
  }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  void Drain() { server_->GetHealthCheckService()->SetServingStatus(false); }
  void Kill() { server_->Shutdown(absl::ToChronoTime(absl::Now())); }

 private:
  std::string name_;
  int port_;
  std::unique_ptr<grpc::Server> server_;
};

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  return context;
}

std::string Check(const std::string& service) {
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  return request.SerializeAsString();
}

// Which replica answered: asks for the health of the service named "a"; only replica "a" knows it.
grpc::StatusCode AskA(Backends& backends, bool idempotent = false) {
  std::promise<grpc::StatusCode> got;
  auto done = [&got](const grpc::Status& status, std::string) { got.set_value(status.error_code()); };
  if (idempotent) {
    backends.CallIdempotent("svc", "/grpc.health.v1.Health/Check", Check("a"), Context, done);
  } else {
    backends.Call("svc", "/grpc.health.v1.Health/Check", Check("a"), Context(), done);
  }
  return got.get_future().get();
}

TEST(BackendsTest, CallsAreSpreadOverTheReplicas) {
  Replica a("a"), b("b");
  auto backends = Backends::Create({absl::StrCat("svc=", a.address(), "|", b.address())});
  ASSERT_TRUE(backends.ok()) << backends.status();
  EXPECT_EQ((*backends)->Replicas("svc"), 2);
  int on_a = 0, on_b = 0;
  for (int i = 0; i < 20; ++i) {
    grpc::StatusCode code = AskA(**backends);
    on_a += code == grpc::StatusCode::OK;
    on_b += code == grpc::StatusCode::NOT_FOUND;
  }
  EXPECT_EQ(on_a, 10);
  EXPECT_EQ(on_b, 10);
}

TEST(BackendsTest, ADrainingReplicaGetsNoMoreCalls) {
  Replica a("a"), b("b");
  auto backends = Backends::Create({absl::StrCat("svc=", a.address(), "|", b.address())}, absl::Milliseconds(50));
  ASSERT_TRUE(backends.ok());
  a.Drain();  // what a replica does on SIGTERM, before it stops
  absl::SleepFor(absl::Milliseconds(300));
  for (int i = 0; i < 10; ++i) EXPECT_EQ(AskA(**backends), grpc::StatusCode::NOT_FOUND) << "call " << i << " went to a";
}

TEST(BackendsTest, AGetThatFindsItsReplicaGoneIsAnsweredByAnother) {
  Replica a("a"), b("b");
  auto backends = Backends::Create({absl::StrCat("svc=", a.address(), "|", b.address())});
  ASSERT_TRUE(backends.ok());
  for (int i = 0; i < 4; ++i) AskA(**backends);  // both channels connected
  a.Kill();
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(AskA(**backends, /*idempotent=*/true), grpc::StatusCode::NOT_FOUND) << "call " << i;
  }
  // Plain calls (writes) are not sent twice, but once the channel knows, they avoid the dead one.
  absl::SleepFor(absl::Milliseconds(200));
  for (int i = 0; i < 10; ++i) EXPECT_EQ(AskA(**backends), grpc::StatusCode::NOT_FOUND) << "call " << i;
}

TEST(BackendsTest, AWriteIsNotSentTwice) {
  Replica b("b");
  int dead_port = testing::FreePort();  // nothing listens there
  auto backends = Backends::Create({absl::StrCat("svc=127.0.0.1:", dead_port, "|", b.address())});
  ASSERT_TRUE(backends.ok());
  int unavailable = 0;
  for (int i = 0; i < 2; ++i) unavailable += AskA(**backends) == grpc::StatusCode::UNAVAILABLE;
  EXPECT_EQ(unavailable, 1);  // the one that went to the dead address fails; the caller decides
}

TEST(BackendsTest, EntriesAreCheckedAtStart) {
  for (const char* bad : {"svc", "=127.0.0.1:1", "svc=127.0.0.1:1|", "svc=nohost", "svc=dns:///",
                          "svc=127.0.0.1:1|dns:///x:1"}) {
    EXPECT_EQ(Backends::Create({bad}).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  auto twice = Backends::Create({"svc=127.0.0.1:1", "svc=127.0.0.1:2"});
  EXPECT_NE(twice.status().message().find("listed twice"), std::string::npos);
  auto dns = Backends::Create({"svc=dns:///localhost:7101", "other=unix:/run/laso/other.sock"});
  ASSERT_TRUE(dns.ok()) << dns.status();
  EXPECT_EQ((*dns)->Replicas("svc"), 1);
}

}  // namespace
}  // namespace laso::gateway

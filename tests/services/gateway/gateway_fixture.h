#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "common/config/config.h"
#include "common/http/server.h"
#include "common/testing/grpc_test_server.h"
#include "common/testing/http_test_client.h"
#include "common/testing/redis_server.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "services/gateway/gateway.h"
#include "tests/support/echo_service.h"
#include "tools/fake-zalo/fake_zalo.h"

namespace laso::gateway {

// A gateway on a real socket in front of the test-only services on a real
// gRPC socket, with a real redis-server and fake-zalo on loopback. The gateway
// knows the test services only from their descriptor set file.
class GatewayTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Tests adjust configuration here before the gateway starts.
  virtual void Configure(config::Config& config) {}

  void StartGateway();
  void StopBackend() { backend_.reset(); }

  // A resident signed in through fake-zalo (with a verified phone if given).
  std::string CitizenToken(const std::string& phone = "");
  // A resident's session that carries acceptance of privacy notice version 1
  // (as the privacy service's fresh token does), minted here.
  std::string ConsentedCitizenToken(const std::string& zalo_id);
  // A person's access token (operator, officer, supervisor, admin; in `session`, "session-<name>" by
  // default) or a machine token (integration, tracker; id "mt-<name>"), signed with the gateway's key.
  std::string StaffToken(rpc::Role role, const std::string& name, const std::string& agency = "",
                         const std::string& session = "");
  // Writes revocations ("s:<session>", "t:<token>") into Redis as the staff service does, with the
  // mark that the list is complete unless told not to.
  void PublishRevocations(const std::vector<std::string>& ids, bool complete = true);
  // Repeats a request until it answers `status` (or 10 s pass); returns the last status.
  static int PollUntil(int status, const std::function<int()>& request);
  static testing::HttpTestClient::Headers Bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }

  testing::TempDir dir_;
  testing::RedisServer redis_;
  fakezalo::FakeZalo zalo_{fakezalo::Options{.app_secret = "test-app-secret"}};
  std::unique_ptr<http::Server> zalo_server_;
  std::unique_ptr<testing::TestIdentity> identity_;
  std::unique_ptr<testing::EchoService> echo_;
  std::unique_ptr<testing::LibraryService> library_;
  std::unique_ptr<testing::GrpcTestServer> backend_;
  std::unique_ptr<Gateway> gateway_;
  std::unique_ptr<testing::HttpTestClient> client_;
  int backend_port_ = 0;
};

}  // namespace laso::gateway

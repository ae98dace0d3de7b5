#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/testing/http_test_client.h"
#include "common/testing/ports.h"
#include "common/testing/redis_server.h"
#include "common/testing/subprocess.h"
#include "tests/e2e/account_services.h"
#include "common/testing/temp_dir.h"

namespace laso {

// The feedback service behind the gateway, as tools/up runs them, with the
// demo catalogue loaded by `laso import feedback-catalog`.
class FeedbackE2eTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void StartFeedback();
  // A token from `laso token`, as an Authorization header.
  testing::HttpTestClient::Headers Token(const std::vector<std::string>& args);
  // fake-zalo's demo resident: phone 84901234567 verified, or not.
  testing::HttpTestClient::Headers Resident(bool verified_phone = true);
  static nlohmann::json Pothole();

  testing::TempDir dir_;
  testing::RedisServer redis_;
  testing::Subprocess zalo_, feedback_, gateway_;
  testing::AccountServices staff_;
  std::vector<std::string> env_;
  int http_port_ = testing::FreePort();
  testing::HttpTestClient http_{http_port_};
};

}  // namespace laso

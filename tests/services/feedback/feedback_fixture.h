#pragma once

#include <memory>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/crypto/pii_vault.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/shipped_calendar.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "services/feedback/attachment_files.h"
#include "services/feedback/attachments.h"
#include "services/feedback/feedbacks.h"
#include "services/feedback/sql_feedback_store.h"

namespace laso::feedback {

absl::Time At(const char* rfc3339);

// Everything real but the clock: a SQLite file, attachment files, key files,
// the shipped calendar and province boundary, and the demo catalogue.
class FeedbackTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  FeedbackTest();

  static rpc::Caller Resident(const std::string& id = "101", const std::string& phone = "0901234567") {
    rpc::Caller c = testing::TestIdentity::Citizen(id, phone);
    c.set_name("Nguyễn Thị Lan");
    return c;
  }
  static rpc::Caller Operator() { return testing::TestIdentity::Staff(rpc::Role::OPERATOR, "op-1"); }
  static rpc::Caller Officer(const std::string& agency) {
    return testing::TestIdentity::Staff(rpc::Role::OFFICER, "officer-" + agency, agency);
  }
  static rpc::Caller Admin() { return testing::TestIdentity::Staff(rpc::Role::ADMIN, "admin"); }
  static rpc::Caller Anonymous() { return testing::TestIdentity::Anonymous(); }

  // A pothole in Phường Tân An (routed to the Department of Construction).
  static v1::CreateFeedbackRequest Pothole(double lat = 10.5366, double lng = 106.4137);
  // Creates and expects success.
  v1::CreateFeedbackResponse CreateOk(const v1::CreateFeedbackRequest& req, const rpc::Caller& caller = Resident(),
                                      const std::string& key = "");
  // Assigned, accepted and answered in public by so-xd.
  std::string Answered();
  v1::Feedback GetAs(const std::string& id, const rpc::Caller& caller);
  std::vector<nlohmann::json> Outbox();  // {type, payload}
  std::string DatabaseBytes();

  testing::TempDir dir_;
  FakeClock clock_{At("2026-03-16T09:00:00+07:00")};  // a Monday
  testing::TestDatabase database_{GetParam(), dir_.path(), "feedback"};
  std::unique_ptr<SqlFeedbackStore> store_;
  std::unique_ptr<crypto::PiiVault> vault_;
  std::unique_ptr<crypto::PiiVault> events_vault_;
  std::unique_ptr<AttachmentFiles> files_;
  std::unique_ptr<Attachments> attachments_;
  Catalog catalog_;
  std::unique_ptr<Feedbacks> feedbacks_;
};

}  // namespace laso::feedback

#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/crypto/pii_vault.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "services/billing/bills.h"
#include "services/billing/sql_billing_store.h"

namespace laso::billing {

// A real SQLite file, key files, the shipped providers, a fake clock.
class BillingTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  static constexpr char kPhoneKey[] = "shared-with-evn";
  static constexpr char kCheckoutKey[] = "zalo-checkout-private-key";

  BillingTest();
  static rpc::Caller Resident(const std::string& id = "101", const std::string& phone = "84901234567") {
    return testing::TestIdentity::Citizen(id, phone);
  }
  static rpc::Caller Utility() { return testing::TestIdentity::Staff(rpc::Role::INTEGRATION, "evn-longan"); }
  static rpc::Caller Admin() { return testing::TestIdentity::Staff(rpc::Role::ADMIN, "admin"); }
  // A JSON line for one EVN bill of `kwh` in October 2026 (VAT 8%), total as the tariff says.
  static nlohmann::json EvnBill(const std::string& customer, int64_t kwh, const std::string& phone = "0901234567");
  v1::ImportBillsResponse ImportOk(const std::string& body);
  std::vector<nlohmann::json> Outbox();

  testing::TempDir dir_;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 5, 9, 0, 0), absl::FixedTimeZone(7 * 3600))};
  testing::TestDatabase database_{GetParam(), dir_.path(), "billing"};
  std::unique_ptr<SqlBillingStore> store_;
  std::unique_ptr<crypto::PiiVault> vault_;
  std::unique_ptr<Bills> bills_;
};

}  // namespace laso::billing

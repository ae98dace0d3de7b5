#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"
#include "common/testing/test_identity.h"
#include "services/waste/sql_waste_store.h"
#include "services/waste/waste_collection.h"

namespace laso::waste {

// A real SQLite file, the shipped boundary and guide, the demo routes, a fake clock.
class WasteTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  WasteTest();
  void PutDemoRoute(const std::string& id);
  void Restart();  // a new WasteCollection over the same database
  // A second replica: its own connections to the same database, its own memory.
  WasteCollection& SecondReplica();
  static rpc::Caller Admin() { return testing::TestIdentity::Staff(rpc::Role::ADMIN, "admin"); }
  static rpc::Caller Tracker(const std::string& vehicle) {
    return testing::TestIdentity::Staff(rpc::Role::TRACKER, "tracker-" + vehicle, vehicle);
  }
  // Posts fixes for a vehicle, to `replica` (default: the first).
  v1::PostPositionsResponse Post(const std::string& vehicle, std::vector<std::tuple<double, double, absl::Time>> fixes,
                                 WasteCollection* replica = nullptr);

  // At half past five, the truck's first leg past the demo route's fourth stop: half reported to the
  // first replica, half to `second`, then a fix by the stop (replicas_test.cc).
  void DriveByTheStop(WasteCollection& second);

  testing::TempDir dir_;
  // Monday 23 November 2026, 05:00 in Tân An.
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 23, 5, 0, 0), absl::FixedTimeZone(7 * 3600))};
  testing::TestDatabase database_{GetParam(), dir_.path(), "waste"};
  std::unique_ptr<SqlWasteStore> store_;
  std::unique_ptr<crypto::PiiVault> vault_;
  std::unique_ptr<WasteCollection> waste_;
  std::unique_ptr<sql::Database> second_db_;
  std::unique_ptr<SqlWasteStore> second_store_;
  std::unique_ptr<WasteCollection> second_;

 private:
  std::unique_ptr<WasteCollection> NewCollection(WasteStore& store);
};

}  // namespace laso::waste

#include "common/audit/audit.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/testing/test_identity.h"

namespace laso::audit {
namespace {

using rpc::Role;
using testing::TestIdentity;

TEST(AuditTest, AnEventCarriesWhoWhatWhenAndFromWhereAndReadsBack) {
  FakeClock clock(absl::FromUnixSeconds(1796000000));
  rpc::Caller officer = TestIdentity::Staff(Role::OFFICER, "lan.nt", "so-xd");
  officer.set_client_ip("10.1.2.3");
  Entry entry{"read", "feedback/PA-2612-00001", {"reporter.name", "reporter.phone"}, "zalo:3000000000000000001",
              "gọi lại xác minh"};
  outbox::Event event = EventOf("feedback", officer, entry, clock);
  EXPECT_EQ(event.type, kEventType);
  EXPECT_EQ(event.subject, "feedback/PA-2612-00001");

  auto back = Parse(event.id, event.payload);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->event_id, event.id);
  EXPECT_EQ(back->service, "feedback");
  EXPECT_EQ(back->actor, officer.subject());
  EXPECT_EQ(back->actor_role, "officer");
  EXPECT_EQ(back->agency, "so-xd");
  EXPECT_EQ(back->ip, "10.1.2.3");
  EXPECT_EQ(back->at, clock.Now());
  EXPECT_EQ(back->entry.action, "read");
  EXPECT_EQ(back->entry.fields, entry.fields);
  EXPECT_EQ(back->entry.person, entry.person);
  EXPECT_EQ(back->entry.reason, "gọi lại xác minh");
}

TEST(AuditTest, ABrokenEventIsRefusedNamingWhatIsWrong) {
  EXPECT_FALSE(Parse("e1", "not json").ok());
  EXPECT_FALSE(Parse("e1", "[]").ok());
  auto missing = Parse("e1", R"({"service":"feedback"})");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(std::string(missing.status().message()).find("actor"), std::string::npos) << missing.status();
  FakeClock clock(absl::FromUnixSeconds(1796000000));
  auto event = EventOf("staff", TestIdentity::Staff(Role::ADMIN, "root"), Entry{"staff.disable", "staff/x", {}, "", ""},
                       clock);
  nlohmann::json doc = nlohmann::json::parse(event.payload);
  doc["fields"] = "reporter.phone";
  EXPECT_FALSE(Parse("e1", doc.dump()).ok());
  doc["fields"] = nlohmann::json::array();
  doc["at"] = "yesterday";
  EXPECT_FALSE(Parse("e1", doc.dump()).ok());
}

TEST(AuditTest, StaffAreAuditedResidentsMachinesAndTheSystemAreNot) {
  for (Role r : {Role::OPERATOR, Role::OFFICER, Role::SUPERVISOR, Role::ADMIN, Role::DPO}) {
    EXPECT_TRUE(IsAudited(TestIdentity::Staff(r, "x", r == Role::OFFICER || r == Role::SUPERVISOR ? "so-xd" : "")))
        << rpc::RoleName(r);
  }
  EXPECT_FALSE(IsAudited(TestIdentity::Citizen("3000000000000000001")));
  EXPECT_FALSE(IsAudited(TestIdentity::Anonymous()));
  rpc::Caller machine;
  machine.set_role(Role::INTEGRATION);
  EXPECT_FALSE(IsAudited(machine));
}

TEST(AuditTest, AnActOnNoOnesDataIsRecordedForStaffAndNotForMachines) {
  FakeClock clock(absl::FromUnixSeconds(1796000000));
  auto act = ActOf("waste", TestIdentity::Staff(Role::ADMIN, "root"), "waste.put_route", "route/tan-an-1",
                   "12 stops", clock);
  ASSERT_TRUE(act.has_value());
  auto back = Parse(act->id, act->payload);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->entry.action, "waste.put_route");
  EXPECT_EQ(back->entry.record, "route/tan-an-1");
  EXPECT_EQ(back->entry.reason, "12 stops");
  EXPECT_EQ(back->entry.person, "");
  EXPECT_TRUE(back->entry.fields.empty());
  rpc::Caller integration;
  integration.set_role(Role::INTEGRATION);
  integration.set_subject("machine:motcua");
  EXPECT_FALSE(ActOf("waste", integration, "waste.put_route", "route/tan-an-1", "", clock).has_value());
}

}  // namespace
}  // namespace laso::audit

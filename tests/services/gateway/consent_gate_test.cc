#include "services/gateway/consent_gate.h"

#include <gtest/gtest.h>

#include "common/status/status.h"
#include "common/testing/test_identity.h"
#include "laso/privacy/v1/privacy.pb.h"
#include "services/gateway/auth_service.h"

namespace laso::gateway {
namespace {

using testing::TestIdentity;

laso::api::Access PersonalData() {
  laso::api::Access access;
  access.set_personal_data(true);
  return access;
}

TEST(ConsentGateTest, AResidentWithoutConsentIsRefusedOnlyWherePersonalDataIsTaken) {
  rpc::Caller without = TestIdentity::Citizen("1");
  without.set_consent_version(0);
  absl::Status refused = ConsentGate(PersonalData(), without);
  EXPECT_EQ(refused.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(refused), "CONSENT_REQUIRED");
  EXPECT_TRUE(ConsentGate(laso::api::Access(), without).ok());  // reading, or a route that takes none

  EXPECT_TRUE(ConsentGate(PersonalData(), TestIdentity::Citizen("2")).ok());  // accepted
  EXPECT_TRUE(ConsentGate(PersonalData(), TestIdentity::Staff(rpc::Role::OPERATOR, "tongdai-01")).ok());
  EXPECT_TRUE(ConsentGate(PersonalData(), TestIdentity::Staff(rpc::Role::INTEGRATION, "motcua")).ok());
}

TEST(ConsentGateTest, ASessionCarriesTheAcceptedVersionOnlyWhenItIsCurrent) {
  privacy::v1::Consents state;
  state.set_notice_version(2);
  state.set_accepted_version(1);
  state.set_acceptance_needed(true);
  auto* services = state.add_purposes();
  services->set_purpose("services");
  services->set_required(true);
  services->set_granted(true);
  auto* zalo = state.add_purposes();
  zalo->set_purpose("zalo_messages");
  zalo->set_granted(true);
  auto* location = state.add_purposes();
  location->set_purpose("location_reminders");

  auth::ResidentClaims claims{.zalo_id = "1", .consent_version = 7, .consents = {"stale"}};
  ApplyConsents(state.SerializeAsString(), &claims);
  EXPECT_EQ(claims.consent_version, 0);  // an earlier version: asked again
  EXPECT_EQ(claims.consents, std::vector<std::string>{"zalo_messages"});

  state.set_accepted_version(2);
  state.set_acceptance_needed(false);
  ApplyConsents(state.SerializeAsString(), &claims);
  EXPECT_EQ(claims.consent_version, 2);

  ApplyConsents("not a message \xff", &claims);  // unreadable: left as it was
  EXPECT_EQ(claims.consent_version, 2);
}

}  // namespace
}  // namespace laso::gateway

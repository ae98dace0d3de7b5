#include "common/testing/test_identity.h"

#include "common/crypto/random.h"

namespace laso::testing {

TestIdentity::TestIdentity(const Clock* clock) : TestIdentity(crypto::RandomBytes(32), clock) {}

TestIdentity::TestIdentity(std::string key, const Clock* clock)
    : key_(std::move(key)), verifier_(key_, absl::Minutes(5), clock), signer_(key_, clock) {}

rpc::Caller TestIdentity::Citizen(const std::string& zalo_id, const std::string& phone) {
  rpc::Caller caller;
  caller.set_role(rpc::Role::CITIZEN);
  caller.set_subject("zalo:" + zalo_id);
  caller.set_phone(phone);
  // Who accepted the privacy notice and granted every optional purpose, as most tests' residents have.
  caller.set_consent_version(1);
  caller.add_consents("zalo_messages");
  caller.add_consents("location_reminders");
  return caller;
}

rpc::Caller TestIdentity::Staff(rpc::Role role, const std::string& name, const std::string& agency) {
  rpc::Caller caller;
  caller.set_role(role);
  caller.set_subject("staff:" + name);
  caller.set_name("Cán bộ " + name);
  caller.set_agency(agency);
  return caller;
}

rpc::Caller TestIdentity::Anonymous() {
  rpc::Caller caller;
  caller.set_role(rpc::Role::ANONYMOUS);
  return caller;
}

}  // namespace laso::testing

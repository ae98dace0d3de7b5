#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/session_tokens.h"
#include "common/rpc/caller.h"
#include "common/time/clock.h"
#include "laso/privacy/v1/privacy.pb.h"
#include "services/privacy/notice.h"
#include "services/privacy/privacy_store.h"

// Residents' consent to the privacy notice: what they are shown, what they
// chose, and the change recorded (with a "privacy.consent_changed" event for
// the services that act on optional purposes) in one transaction.
namespace laso::privacy {

inline constexpr char kConsentChangedEvent[] = "privacy.consent_changed";

class ConsentBook {
 public:
  ConsentBook(PrivacyStore& store, const Notices& notices, const auth::SessionTokens& tokens, const Clock* clock)
      : store_(store), notices_(notices), tokens_(tokens), clock_(clock) {}

  absl::StatusOr<v1::PrivacyNotice> Notice(const v1::GetPrivacyNoticeRequest& req) const;
  absl::StatusOr<v1::Consents> Mine(const rpc::Caller& caller, const v1::GetMyConsentsRequest& req = {});
  // Records the choices and answers the state after, with a session token that carries it.
  absl::StatusOr<v1::Consents> Update(const rpc::Caller& caller, const v1::UpdateMyConsentsRequest& req);

 private:
  // The choices checked against the current notice: each purpose once, the required one granted.
  absl::StatusOr<std::vector<Choice>> CheckChoices(const v1::UpdateMyConsentsRequest& req) const;
  absl::StatusOr<v1::Consents> View(const std::string& subject, const std::vector<ConsentRow>& rows,
                                    bool with_history = true);
  outbox::Event ChangedEvent(const std::string& subject, const std::vector<ConsentRow>& after) const;

  PrivacyStore& store_;
  const Notices& notices_;
  const auth::SessionTokens& tokens_;
  const Clock* clock_;
};

// PERMISSION_DENIED unless the caller is a resident signed in with Zalo.
absl::Status RequireResident(const rpc::Caller& caller);

// The optional purposes of the current notice that `rows` grant, in the notice's order.
std::vector<std::string> GrantedOptional(const v1::PrivacyNotice& notice, const std::vector<ConsentRow>& rows);

}  // namespace laso::privacy

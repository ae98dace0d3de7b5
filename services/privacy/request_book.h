#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/crypto/pii_vault.h"
#include "common/outbox/stream_consumer.h"
#include "common/personal/personal_data.h"
#include "common/rpc/caller.h"
#include "common/sql/database.h"
#include "laso/api/httpbody.pb.h"
#include "laso/privacy/v1/privacy.pb.h"
#include "services/privacy/audit_book.h"
#include "services/privacy/consent_book.h"
#include "services/privacy/erased_sessions.h"
#include "services/privacy/request_store.h"
#include "services/privacy/sign_in_log.h"

// A resident's rights over their data, as the privacy service runs them: an
// export collects every holder's part (personal::Holders) into one document
// the resident downloads; an erasure forgets them here at once, ends their
// sessions, and asks every holder to forget them too. Both are requests on
// the event stream, answered by each service when it can (a service that is
// down answers when it returns).
namespace laso::privacy {

struct RequestOptions {
  // How long a ready export stays downloadable.
  absl::Duration keep_exports = absl::Hours(24 * 7);
  // How long a resident's sign-in is remembered.
  absl::Duration keep_sign_ins = absl::Hours(24 * 180);
};

class RequestBook {
 public:
  RequestBook(sql::Database& db, const crypto::PiiVault& vault, const crypto::PiiVault& events_vault,
              ConsentBook& consents, const AuditBook& audit, ErasedSessions* sessions, RequestOptions options,
              const Clock* clock)
      : db_(db), vault_(vault), events_vault_(events_vault), consents_(consents), audit_(audit), sessions_(sessions),
        options_(options), clock_(clock) {}

  // A sign-in, as the gateway tells it: recorded, and answered with the standing.
  absl::StatusOr<v1::Consents> BeginSession(const rpc::Caller& caller, const v1::BeginSessionRequest& req);

  absl::StatusOr<v1::DataExport> StartExport(const rpc::Caller& caller);
  absl::StatusOr<v1::DataExport> Export(const rpc::Caller& caller);
  absl::StatusOr<laso::api::HttpBody> Download(const rpc::Caller& caller);

  absl::StatusOr<v1::Erasure> EraseMe(const rpc::Caller& caller, const v1::EraseMeRequest& req);
  absl::StatusOr<v1::Erasure> EraseResident(const rpc::Caller& caller, const v1::EraseResidentRequest& req);
  absl::StatusOr<v1::Erasure> GetErasure(const rpc::Caller& caller, const v1::GetErasureRequest& req);

  // The services' answers in the batch, in the session's transaction.
  absl::StatusOr<int> Take(sql::Session& session, const std::vector<outbox::StreamEvent>& events) const;

  // Deletes expired exports, old sign-ins and the session keys no token can
  // need any more; how many exports (each kind counted in
  // laso_retention_erased_total: privacy.exports, privacy.sign_ins, privacy.session_keys).
  absl::StatusOr<int64_t> Sweep();
  // Puts every recent erasure on the revocation list again.
  absl::Status RepublishErasedSessions();

 private:
  absl::StatusOr<v1::Erasure> Erase(const personal::Person& person, const rpc::Caller& by, const std::string& reason);
  absl::StatusOr<std::optional<RequestRow>> LatestExport(const rpc::Caller& caller);
  absl::StatusOr<std::vector<AnswerRow>> Answers(const RequestRow& row, std::vector<v1::ServiceAnswer>* into,
                                                 bool with_summaries);

  sql::Database& db_;
  const crypto::PiiVault& vault_;
  const crypto::PiiVault& events_vault_;
  ConsentBook& consents_;
  const AuditBook& audit_;
  ErasedSessions* sessions_;  // may be null (tests without Redis)
  const RequestOptions options_;
  const Clock* clock_;
};

}  // namespace laso::privacy

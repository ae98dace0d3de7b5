#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/personal/personal_data.h"
#include "common/sql/database.h"

// Residents' requests about their data (exports, erasures) and the services'
// answers to them. A person is kept by key (a keyed hash of their subject);
// an erasure also keeps, while a token from before it could still be
// presented, the key the gateways refuse its sessions by.
namespace laso::privacy {

struct RequestRow {
  std::string id;
  personal::Kind kind = personal::Kind::kExport;
  std::string person_key;
  std::string session_key;  // an erasure's auth::ErasedKey, until its tokens are all expired
  absl::Time requested_at;
  std::string requested_by;  // the subject who asked (the resident, or the admin)
  bool done = false;
  std::optional<absl::Time> done_at;
  std::optional<absl::Time> expires_at;  // exports
};

struct AnswerRow {
  std::string service;
  absl::Time at;
  std::string body_sealed;
};

// The migration (privacy's number 3).
sql::Migration RequestMigration();

absl::Status InsertRequest(sql::Session& session, const RequestRow& row);
absl::StatusOr<std::optional<RequestRow>> LoadRequest(sql::Database& db, const std::string& id);
// The person's newest request of the kind.
absl::StatusOr<std::optional<RequestRow>> LatestRequest(sql::Database& db, const std::string& person_key,
                                                        personal::Kind kind);
absl::StatusOr<std::vector<AnswerRow>> AnswersOf(sql::Database& db, const std::string& request_id);

// Keeps a service's answer once (a repeat changes nothing); when every holder
// has answered, the request is done at `now` (and an export expires after
// `keep_exports`). Returns whether this answer completed it.
absl::StatusOr<bool> RecordAnswer(sql::Session& session, const std::string& request_id, const AnswerRow& answer,
                                  absl::Time now, absl::Duration keep_exports);

// Erasure here: the person's consents and their changes (by subject), their exports and answers (by key).
absl::StatusOr<int64_t> ForgetPerson(sql::Session& session, const std::string& subject, const std::string& person_key);

// Deletes exports (and their answers) expired before `now`; how many.
absl::StatusOr<int64_t> DeleteExpiredExports(sql::Database& db, absl::Time now);
// The session keys of erasures requested since `since` (for the revocation list).
absl::StatusOr<std::vector<std::pair<std::string, absl::Time>>> ErasedSessionKeys(sql::Database& db, absl::Time since);
// Clears the session keys of erasures requested before `before`; how many.
absl::StatusOr<int64_t> ForgetSessionKeys(sql::Database& db, absl::Time before);

}  // namespace laso::privacy

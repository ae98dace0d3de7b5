#include "services/privacy/privacy_store.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/sql/rows.h"
#include "common/sql/time_columns.h"
#include "common/status/macros.h"
#include "services/privacy/audit_store.h"
#include "services/privacy/request_store.h"
#include "services/privacy/sign_in_log.h"

namespace laso::privacy {
namespace {

using sql::FromMicros;
using sql::Micros;
using sql::Row;
using sql::Session;

sql::Migration ConsentMigration() {
  return {1, "consent to the privacy notice's purposes, and every change to it",
     "CREATE TABLE consents (subject TEXT NOT NULL, purpose TEXT NOT NULL, granted INTEGER NOT NULL,"
     " notice_version INTEGER NOT NULL, changed_at INTEGER NOT NULL, PRIMARY KEY (subject, purpose));"
     "CREATE TABLE consent_changes (seq INTEGER PRIMARY KEY, subject TEXT NOT NULL, purpose TEXT NOT NULL,"
     " granted INTEGER NOT NULL, notice_version INTEGER NOT NULL, at INTEGER NOT NULL, client TEXT NOT NULL);"
     "CREATE INDEX consent_changes_by_subject ON consent_changes(subject, seq);"};
}

ConsentRow ReadConsent(const Row& r) {
  return ConsentRow{r.Text(0), r.Int(1) != 0, static_cast<int>(r.Int(2)), FromMicros(r.Int(3))};
}

absl::StatusOr<std::vector<ConsentRow>> ReadConsents(Session& session, const std::string& subject) {
  return sql::Collect<ConsentRow>(
      session, "SELECT purpose, granted, notice_version, changed_at FROM consents WHERE subject = $1 ORDER BY purpose",
      ReadConsent, subject);
}

}  // namespace

absl::StatusOr<std::unique_ptr<PrivacyStore>> PrivacyStore::Open(sql::Database& db) {
  const sql::Migration migrations[] = {ConsentMigration(), AuditMigration(), RequestMigration(), SignInMigration()};
  if (auto s = outbox::MigrateWithOutbox(db, "privacy", migrations); !s.ok()) return s;
  return std::unique_ptr<PrivacyStore>(new PrivacyStore(db));
}

absl::StatusOr<std::vector<ConsentRow>> PrivacyStore::Consents(const std::string& subject) {
  return sql::ReadValue<std::vector<ConsentRow>>(db_, [&](Session& session) { return ReadConsents(session, subject); });
}

absl::StatusOr<std::vector<ChangeRow>> PrivacyStore::History(const std::string& subject, int limit) {
  return sql::ReadValue<std::vector<ChangeRow>>(db_, [&](Session& session) {
    return sql::Collect<ChangeRow>(
        session,
        "SELECT purpose, granted, notice_version, at, client FROM consent_changes WHERE subject = $1"
        " ORDER BY seq DESC LIMIT $2",
        [](const Row& r) {
          return ChangeRow{r.Text(0), r.Int(1) != 0, static_cast<int>(r.Int(2)), FromMicros(r.Int(3)), r.Text(4)};
        },
        subject, static_cast<int64_t>(limit));
  });
}

absl::StatusOr<std::vector<ConsentRow>> PrivacyStore::Record(const std::string& subject, int notice_version,
                                                             const std::vector<Choice>& choices,
                                                             const std::string& client, absl::Time now,
                                                             const OnChange& on_change) {
  std::vector<ConsentRow> after;
  auto status = db_.Write([&](Session& session) -> absl::Status {
    // Two devices of one resident at once: the second waits and compares with what the first wrote.
    LASO_RETURN_IF_ERROR(session.Lock(absl::StrCat("consent/", subject)));
    LASO_ASSIGN_OR_RETURN(auto before, ReadConsents(session, subject));
    std::map<std::string, ConsentRow> standing;
    for (auto& row : before) standing[row.purpose] = std::move(row);
    bool changed = false;
    for (const Choice& choice : choices) {
      auto it = standing.find(choice.purpose);
      if (it != standing.end() && it->second.granted == choice.granted && it->second.notice_version == notice_version) {
        continue;
      }
      changed = true;
      LASO_RETURN_IF_ERROR(session
                               .Execute("DELETE FROM consents WHERE subject = $1 AND purpose = $2", subject,
                                        choice.purpose)
                               .status());
      LASO_RETURN_IF_ERROR(session
                               .Execute("INSERT INTO consents (subject, purpose, granted, notice_version, changed_at)"
                                        " VALUES ($1, $2, $3, $4, $5)",
                                        subject, choice.purpose, choice.granted, static_cast<int64_t>(notice_version),
                                        Micros(now))
                               .status());
      LASO_RETURN_IF_ERROR(session
                               .Execute("INSERT INTO consent_changes (subject, purpose, granted, notice_version, at,"
                                        " client) VALUES ($1, $2, $3, $4, $5, $6)",
                                        subject, choice.purpose, choice.granted, static_cast<int64_t>(notice_version),
                                        Micros(now), client)
                               .status());
      standing[choice.purpose] = ConsentRow{choice.purpose, choice.granted, notice_version, now};
    }
    after.clear();
    for (auto& [purpose, row] : standing) after.push_back(row);
    if (!changed) return absl::OkStatus();
    for (const outbox::Event& event : on_change(after)) LASO_RETURN_IF_ERROR(outbox::Append(session, event));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return after;
}

}  // namespace laso::privacy

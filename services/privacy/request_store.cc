#include "services/privacy/request_store.h"

#include "absl/strings/str_cat.h"
#include "common/sql/rows.h"
#include "common/sql/time_columns.h"
#include "common/status/macros.h"

namespace laso::privacy {
namespace {

using sql::FromMicros;
using sql::Micros;
using sql::Row;
using sql::Session;

constexpr char kColumns[] =
    "SELECT id, kind, person_key, session_key, requested_at, requested_by, done_at, expires_at FROM privacy_requests";

RequestRow ReadRequest(const Row& r) {
  RequestRow out;
  out.id = r.Text(0);
  out.kind = r.Text(1) == "erase" ? personal::Kind::kErase : personal::Kind::kExport;
  out.person_key = r.Text(2);
  out.session_key = r.Text(3);
  out.requested_at = FromMicros(r.Int(4));
  out.requested_by = r.Text(5);
  if (auto done = sql::NullableInt(r, 6)) out.done_at = FromMicros(*done);
  out.done = out.done_at.has_value();
  if (auto expires = sql::NullableInt(r, 7)) out.expires_at = FromMicros(*expires);
  return out;
}

template <typename... Args>
absl::StatusOr<std::optional<RequestRow>> OneRequest(sql::Database& db, const std::string& sql, const Args&... args) {
  return sql::ReadValue<std::optional<RequestRow>>(
      db, [&](Session& session) -> absl::StatusOr<std::optional<RequestRow>> {
        std::optional<RequestRow> out;
        auto found = session.QueryRow(
            sql,
            [&](const Row& r) {
              out = ReadRequest(r);
              return absl::OkStatus();
            },
            args...);
        if (!found.ok()) return found.status();
        return out;
      });
}

}  // namespace

sql::Migration RequestMigration() {
  return {3, "residents' requests about their data (exports, erasures) and each service's answer",
          "CREATE TABLE privacy_requests (id TEXT PRIMARY KEY, kind TEXT NOT NULL, person_key TEXT NOT NULL,"
          " session_key TEXT NOT NULL, requested_at INTEGER NOT NULL, requested_by TEXT NOT NULL, done_at INTEGER,"
          " expires_at INTEGER);"
          "CREATE INDEX privacy_requests_by_person ON privacy_requests(person_key, kind, requested_at);"
          "CREATE TABLE privacy_answers (request_id TEXT NOT NULL, service TEXT NOT NULL, at INTEGER NOT NULL,"
          " body_sealed BLOB NOT NULL, PRIMARY KEY (request_id, service));"};
}

absl::Status InsertRequest(Session& session, const RequestRow& r) {
  return session
      .Execute("INSERT INTO privacy_requests (id, kind, person_key, session_key, requested_at, requested_by)"
               " VALUES ($1, $2, $3, $4, $5, $6)",
               r.id, personal::KindName(r.kind), r.person_key, r.session_key, Micros(r.requested_at), r.requested_by)
      .status();
}

absl::StatusOr<std::optional<RequestRow>> LoadRequest(sql::Database& db, const std::string& id) {
  return OneRequest(db, absl::StrCat(kColumns, " WHERE id = $1"), id);
}

absl::StatusOr<std::optional<RequestRow>> LatestRequest(sql::Database& db, const std::string& person_key,
                                                        personal::Kind kind) {
  return OneRequest(db, absl::StrCat(kColumns, " WHERE person_key = $1 AND kind = $2 ORDER BY requested_at DESC LIMIT 1"),
                    person_key, personal::KindName(kind));
}

absl::StatusOr<std::vector<AnswerRow>> AnswersOf(sql::Database& db, const std::string& request_id) {
  return sql::ReadValue<std::vector<AnswerRow>>(db, [&](Session& session) {
    return sql::Collect<AnswerRow>(
        session, "SELECT service, at, body_sealed FROM privacy_answers WHERE request_id = $1 ORDER BY service",
        [](const Row& r) { return AnswerRow{r.Text(0), FromMicros(r.Int(1)), r.Bytes(2)}; }, request_id);
  });
}

absl::StatusOr<bool> RecordAnswer(Session& session, const std::string& request_id, const AnswerRow& answer,
                                  absl::Time now, absl::Duration keep_exports) {
  // Answers of one request take turns, so exactly one of them sees the last one in.
  LASO_RETURN_IF_ERROR(session.Lock(absl::StrCat("privacy-request/", request_id)));
  LASO_ASSIGN_OR_RETURN(int64_t known, session.QueryInt("SELECT COUNT(*) FROM privacy_requests WHERE id = $1 AND done_at IS NULL", 0, request_id));
  if (known == 0) return false;  // done already, expired, or forgotten by an erasure
  LASO_ASSIGN_OR_RETURN(int64_t added,
                        session.Execute("INSERT INTO privacy_answers (request_id, service, at, body_sealed)"
                                        " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                                        request_id, answer.service, Micros(answer.at), sql::Blob{answer.body_sealed}));
  if (added == 0) return false;
  LASO_ASSIGN_OR_RETURN(
      int64_t answered, session.QueryInt("SELECT COUNT(*) FROM privacy_answers WHERE request_id = $1", 0, request_id));
  if (answered < static_cast<int64_t>(personal::Holders().size())) return false;
  LASO_RETURN_IF_ERROR(session
                           .Execute("UPDATE privacy_requests SET done_at = $2, expires_at = CASE WHEN kind = 'export'"
                                    " THEN $3 ELSE NULL END WHERE id = $1",
                                    request_id, Micros(now), Micros(now + keep_exports))
                           .status());
  return true;
}

absl::StatusOr<int64_t> ForgetPerson(Session& session, const std::string& subject, const std::string& person_key) {
  int64_t n = 0;
  for (const char* sql : {"DELETE FROM consents WHERE subject = $1", "DELETE FROM consent_changes WHERE subject = $1"}) {
    LASO_ASSIGN_OR_RETURN(int64_t deleted, session.Execute(sql, subject));
    n += deleted;
  }
  for (const char* sql :
       {"DELETE FROM privacy_answers WHERE request_id IN (SELECT id FROM privacy_requests WHERE person_key = $1 AND"
        " kind = 'export')",
        "DELETE FROM privacy_requests WHERE person_key = $1 AND kind = 'export'"}) {
    LASO_ASSIGN_OR_RETURN(int64_t deleted, session.Execute(sql, person_key));
    n += deleted;
  }
  return n;
}

absl::StatusOr<int64_t> DeleteExpiredExports(sql::Database& db, absl::Time now) {
  int64_t deleted = 0;
  auto s = db.Write([&](Session& session) -> absl::Status {
    LASO_RETURN_IF_ERROR(session
                             .Execute("DELETE FROM privacy_answers WHERE request_id IN (SELECT id FROM privacy_requests"
                                      " WHERE kind = 'export' AND expires_at < $1)",
                                      Micros(now))
                             .status());
    LASO_ASSIGN_OR_RETURN(deleted, session.Execute("DELETE FROM privacy_requests WHERE kind = 'export' AND expires_at < $1",
                                                   Micros(now)));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return deleted;
}

absl::StatusOr<std::vector<std::pair<std::string, absl::Time>>> ErasedSessionKeys(sql::Database& db, absl::Time since) {
  using Key = std::pair<std::string, absl::Time>;
  return sql::ReadValue<std::vector<Key>>(db, [&](Session& session) {
    return sql::Collect<Key>(
        session,
        "SELECT session_key, requested_at FROM privacy_requests WHERE kind = 'erase' AND session_key <> ''"
        " AND requested_at >= $1",
        [](const Row& r) { return Key{r.Text(0), FromMicros(r.Int(1))}; }, Micros(since));
  });
}

absl::StatusOr<int64_t> ForgetSessionKeys(sql::Database& db, absl::Time before) {
  return sql::WriteOne(db, "UPDATE privacy_requests SET session_key = '' WHERE session_key <> '' AND requested_at < $1",
                       Micros(before));
}

}  // namespace laso::privacy

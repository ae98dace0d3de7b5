#include "services/privacy/audit_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/crypto/hash.h"
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
    "seq, event_id, at, service, actor, actor_role, agency, ip, action, record, fields, person, reason, prev_hash,"
    " hash";
constexpr int kVerifyPage = 1000;

// Field names never hold a comma (they are "reporter.phone" and the like).
std::string JoinFields(const std::vector<std::string>& fields) { return absl::StrJoin(fields, ","); }

AuditRow ReadRow(const Row& r) {
  AuditRow out;
  out.seq = r.Int(0);
  audit::Recorded& rec = out.recorded;
  rec.event_id = r.Text(1);
  rec.at = FromMicros(r.Int(2));
  rec.service = r.Text(3);
  rec.actor = r.Text(4);
  rec.actor_role = r.Text(5);
  rec.agency = r.Text(6);
  rec.ip = r.Text(7);
  rec.entry.action = r.Text(8);
  rec.entry.record = r.Text(9);
  std::string fields = r.Text(10);
  if (!fields.empty()) rec.entry.fields = absl::StrSplit(fields, ',');
  rec.entry.person = r.Text(11);
  rec.entry.reason = r.Text(12);
  out.prev_hash = r.Text(13);
  out.hash = r.Text(14);
  return out;
}

}  // namespace

sql::Migration AuditMigration() {
  return {
    2, "the audit log: who read which personal field, and every staff action, as one hash chain",
    "CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, at INTEGER NOT NULL,"
    " service TEXT NOT NULL, actor TEXT NOT NULL, actor_role TEXT NOT NULL, agency TEXT NOT NULL, ip TEXT NOT NULL,"
    " action TEXT NOT NULL, record TEXT NOT NULL, fields TEXT NOT NULL, person TEXT NOT NULL, reason TEXT NOT NULL,"
    " prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE INDEX audit_by_person ON audit_log(person, seq);"
    "CREATE INDEX audit_by_actor ON audit_log(actor, seq);"
    "CREATE INDEX audit_by_time ON audit_log(at);"};
}

std::string ChainHash(const AuditRow& row) {
  const audit::Recorded& r = row.recorded;
  std::string content;
  for (const std::string& part :
       {row.prev_hash, absl::StrCat(row.seq), r.event_id, absl::StrCat(Micros(r.at)), r.service, r.actor, r.actor_role,
        r.agency, r.ip, r.entry.action, r.entry.record, JoinFields(r.entry.fields), r.entry.person, r.entry.reason}) {
    absl::StrAppend(&content, part.size(), ":", part, ";");
  }
  return crypto::Hex(crypto::Sha256(content));
}

absl::StatusOr<int> AppendAudit(Session& session, std::vector<AuditRow> rows) {
  // One chain: appenders (replicas reading the stream) take turns at its head.
  LASO_RETURN_IF_ERROR(session.Lock("audit-chain"));
  AuditRow head;
  head.hash = kChainStart;
  LASO_RETURN_IF_ERROR(session
                           .QueryRow("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                                     [&](const Row& r) {
                                       head.seq = r.Int(0);
                                       head.hash = r.Text(1);
                                       return absl::OkStatus();
                                     })
                           .status());
  int appended = 0;
  for (AuditRow& row : rows) {
    LASO_ASSIGN_OR_RETURN(int64_t kept, session.QueryInt("SELECT COUNT(*) FROM audit_log WHERE event_id = $1", 0,
                                                         row.recorded.event_id));
    if (kept > 0) continue;
    row.seq = head.seq + 1;
    row.prev_hash = head.hash;
    row.hash = ChainHash(row);
    const audit::Recorded& r = row.recorded;
    LASO_RETURN_IF_ERROR(
        session
            .Execute(absl::StrCat("INSERT INTO audit_log (", kColumns,
                                  ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"),
                     row.seq, r.event_id, Micros(r.at), r.service, r.actor, r.actor_role, r.agency, r.ip,
                     r.entry.action, r.entry.record, JoinFields(r.entry.fields), r.entry.person, r.entry.reason,
                     row.prev_hash, row.hash)
            .status());
    head = row;
    ++appended;
  }
  return appended;
}

absl::StatusOr<std::vector<AuditRow>> FindAudit(sql::Database& db, const AuditFilter& f) {
  const int64_t before = f.before_seq > 0 ? f.before_seq : INT64_MAX;
  const int64_t from = f.from == absl::InfinitePast() ? INT64_MIN : Micros(f.from);
  const int64_t to = f.to == absl::InfiniteFuture() ? INT64_MAX : Micros(f.to);
  return sql::ReadValue<std::vector<AuditRow>>(db, [&](Session& session) {
    return sql::Collect<AuditRow>(
        session,
        absl::StrCat("SELECT ", kColumns,
                     " FROM audit_log WHERE seq < $1 AND at >= $2 AND at < $3 AND ($4 = '' OR actor = $4)"
                     " AND ($5 = '' OR person = $5) AND ($6 = '' OR agency = $6) ORDER BY seq DESC LIMIT $7"),
        ReadRow, before, from, to, f.actor, f.person_key, f.agency, static_cast<int64_t>(f.limit));
  });
}

absl::StatusOr<ChainCheck> VerifyAuditChain(sql::Database& db) {
  ChainCheck out;
  out.head = kChainStart;
  int64_t after = 0;
  while (true) {
    auto page = sql::ReadValue<std::vector<AuditRow>>(db, [&](Session& session) {
      return sql::Collect<AuditRow>(
          session, absl::StrCat("SELECT ", kColumns, " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"), ReadRow,
          after, static_cast<int64_t>(kVerifyPage));
    });
    if (!page.ok()) return page.status();
    for (const AuditRow& row : *page) {
      std::string problem;
      if (row.seq != after + 1) {
        problem = absl::StrCat("entries ", after + 1, " to ", row.seq - 1, " are missing");
      } else if (row.prev_hash != out.head) {
        problem = "its link to the entry before does not match that entry's hash";
      } else if (ChainHash(row) != row.hash) {
        problem = "its content does not match its hash (edited)";
      }
      if (!problem.empty()) {
        out.broken_seq = row.seq;
        out.broken_event_id = row.recorded.event_id;
        out.problem = problem;
        return out;
      }
      out.head = row.hash;
      after = row.seq;
      ++out.entries;
    }
    if (page->size() < static_cast<size_t>(kVerifyPage)) return out;
  }
}

}  // namespace laso::privacy

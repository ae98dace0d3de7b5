#include "services/staff/staff_store.h"

#include "absl/strings/str_cat.h"
#include "common/sql/time_columns.h"
#include "common/outbox/outbox.h"
#include "common/status/macros.h"
#include "common/sql/rows.h"

namespace laso::staff {
namespace {

using sql::Blob;
using sql::Row;
using sql::Session;

const sql::Migration kMigrations[] = {
    {1, "staff accounts, sign-in sessions, refresh tokens, machine tokens",
     "CREATE TABLE staff_accounts (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, username TEXT NOT NULL UNIQUE,"
     " display_name TEXT NOT NULL, role INTEGER NOT NULL, agency TEXT NOT NULL, active INTEGER NOT NULL,"
     " password_hash TEXT NOT NULL, must_change_password INTEGER NOT NULL, totp_sealed BLOB NOT NULL,"
     " totp_last_step INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
     " last_sign_in_at INTEGER);"
     "CREATE INDEX staff_by_agency ON staff_accounts(agency, seq);"
     "CREATE TABLE staff_sessions (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL,"
     " created_at INTEGER NOT NULL, last_used_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
     " max_expires_at INTEGER NOT NULL, ended_at INTEGER, end_reason TEXT NOT NULL DEFAULT '',"
     " client_network TEXT NOT NULL DEFAULT '');"
     "CREATE INDEX sessions_by_account ON staff_sessions(account_id, seq);"
     "CREATE INDEX sessions_ended ON staff_sessions(ended_at) WHERE ended_at IS NOT NULL;"
     "CREATE TABLE refresh_tokens (hash TEXT PRIMARY KEY, session_id TEXT NOT NULL, expires_at INTEGER NOT NULL,"
     " spent_at INTEGER);"
     "CREATE INDEX refresh_by_session ON refresh_tokens(session_id);"
     "CREATE TABLE machine_tokens (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
     " role INTEGER NOT NULL, agency TEXT NOT NULL, created_by TEXT NOT NULL, created_at INTEGER NOT NULL,"
     " expires_at INTEGER NOT NULL, revoked_at INTEGER);"},
};

using sql::FromMicros;
using sql::Micros;

constexpr char kAccountColumns[] =
    "id, username, display_name, role, agency, active, password_hash, must_change_password, totp_sealed,"
    " totp_last_step, created_at, updated_at, last_sign_in_at, seq";

Account ReadAccount(const Row& r) {
  Account a;
  a.id = r.Text(0);
  a.username = r.Text(1);
  a.display_name = r.Text(2);
  a.role = static_cast<rpc::Role>(r.Int(3));
  a.agency = r.Text(4);
  a.active = r.Int(5) != 0;
  a.password_hash = r.Text(6);
  a.must_change_password = r.Int(7) != 0;
  a.totp_sealed = r.Bytes(8);
  a.totp_last_step = r.Int(9);
  a.created_at = FromMicros(r.Int(10));
  a.updated_at = FromMicros(r.Int(11));
  a.last_sign_in_at = sql::TimeColumn(r, 12);
  a.seq = r.Int(13);
  return a;
}

constexpr char kSessionColumns[] =
    "id, account_id, created_at, last_used_at, expires_at, max_expires_at, ended_at, end_reason, client_network, seq";

SessionRow ReadSession(const Row& r) {
  SessionRow s;
  s.id = r.Text(0);
  s.account_id = r.Text(1);
  s.created_at = FromMicros(r.Int(2));
  s.last_used_at = FromMicros(r.Int(3));
  s.expires_at = FromMicros(r.Int(4));
  s.max_expires_at = FromMicros(r.Int(5));
  s.ended_at = sql::TimeColumn(r, 6);
  s.end_reason = r.Text(7);
  s.client_network = r.Text(8);
  s.seq = r.Int(9);
  return s;
}

constexpr char kMachineColumns[] = "id, name, role, agency, created_by, created_at, expires_at, revoked_at, seq";

MachineTokenRow ReadMachine(const Row& r) {
  MachineTokenRow t;
  t.id = r.Text(0);
  t.name = r.Text(1);
  t.role = static_cast<rpc::Role>(r.Int(2));
  t.agency = r.Text(3);
  t.created_by = r.Text(4);
  t.created_at = FromMicros(r.Int(5));
  t.expires_at = FromMicros(r.Int(6));
  t.revoked_at = sql::TimeColumn(r, 7);
  t.seq = r.Int(8);
  return t;
}

template <typename T, typename Read, typename... Args>
absl::StatusOr<std::optional<T>> First(Session& session, absl::string_view sql, Read read, const Args&... args) {
  auto rows = sql::Collect<T>(session, sql, read, args...);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(std::move(rows->front()));
}

int64_t Before(int64_t before_seq) { return before_seq > 0 ? before_seq : INT64_MAX; }

}  // namespace

absl::StatusOr<std::unique_ptr<StaffStore>> StaffStore::Open(sql::Database& db) {
  if (auto s = outbox::MigrateWithOutbox(db, "staff", kMigrations); !s.ok()) return s;
  return std::unique_ptr<StaffStore>(new StaffStore(db));
}

absl::Status StaffStore::InsertAccount(const Account& a, const std::optional<outbox::Event>& audit) {
  auto n = WriteWithEvent(
      audit,
      "INSERT INTO staff_accounts (id, username, display_name, role, agency, active, password_hash,"
      " must_change_password, totp_sealed, totp_last_step, created_at, updated_at, last_sign_in_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      a.id, a.username, a.display_name, static_cast<int64_t>(a.role), a.agency, a.active, a.password_hash,
      a.must_change_password, Blob{a.totp_sealed}, a.totp_last_step, Micros(a.created_at), Micros(a.updated_at),
      Micros(a.last_sign_in_at));
  if (n.status().code() == absl::StatusCode::kAlreadyExists) {
    return absl::AlreadyExistsError(absl::StrCat("Tên đăng nhập ", a.username, " đã có người dùng."));
  }
  return n.status();
}

absl::StatusOr<std::optional<Account>> StaffStore::FindAccount(const std::string& username) {
  return sql::ReadValue<std::optional<Account>>(db_, [&](Session& session) {
    return First<Account>(session, absl::StrCat("SELECT ", kAccountColumns, " FROM staff_accounts WHERE username = $1"),
                          ReadAccount, username);
  });
}

absl::Status StaffStore::UpdateAccount(const Account& a, const std::optional<outbox::Event>& audit) {
  auto n = WriteWithEvent(audit,
                         "UPDATE staff_accounts SET display_name = $2, role = $3, agency = $4, active = $5,"
                         " password_hash = $6, must_change_password = $7, totp_sealed = $8, totp_last_step = $9,"
                         " updated_at = $10, last_sign_in_at = $11 WHERE id = $1",
                         a.id, a.display_name, static_cast<int64_t>(a.role), a.agency, a.active, a.password_hash,
                         a.must_change_password, Blob{a.totp_sealed}, a.totp_last_step, Micros(a.updated_at),
                         Micros(a.last_sign_in_at));
  if (!n.ok()) return n.status();
  if (*n == 0) return absl::NotFoundError(absl::StrCat("Không có tài khoản ", a.username, "."));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Account>> StaffStore::ListAccounts(const AccountFilter& f, int64_t before_seq, int limit) {
  return sql::ReadValue<std::vector<Account>>(db_, [&](Session& session) {
    return sql::Collect<Account>(
        session,
        absl::StrCat("SELECT ", kAccountColumns,
                     " FROM staff_accounts WHERE seq < $1 AND ($2 = '' OR agency = $2) AND ($3 = 0 OR role = $3)"
                     " AND ($4 = 1 OR active = 1) ORDER BY seq DESC LIMIT $5"),
        ReadAccount, Before(before_seq), f.agency, static_cast<int64_t>(f.role), f.include_disabled,
        static_cast<int64_t>(limit));
  });
}

absl::StatusOr<bool> StaffStore::SpendTotpStep(const std::string& account_id, int64_t step, absl::Time now) {
  return sql::ChangedOne(sql::WriteOne(
      db_, "UPDATE staff_accounts SET totp_last_step = $2, last_sign_in_at = $3 WHERE id = $1 AND totp_last_step < $2",
      account_id, step, Micros(now)));
}

absl::Status StaffStore::InsertSession(const SessionRow& s, const std::string& refresh_hash) {
  return db_.Write([&](Session& session) -> absl::Status {
    LASO_RETURN_IF_ERROR(session
                             .Execute("INSERT INTO staff_sessions (id, account_id, created_at, last_used_at, expires_at,"
                                      " max_expires_at, client_network) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                                      s.id, s.account_id, Micros(s.created_at), Micros(s.last_used_at),
                                      Micros(s.expires_at), Micros(s.max_expires_at), s.client_network)
                             .status());
    return session
        .Execute("INSERT INTO refresh_tokens (hash, session_id, expires_at) VALUES ($1, $2, $3)", refresh_hash, s.id,
                 Micros(s.expires_at))
        .status();
  });
}

absl::StatusOr<Rotation> StaffStore::Rotate(const std::string& refresh_hash, const std::string& next_hash,
                                            absl::Duration refresh_ttl, absl::Time now) {
  Rotation out;
  auto status = db_.Write([&](Session& session) -> absl::Status {
    out = Rotation();
    // Two replicas spending one token at once: the second waits here and then sees it spent.
    LASO_RETURN_IF_ERROR(session.Lock(absl::StrCat("refresh/", refresh_hash)));
    struct Token {
      std::string session_id;
      int64_t expires_at;
      bool spent;
    };
    LASO_ASSIGN_OR_RETURN(auto token, First<Token>(
                                          session, "SELECT session_id, expires_at, spent_at FROM refresh_tokens WHERE hash = $1",
                                          [](const Row& r) { return Token{r.Text(0), r.Int(1), !r.IsNull(2)}; },
                                          refresh_hash));
    if (!token) return absl::OkStatus();  // kUnknown
    LASO_ASSIGN_OR_RETURN(auto found, First<SessionRow>(session,
                                                        absl::StrCat("SELECT ", kSessionColumns,
                                                                     " FROM staff_sessions WHERE id = $1"),
                                                        ReadSession, token->session_id));
    if (!found) return absl::OkStatus();
    out.session = *found;
    if (token->spent) {
      out.outcome = Rotation::Outcome::kReused;
      if (found->ended_at) return absl::OkStatus();
      return session
          .Execute("UPDATE staff_sessions SET ended_at = $2, end_reason = 'refresh token reused' WHERE id = $1",
                   found->id, Micros(now))
          .status();
    }
    if (found->ended_at || FromMicros(token->expires_at) <= now) {
      out.outcome = Rotation::Outcome::kEnded;
      return absl::OkStatus();
    }
    LASO_ASSIGN_OR_RETURN(auto account, First<Account>(session,
                                                       absl::StrCat("SELECT ", kAccountColumns,
                                                                    " FROM staff_accounts WHERE id = $1"),
                                                       ReadAccount, found->account_id));
    if (!account || !account->active) {
      out.outcome = Rotation::Outcome::kEnded;
      return absl::OkStatus();
    }
    absl::Time next_expires = std::min(now + refresh_ttl, found->max_expires_at);
    LASO_RETURN_IF_ERROR(
        session.Execute("UPDATE refresh_tokens SET spent_at = $2 WHERE hash = $1", refresh_hash, Micros(now)).status());
    LASO_RETURN_IF_ERROR(session
                             .Execute("INSERT INTO refresh_tokens (hash, session_id, expires_at) VALUES ($1, $2, $3)",
                                      next_hash, found->id, Micros(next_expires))
                             .status());
    LASO_RETURN_IF_ERROR(session
                             .Execute("UPDATE staff_sessions SET last_used_at = $2, expires_at = $3 WHERE id = $1",
                                      found->id, Micros(now), Micros(next_expires))
                             .status());
    out.outcome = Rotation::Outcome::kRotated;
    out.session.last_used_at = now;
    out.session.expires_at = next_expires;
    out.account = std::move(*account);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<int> StaffStore::EndSession(const std::string& session_id, const std::string& reason, absl::Time now) {
  auto n = sql::WriteOne(db_,
                         "UPDATE staff_sessions SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL",
                         session_id, Micros(now), reason);
  if (!n.ok()) return n.status();
  return static_cast<int>(*n);
}

absl::StatusOr<int> StaffStore::EndSessionsOf(const std::string& account_id, const std::string& reason,
                                              absl::Time now, const std::optional<outbox::Event>& audit) {
  auto n = WriteWithEvent(audit,
                         "UPDATE staff_sessions SET ended_at = $2, end_reason = $3"
                         " WHERE account_id = $1 AND ended_at IS NULL AND max_expires_at > $2",
                         account_id, Micros(now), reason);
  if (!n.ok()) return n.status();
  return static_cast<int>(*n);
}

absl::StatusOr<std::vector<SessionRow>> StaffStore::ListSessions(const std::string& account_id, int64_t before_seq,
                                                                 int limit) {
  return sql::ReadValue<std::vector<SessionRow>>(db_, [&](Session& session) {
    return sql::Collect<SessionRow>(session,
                                    absl::StrCat("SELECT ", kSessionColumns,
                                                 " FROM staff_sessions WHERE account_id = $1 AND seq < $2"
                                                 " ORDER BY seq DESC LIMIT $3"),
                                    ReadSession, account_id, Before(before_seq), static_cast<int64_t>(limit));
  });
}

absl::Status StaffStore::InsertMachineToken(const MachineTokenRow& t, const std::optional<outbox::Event>& audit) {
  return WriteWithEvent(audit,
                       "INSERT INTO machine_tokens (id, name, role, agency, created_by, created_at, expires_at)"
                       " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       t.id, t.name, static_cast<int64_t>(t.role), t.agency, t.created_by, Micros(t.created_at),
                       Micros(t.expires_at))
      .status();
}

absl::StatusOr<std::vector<MachineTokenRow>> StaffStore::ListMachineTokens(bool include_ended, absl::Time now,
                                                                           int64_t before_seq, int limit) {
  return sql::ReadValue<std::vector<MachineTokenRow>>(db_, [&](Session& session) {
    return sql::Collect<MachineTokenRow>(
        session,
        absl::StrCat("SELECT ", kMachineColumns,
                     " FROM machine_tokens WHERE seq < $1 AND ($2 = 1 OR (revoked_at IS NULL AND expires_at > $3))"
                     " ORDER BY seq DESC LIMIT $4"),
        ReadMachine, Before(before_seq), include_ended, Micros(now), static_cast<int64_t>(limit));
  });
}

absl::StatusOr<MachineTokenRow> StaffStore::RevokeMachineToken(const std::string& id, absl::Time now,
                                                              const std::optional<outbox::Event>& audit) {
  std::optional<MachineTokenRow> out;
  auto status = db_.Write([&](Session& session) -> absl::Status {
    LASO_ASSIGN_OR_RETURN(
        int64_t revoked,
        session.Execute("UPDATE machine_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", id, Micros(now)));
    if (revoked > 0 && audit) LASO_RETURN_IF_ERROR(outbox::Append(session, *audit));
    LASO_ASSIGN_OR_RETURN(out, First<MachineTokenRow>(
                                   session, absl::StrCat("SELECT ", kMachineColumns, " FROM machine_tokens WHERE id = $1"),
                                   ReadMachine, id));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!out) return absl::NotFoundError(absl::StrCat("Không có mã truy cập ", id, "."));
  return *out;
}

absl::StatusOr<int64_t> StaffStore::ForgetSessions(absl::Time before) {
  int64_t forgotten = 0;
  auto status = db_.Write([&](Session& session) -> absl::Status {
    constexpr char kOver[] = "COALESCE(ended_at, max_expires_at) < $1";
    LASO_RETURN_IF_ERROR(session
                             .Execute(absl::StrCat("DELETE FROM refresh_tokens WHERE session_id IN"
                                                   " (SELECT id FROM staff_sessions WHERE ", kOver, ")"),
                                      Micros(before))
                             .status());
    LASO_ASSIGN_OR_RETURN(forgotten,
                          session.Execute(absl::StrCat("DELETE FROM staff_sessions WHERE ", kOver), Micros(before)));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return forgotten;
}

absl::StatusOr<std::vector<Revocation>> StaffStore::Revocations(absl::Time now, absl::Duration access_life) {
  return sql::ReadValue<std::vector<Revocation>>(db_, [&](Session& session) -> absl::StatusOr<std::vector<Revocation>> {
    LASO_ASSIGN_OR_RETURN(
        auto sessions,
        sql::Collect<Revocation>(
            session, "SELECT id, ended_at FROM staff_sessions WHERE ended_at IS NOT NULL AND ended_at > $1",
            [&](const Row& r) { return Revocation{absl::StrCat("s:", r.Text(0)), FromMicros(r.Int(1)) + access_life}; },
            Micros(now - access_life)));
    LASO_ASSIGN_OR_RETURN(auto tokens, sql::Collect<Revocation>(
                                           session,
                                           "SELECT id, expires_at FROM machine_tokens"
                                           " WHERE revoked_at IS NOT NULL AND expires_at > $1",
                                           [](const Row& r) {
                                             return Revocation{absl::StrCat("t:", r.Text(0)), FromMicros(r.Int(1))};
                                           },
                                           Micros(now)));
    sessions.insert(sessions.end(), tokens.begin(), tokens.end());
    return sessions;
  });
}

}  // namespace laso::staff

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox/outbox.h"
#include "common/rpc/caller.h"
#include "common/sql/database.h"

// The staff service's tables: accounts, sign-in sessions with their refresh
// tokens (only hashes), and machine tokens (only their records). Engine-neutral
// (sql::Database); every read that decides a write locks what it read.
namespace laso::staff {

struct Account {
  std::string id;  // ULID, never reused
  std::string username;
  std::string display_name;
  rpc::Role role = rpc::Role::ROLE_UNSPECIFIED;
  std::string agency;
  bool active = true;
  std::string password_hash;  // Argon2id string
  bool must_change_password = true;
  std::string totp_sealed;  // the TOTP secret, sealed with the service's vault
  int64_t totp_last_step = 0;  // the last step a code was accepted for: a code is good once
  absl::Time created_at;
  absl::Time updated_at;
  std::optional<absl::Time> last_sign_in_at;
  int64_t seq = 0;  // listing order
};

struct SessionRow {
  std::string id;
  std::string account_id;
  absl::Time created_at;
  absl::Time last_used_at;
  absl::Time expires_at;      // of the newest refresh token
  absl::Time max_expires_at;  // no refresh goes past this
  std::optional<absl::Time> ended_at;
  std::string end_reason;
  std::string client_network;
  int64_t seq = 0;
};

struct MachineTokenRow {
  std::string id;
  std::string name;
  rpc::Role role = rpc::Role::ROLE_UNSPECIFIED;
  std::string agency;
  std::string created_by;
  absl::Time created_at;
  absl::Time expires_at;
  std::optional<absl::Time> revoked_at;
  int64_t seq = 0;
};

struct AccountFilter {
  std::string agency;
  rpc::Role role = rpc::Role::ROLE_UNSPECIFIED;
  bool include_disabled = false;
};

// What spending a refresh token found.
struct Rotation {
  enum class Outcome { kRotated, kUnknown, kReused, kEnded };
  Outcome outcome = Outcome::kUnknown;
  SessionRow session;  // for kRotated, kReused and kEnded
  Account account;     // for kRotated
};

// A revoked session or machine token the gateways must refuse, until `until`.
struct Revocation {
  std::string id;  // "s:<session>" or "t:<token>", as access tokens name them
  absl::Time until;
};

class StaffStore {
 public:
  static absl::StatusOr<std::unique_ptr<StaffStore>> Open(sql::Database& db);

  // ALREADY_EXISTS when the username is taken.
  // With `audit`, the audit event of the change in the same transaction.
  absl::Status InsertAccount(const Account& account, const std::optional<outbox::Event>& audit = std::nullopt);
  absl::StatusOr<std::optional<Account>> FindAccount(const std::string& username);
  // Replaces the account's row (by id); NOT_FOUND if it is gone.
  absl::Status UpdateAccount(const Account& account, const std::optional<outbox::Event>& audit = std::nullopt);
  absl::StatusOr<std::vector<Account>> ListAccounts(const AccountFilter& filter, int64_t before_seq, int limit);
  // Records that a TOTP code for `step` was used: false when that step (or a
  // later one) was used already, so a code seen over a shoulder is good once.
  absl::StatusOr<bool> SpendTotpStep(const std::string& account_id, int64_t step, absl::Time now);

  // A new session with its first refresh token (by hash).
  absl::Status InsertSession(const SessionRow& session, const std::string& refresh_hash);
  // Spends `refresh_hash` and, when it was good, stores `next_hash` expiring at
  // `next_expires` (capped by the session's max) in the same transaction. A
  // spent token presented again ends its session (reason "refresh token reused").
  absl::StatusOr<Rotation> Rotate(const std::string& refresh_hash, const std::string& next_hash,
                                  absl::Duration refresh_ttl, absl::Time now);
  // Ends one session, or every open session of an account; how many ended.
  absl::StatusOr<int> EndSession(const std::string& session_id, const std::string& reason, absl::Time now);
  // With `audit`, each write below also appends that audit event in its transaction.
  absl::StatusOr<int> EndSessionsOf(const std::string& account_id, const std::string& reason, absl::Time now,
                                    const std::optional<outbox::Event>& audit = std::nullopt);
  absl::StatusOr<std::vector<SessionRow>> ListSessions(const std::string& account_id, int64_t before_seq, int limit);

  absl::Status InsertMachineToken(const MachineTokenRow& token, const std::optional<outbox::Event>& audit = std::nullopt);
  absl::StatusOr<std::vector<MachineTokenRow>> ListMachineTokens(bool include_ended, absl::Time now,
                                                                 int64_t before_seq, int limit);
  // Revokes a token (once; a second revoke keeps the first time). NOT_FOUND if there is none.
  absl::StatusOr<MachineTokenRow> RevokeMachineToken(const std::string& id, absl::Time now,
                                                     const std::optional<outbox::Event>& audit = std::nullopt);

  // Forgets the sign-in sessions that ended, or could no longer be refreshed,
  // before `before`, with their refresh tokens; how many sessions.
  absl::StatusOr<int64_t> ForgetSessions(absl::Time before);

  // Everything revoked whose tokens could still be presented at `now`: ended
  // sessions for `access_life` after they ended, revoked machine tokens until they expire.
  absl::StatusOr<std::vector<Revocation>> Revocations(absl::Time now, absl::Duration access_life);

 private:
  explicit StaffStore(sql::Database& db) : db_(db) {}
  // One statement and, when given, an event, in one transaction; returns the rows changed.
  template <typename... Args>
  absl::StatusOr<int64_t> WriteWithEvent(const std::optional<outbox::Event>& event, absl::string_view sql,
                                         const Args&... args) {
    int64_t changed = 0;
    auto s = db_.Write([&](sql::Session& session) -> absl::Status {
      auto n = session.Execute(sql, args...);
      if (!n.ok()) return n.status();
      changed = *n;
      return event ? outbox::Append(session, *event) : absl::OkStatus();
    });
    if (!s.ok()) return s;
    return changed;
  }
  sql::Database& db_;
};

}  // namespace laso::staff

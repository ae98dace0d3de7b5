#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/audit/audit.h"
#include "common/sql/database.h"

// The audit log: append-only, one hash chain. Each entry carries the hash of
// the one before it and its own hash over its content and that link, so an
// entry edited, removed or slipped in breaks the chain at that place
// (VerifyAuditChain, `laso audit verify`). Entries are unique by the event id
// they came from: an event read twice from the stream is kept once.
namespace laso::privacy {

struct AuditRow {
  int64_t seq = 0;
  audit::Recorded recorded;  // `entry.person` holds the person key, not the subject
  std::string prev_hash, hash;
};

// The hash that starts the chain.
inline constexpr char kChainStart[] = "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 (hex) over the previous entry's hash and every kept column of `row`
// but its own hash, each length-prefixed so no two contents hash alike.
std::string ChainHash(const AuditRow& row);

struct AuditFilter {
  std::string actor;       // "staff:lan.nt"
  std::string person_key;  // PersonKey(subject)
  std::string agency;      // the actor's agency
  absl::Time from = absl::InfinitePast(), to = absl::InfiniteFuture();  // [from, to)
  int64_t before_seq = 0;  // the page cursor: entries older than this one; 0 from the newest
  int limit = 100;
};

struct ChainCheck {
  int64_t entries = 0;
  std::string head;  // the newest entry's hash (kChainStart when empty)
  // The first entry that breaks the chain, with what is wrong with it.
  std::optional<int64_t> broken_seq;
  std::string broken_event_id, problem;
};

// The log's migration (privacy's number 2), for the privacy store to apply beside its own.
sql::Migration AuditMigration();

// Appends `rows` (their person key set, seq and hashes not) in the session's
// transaction, in order, after the chain's newest entry; those whose event id
// is already kept are skipped. Returns how many were appended.
absl::StatusOr<int> AppendAudit(sql::Session& session, std::vector<AuditRow> rows);

// Entries matching the filter, newest first.
absl::StatusOr<std::vector<AuditRow>> FindAudit(sql::Database& db, const AuditFilter& filter);

// Walks the whole chain from its start.
absl::StatusOr<ChainCheck> VerifyAuditChain(sql::Database& db);

}  // namespace laso::privacy

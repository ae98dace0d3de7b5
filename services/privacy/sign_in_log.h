#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/rpc/caller.h"
#include "common/sql/database.h"

// Residents' sign-ins (with Zalo, with a verified phone), as the gateway tells
// the privacy service when it issues a session: when, through which client,
// from which address. Part of a resident's export; erased with them; kept
// privacy.keep_sign_ins. A resident is kept by their person key.
namespace laso::privacy {

struct SignInRow {
  int64_t seq = 0;
  absl::Time at;
  std::string how;  // "zalo" or "zalo_phone"
  std::string client, ip;
};

// The table (privacy's migration 4).
sql::Migration SignInMigration();

absl::Status RecordSignIn(sql::Database& db, const std::string& person_key, const SignInRow& row);
// Newest first, at most `limit`.
absl::StatusOr<std::vector<SignInRow>> SignInsOf(sql::Database& db, const std::string& person_key, int limit);
absl::StatusOr<int64_t> ForgetSignIns(sql::Session& session, const std::string& person_key);
absl::StatusOr<int64_t> PruneSignIns(sql::Database& db, absl::Time before);

}  // namespace laso::privacy

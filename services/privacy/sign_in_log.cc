#include "services/privacy/sign_in_log.h"

#include "common/sql/rows.h"
#include "common/sql/time_columns.h"

namespace laso::privacy {

using sql::FromMicros;
using sql::Micros;

sql::Migration SignInMigration() {
  return {4, "residents' sign-ins: when, how, through which client and from where",
          "CREATE TABLE sign_ins (seq INTEGER PRIMARY KEY, person_key TEXT NOT NULL, at INTEGER NOT NULL,"
          " how TEXT NOT NULL, client TEXT NOT NULL, ip TEXT NOT NULL);"
          "CREATE INDEX sign_ins_by_person ON sign_ins(person_key, seq);"
          "CREATE INDEX sign_ins_by_time ON sign_ins(at);"};
}

absl::Status RecordSignIn(sql::Database& db, const std::string& person_key, const SignInRow& row) {
  return sql::WriteOne(db, "INSERT INTO sign_ins (person_key, at, how, client, ip) VALUES ($1, $2, $3, $4, $5)",
                       person_key, Micros(row.at), row.how, row.client, row.ip)
      .status();
}

absl::StatusOr<std::vector<SignInRow>> SignInsOf(sql::Database& db, const std::string& person_key, int limit) {
  return sql::ReadValue<std::vector<SignInRow>>(db, [&](sql::Session& session) {
    return sql::Collect<SignInRow>(
        session, "SELECT seq, at, how, client, ip FROM sign_ins WHERE person_key = $1 ORDER BY seq DESC LIMIT $2",
        [](const sql::Row& r) { return SignInRow{r.Int(0), FromMicros(r.Int(1)), r.Text(2), r.Text(3), r.Text(4)}; },
        person_key, static_cast<int64_t>(limit));
  });
}

absl::StatusOr<int64_t> ForgetSignIns(sql::Session& session, const std::string& person_key) {
  return session.Execute("DELETE FROM sign_ins WHERE person_key = $1", person_key);
}

absl::StatusOr<int64_t> PruneSignIns(sql::Database& db, absl::Time before) {
  return sql::WriteOne(db, "DELETE FROM sign_ins WHERE at < $1", Micros(before));
}

}  // namespace laso::privacy

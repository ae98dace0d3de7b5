#include "services/waste/sql_waste_store.h"

#include "absl/strings/str_cat.h"
#include "common/sql/time_columns.h"
#include "common/idempotency/sql_ledger.h"
#include "common/outbox/checkpoint.h"
#include "common/sql/data_versions.h"
#include "common/sql/rows.h"

namespace laso::waste {
namespace {

using sql::Blob;
using sql::Row;
using sql::Session;

const sql::Migration kMigrations[] = {
    {1, "routes, vehicle positions, subscriptions",
     "CREATE TABLE routes (id TEXT PRIMARY KEY, vehicle_id TEXT NOT NULL, body BLOB NOT NULL);"
     "CREATE TABLE fixes (vehicle_id TEXT NOT NULL, recorded_at INTEGER NOT NULL, lat REAL NOT NULL,"
     " lng REAL NOT NULL, speed REAL NOT NULL, heading REAL NOT NULL, PRIMARY KEY (vehicle_id, recorded_at))"
     " WITHOUT ROWID;"
     "CREATE INDEX fixes_by_time ON fixes(recorded_at);"
     "CREATE TABLE subscriptions (id TEXT PRIMARY KEY, subject TEXT NOT NULL, body BLOB NOT NULL);"
     "CREATE TABLE warnings (subscription_id TEXT NOT NULL, route_id TEXT NOT NULL, day TEXT NOT NULL,"
     " PRIMARY KEY (subscription_id, route_id, day)) WITHOUT ROWID;"},
    {2, "tracker device keys",
     "CREATE TABLE tracker_keys (vehicle_id TEXT PRIMARY KEY, key_sealed BLOB NOT NULL);"},
    {3, "positions and subscriptions numbered by data version, for other replicas to follow",
     "ALTER TABLE fixes ADD COLUMN batch INTEGER NOT NULL DEFAULT 0;"
     "CREATE INDEX fixes_by_batch ON fixes(batch);"
     "ALTER TABLE subscriptions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;"
     "CREATE INDEX subscriptions_by_version ON subscriptions(version);"},
    {4, "cancelled subscriptions (kept as their id, for other replicas to stop watching them)",
     "ALTER TABLE subscriptions ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0;"
     "CREATE INDEX subscriptions_by_subject ON subscriptions(subject, id);"},
};

using sql::FromMicros;
using sql::Micros;

constexpr char kFixColumns[] = "SELECT vehicle_id, recorded_at, lat, lng, speed, heading FROM fixes";

template <typename... Args>
absl::StatusOr<std::vector<Fix>> ReadFixes(sql::Database& db, absl::string_view sql, const Args&... args) {
  std::vector<Fix> out;
  auto s = sql::ReadEach(
      db, sql,
      [&](const Row& r) {
        out.push_back(Fix{r.Text(0), absl::FromUnixMicros(r.Int(1)), r.Double(2), r.Double(3), r.Double(4),
                          r.Double(5)});
        return absl::OkStatus();
      },
      args...);
  if (!s.ok()) return s;
  return out;
}

class SqlTx : public WasteStore::Tx {
 public:
  explicit SqlTx(Session& session) : session_(session) {}

  absl::Status PutRoute(const v1::Route& r) override {
    std::string body = r.SerializeAsString();
    auto put = session_.Execute(
        "INSERT INTO routes (id, vehicle_id, body) VALUES ($1, $2, $3)"
        " ON CONFLICT(id) DO UPDATE SET vehicle_id = $2, body = $3",
        r.id(), r.vehicle_id(), Blob{body});
    if (!put.ok()) return put.status();
    return sql::BumpVersion(session_, kRoutesVersion).status();
  }

  // A batch is numbered by the fixes version, so other replicas read what came after theirs.
  absl::StatusOr<int> AddFixes(const std::vector<Fix>& fixes) override {
    if (fixes.empty()) return 0;
    auto batch = sql::BumpVersion(session_, kFixesVersion);
    if (!batch.ok()) return batch.status();
    int added = 0;
    for (const Fix& f : fixes) {
      auto n = session_.Execute(
          "INSERT INTO fixes (vehicle_id, recorded_at, lat, lng, speed, heading, batch)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
          f.vehicle_id, Micros(f.recorded_at), f.lat, f.lng, f.speed, f.heading, *batch);
      if (!n.ok()) return n.status();
      added += static_cast<int>(*n);
    }
    return added;
  }

  absl::Status PutSubscription(const StoredSubscription& s) override {
    auto version = sql::BumpVersion(session_, kSubscriptionsVersion);
    if (!version.ok()) return version.status();
    std::string body = s.subscription.SerializeAsString();
    return session_
        .Execute("INSERT INTO subscriptions (id, subject, body, version) VALUES ($1, $2, $3, $4)",
                 s.subscription.id(), s.subject, Blob{body}, *version)
        .status();
  }

  absl::StatusOr<bool> CancelSubscription(const std::string& id, const std::string& subject) override {
    auto version = sql::BumpVersion(session_, kSubscriptionsVersion);
    if (!version.ok()) return version.status();
    v1::Subscription forgotten;  // the place and the routes go; the id tells replicas what to drop
    forgotten.set_id(id);
    std::string body = forgotten.SerializeAsString();
    return sql::ChangedOne(session_.Execute(
        "UPDATE subscriptions SET cancelled = 1, body = $3, version = $4 WHERE id = $1 AND subject = $2 AND cancelled = 0",
        id, subject, Blob{body}, *version));
  }

  absl::StatusOr<int> CancelSubscriptionsOf(const std::string& subject) override {
    auto ids = sql::Collect<std::string>(
        session_, "SELECT id FROM subscriptions WHERE subject = $1 AND cancelled = 0 ORDER BY id",
        [](const Row& r) { return r.Text(0); }, subject);
    if (!ids.ok()) return ids.status();
    int cancelled = 0;
    for (const std::string& id : *ids) {
      auto one = CancelSubscription(id, subject);
      if (!one.ok()) return one.status();
      cancelled += *one ? 1 : 0;
    }
    return cancelled;
  }

  absl::StatusOr<int> ForgetSubscriber(const std::string& subject) override {
    auto cancelled = CancelSubscriptionsOf(subject);
    if (!cancelled.ok()) return cancelled;
    auto unnamed = session_.Execute("UPDATE subscriptions SET subject = '' WHERE subject = $1", subject);
    if (!unnamed.ok()) return unnamed.status();
    return static_cast<int>(*unnamed);
  }

  absl::Status AdvanceStreamCheckpoint(const std::string& group,
                                       const std::vector<outbox::StreamEvent>& events) override {
    return outbox::AdvanceCheckpoint(session_, group, events);
  }

  absl::StatusOr<bool> RecordWarning(const std::string& subscription_id, const std::string& route_id,
                                     const std::string& day) override {
    return sql::ChangedOne(session_.Execute(
        "INSERT INTO warnings (subscription_id, route_id, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        subscription_id, route_id, day));
  }

  absl::Status PutTrackerKey(const std::string& vehicle_id, const std::string& sealed_key) override {
    return session_
        .Execute("INSERT INTO tracker_keys (vehicle_id, key_sealed) VALUES ($1, $2)"
                 " ON CONFLICT(vehicle_id) DO UPDATE SET key_sealed = $2",
                 vehicle_id, Blob{sealed_key})
        .status();
  }

  absl::Status Emit(const outbox::Event& event) override { return outbox::Append(session_, event); }
  idempotency::Ledger& Idempotency() override { return ledger_; }

 private:
  Session& session_;
  idempotency::SqlLedger ledger_{session_};
};

}  // namespace

absl::StatusOr<std::unique_ptr<SqlWasteStore>> SqlWasteStore::Open(sql::Database& db) {
  if (auto s = outbox::MigrateWithOutbox(db, "waste", kMigrations); !s.ok()) return s;
  if (auto s = idempotency::MigrateLedger(db); !s.ok()) return s;
  if (auto s = sql::MigrateDataVersions(db); !s.ok()) return s;
  return std::unique_ptr<SqlWasteStore>(new SqlWasteStore(db));
}

absl::Status SqlWasteStore::Write(const std::function<absl::Status(Tx&)>& work) {
  return sql::WriteThrough<SqlTx>(db_, work);
}

absl::StatusOr<std::vector<v1::Route>> SqlWasteStore::Routes() {
  return sql::ReadMessages<v1::Route>(db_, "SELECT body FROM routes ORDER BY id", 0, "route");
}

absl::StatusOr<std::vector<Fix>> SqlWasteStore::Fixes(const std::string& vehicle_id, absl::Time from,
                                                      absl::Time to) {
  return ReadFixes(db_,
                   absl::StrCat(kFixColumns,
                                " WHERE vehicle_id = $1 AND recorded_at >= $2 AND recorded_at < $3 ORDER BY recorded_at"),
                   vehicle_id, Micros(from), Micros(to));
}

absl::StatusOr<std::vector<Fix>> SqlWasteStore::FixesSince(absl::Time from) {
  return ReadFixes(db_, absl::StrCat(kFixColumns, " WHERE recorded_at >= $1 ORDER BY recorded_at, vehicle_id"),
                   Micros(from));
}

absl::StatusOr<std::vector<StoredSubscription>> SqlWasteStore::Subscriptions() {
  std::vector<StoredSubscription> out;
  auto s = sql::ReadEach(db_, "SELECT subject, body FROM subscriptions WHERE cancelled = 0 ORDER BY id", [&](const Row& row) {
    StoredSubscription& sub = out.emplace_back();
    sub.subject = row.Text(0);
    return sql::ParseColumn(row, 1, &sub.subscription, "waste subscription");
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<v1::Subscription>> SqlWasteStore::SubscriptionsOf(const std::string& subject) {
  return sql::ReadMessages<v1::Subscription>(
      db_, "SELECT body FROM subscriptions WHERE subject = $1 AND cancelled = 0 ORDER BY id", 0, "waste subscription",
      subject);
}

absl::StatusOr<int64_t> SqlWasteStore::Version(const std::string& name) { return sql::ReadVersion(db_, name); }

absl::StatusOr<Log<Fix>> SqlWasteStore::FixesAfter(int64_t version) {
  Log<Fix> out{{}, version};
  auto s = sql::ReadEach(
      db_,
      "SELECT vehicle_id, recorded_at, lat, lng, speed, heading, batch FROM fixes WHERE batch > $1"
      " ORDER BY batch, recorded_at, vehicle_id",
      [&](const Row& r) {
        out.items.push_back(Fix{r.Text(0), absl::FromUnixMicros(r.Int(1)), r.Double(2), r.Double(3), r.Double(4),
                                r.Double(5)});
        out.version = std::max(out.version, r.Int(6));
        return absl::OkStatus();
      },
      version);
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<Log<StoredSubscription>> SqlWasteStore::SubscriptionsAfter(int64_t version) {
  Log<StoredSubscription> out{{}, version};
  auto s = sql::ReadEach(
      db_, "SELECT subject, body, version, cancelled FROM subscriptions WHERE version > $1 ORDER BY version",
      [&](const Row& row) {
        StoredSubscription& sub = out.items.emplace_back();
        sub.subject = row.Text(0);
        sub.cancelled = row.Int(3) != 0;
        out.version = std::max(out.version, row.Int(2));
        return sql::ParseColumn(row, 1, &sub.subscription, "waste subscription");
      },
      version);
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<int64_t> SqlWasteStore::PruneFixes(absl::Time before) {
  return sql::WriteOne(db_, "DELETE FROM fixes WHERE recorded_at < $1", Micros(before));
}

absl::StatusOr<std::string> SqlWasteStore::StreamCheckpoint(const std::string& group) {
  return outbox::ReadCheckpoint(db_, group);
}

absl::StatusOr<std::string> SqlWasteStore::TrackerKey(const std::string& vehicle_id) {
  std::string sealed;
  auto s = sql::ReadEach(
      db_, "SELECT key_sealed FROM tracker_keys WHERE vehicle_id = $1",
      [&](const Row& row) {
        sealed = row.Bytes(0);
        return absl::OkStatus();
      },
      vehicle_id);
  if (!s.ok()) return s;
  return sealed;
}

}  // namespace laso::waste

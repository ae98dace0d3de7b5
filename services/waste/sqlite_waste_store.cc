#include "services/waste/sqlite_waste_store.h"

#include "common/sqlite/migrations.h"
#include "common/sqlite/transaction.h"

namespace laso::waste {
namespace {

using sqlite::Blob;
using sqlite::Connection;
using sqlite::Statement;

const sqlite::Migration kMigrations[] = {
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
};

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

absl::StatusOr<std::vector<Fix>> ReadFixes(Statement& s) {
  std::vector<Fix> out;
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(Fix{s.Text(0), absl::FromUnixMicros(s.Int(1)), s.Double(2), s.Double(3), s.Double(4), s.Double(5)});
  }
  s.Reset();
  return out;
}

class SqliteTx : public WasteStore::Tx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}

  absl::Status PutRoute(const v1::Route& r) override {
    std::string body = r.SerializeAsString();
    return conn_.Execute(
        "INSERT INTO routes (id, vehicle_id, body) VALUES (?1, ?2, ?3)"
        " ON CONFLICT(id) DO UPDATE SET vehicle_id = ?2, body = ?3",
        r.id(), r.vehicle_id(), Blob{body});
  }

  absl::StatusOr<int> AddFixes(const std::vector<Fix>& fixes) override {
    int added = 0;
    for (const Fix& f : fixes) {
      auto s = conn_.Execute(
          "INSERT INTO fixes (vehicle_id, recorded_at, lat, lng, speed, heading) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
          " ON CONFLICT DO NOTHING",
          f.vehicle_id, Micros(f.recorded_at), f.lat, f.lng, f.speed, f.heading);
      if (!s.ok()) return s;
      added += static_cast<int>(conn_.Changes());
    }
    return added;
  }

  absl::Status PutSubscription(const StoredSubscription& s) override {
    std::string body = s.subscription.SerializeAsString();
    return conn_.Execute("INSERT INTO subscriptions (id, subject, body) VALUES (?1, ?2, ?3)", s.subscription.id(),
                         s.subject, Blob{body});
  }

  absl::StatusOr<bool> RecordWarning(const std::string& subscription_id, const std::string& route_id,
                                     const std::string& day) override {
    auto s = conn_.Execute(
        "INSERT INTO warnings (subscription_id, route_id, day) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        subscription_id, route_id, day);
    if (!s.ok()) return s;
    return conn_.Changes() == 1;
  }

  absl::Status PutTrackerKey(const std::string& vehicle_id, const std::string& sealed_key) override {
    return conn_.Execute(
        "INSERT INTO tracker_keys (vehicle_id, key_sealed) VALUES (?1, ?2)"
        " ON CONFLICT(vehicle_id) DO UPDATE SET key_sealed = ?2",
        vehicle_id, Blob{sealed_key});
  }

  absl::Status Emit(const outbox::Event& event) override { return outbox::Append(conn_, event); }

 private:
  Connection& conn_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteWasteStore>> SqliteWasteStore::Open(sqlite::Pool& pool) {
  auto writer = pool.Writer();
  if (auto s = outbox::MigrateWithOutbox(*writer, "waste", kMigrations); !s.ok()) return s;
  return std::unique_ptr<SqliteWasteStore>(new SqliteWasteStore(pool));
}

absl::Status SqliteWasteStore::Write(const std::function<absl::Status(Tx&)>& work) {
  return sqlite::WriteThrough<SqliteTx>(pool_, work);
}

absl::StatusOr<std::vector<v1::Route>> SqliteWasteStore::Routes() {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare("SELECT body FROM routes ORDER BY id");
  if (!stmt.ok()) return stmt.status();
  std::vector<v1::Route> out;
  while (true) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    v1::Route r;
    if (r.ParseFromString((*stmt)->BlobAt(0))) out.push_back(std::move(r));
  }
  (*stmt)->Reset();
  return out;
}

absl::StatusOr<std::vector<Fix>> SqliteWasteStore::Fixes(const std::string& vehicle_id, absl::Time from,
                                                         absl::Time to) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare(
      "SELECT vehicle_id, recorded_at, lat, lng, speed, heading FROM fixes"
      " WHERE vehicle_id = ?1 AND recorded_at >= ?2 AND recorded_at < ?3 ORDER BY recorded_at");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(vehicle_id, Micros(from), Micros(to));
  return ReadFixes(**stmt);
}

absl::StatusOr<std::vector<Fix>> SqliteWasteStore::FixesSince(absl::Time from) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare(
      "SELECT vehicle_id, recorded_at, lat, lng, speed, heading FROM fixes WHERE recorded_at >= ?1"
      " ORDER BY recorded_at");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(Micros(from));
  return ReadFixes(**stmt);
}

absl::StatusOr<std::vector<StoredSubscription>> SqliteWasteStore::Subscriptions() {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare("SELECT subject, body FROM subscriptions");
  if (!stmt.ok()) return stmt.status();
  std::vector<StoredSubscription> out;
  while (true) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    StoredSubscription s;
    s.subject = (*stmt)->Text(0);
    if (s.subscription.ParseFromString((*stmt)->BlobAt(1))) out.push_back(std::move(s));
  }
  (*stmt)->Reset();
  return out;
}

absl::StatusOr<int64_t> SqliteWasteStore::PruneFixes(absl::Time before) {
  int64_t pruned = 0;
  auto s = sqlite::RunInTransaction(pool_, [&](Connection& conn) -> absl::Status {
    auto done = conn.Execute("DELETE FROM fixes WHERE recorded_at < ?1", Micros(before));
    pruned = conn.Changes();
    return done;
  });
  if (!s.ok()) return s;
  return pruned;
}

absl::StatusOr<std::string> SqliteWasteStore::TrackerKey(const std::string& vehicle_id) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare("SELECT key_sealed FROM tracker_keys WHERE vehicle_id = ?1");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(vehicle_id);
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  std::string sealed = *row ? (*stmt)->BlobAt(0) : std::string();
  (*stmt)->Reset();
  return sealed;
}

}  // namespace laso::waste

#include "common/pg/pg_database.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/random/random.h"
#include "common/pg/errors.h"
#include "common/pg/pg_lease.h"
#include "common/pg/uri.h"
#include "common/sql/ddl.h"
#include "common/sql/storage_errors.h"
#include "common/status/status.h"

namespace laso::pg {
namespace {

constexpr char kCreateMigrations[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " component TEXT NOT NULL,"
    " version BIGINT NOT NULL,"
    " description TEXT NOT NULL,"
    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
    " PRIMARY KEY (component, version))";

constexpr char kSchemaVersion[] =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE component = $1";

bool IsConflict(const absl::Status& s) { return absl::IsAborted(s) && ReasonOf(s) == kConflictReason; }

}  // namespace

absl::StatusOr<std::unique_ptr<sql::Lease>> PgDatabase::OpenLease(absl::string_view name) {
  return std::make_unique<PgLease>(options_, std::string(name));
}

absl::StatusOr<std::unique_ptr<PgDatabase>> PgDatabase::Open(const Options& options) {
  auto db = std::unique_ptr<PgDatabase>(new PgDatabase(options));
  auto first = Connection::Open(options);
  if (!first.ok()) return first.status();
  absl::MutexLock lock(&db->mu_);
  db->idle_.push_back(std::move(*first));
  db->open_ = 1;
  return db;
}

std::string PgDatabase::Describe() const { return RedactUri(options_.uri); }

int64_t PgDatabase::conflict_retries() const {
  absl::MutexLock lock(&mu_);
  return conflict_retries_;
}

PgDatabase::Borrowed::~Borrowed() {
  if (conn_ != nullptr) db_->Release(std::move(conn_));
}

absl::StatusOr<PgDatabase::Borrowed> PgDatabase::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    auto available = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < options_.pool_size;
    };
    mu_.Await(absl::Condition(&available));
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      return Borrowed(this, std::move(conn));
    }
    ++open_;  // a slot for the connection opened below, outside the lock
  }
  auto conn = Connection::Open(options_);
  if (!conn.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
    return sql::StorageError(conn.status().message());
  }
  return Borrowed(this, std::move(*conn));
}

void PgDatabase::Release(std::unique_ptr<Connection> conn) {
  absl::MutexLock lock(&mu_);
  if (conn->Broken()) {
    --open_;  // dropped: the next Acquire opens a new one
    return;
  }
  idle_.push_back(std::move(conn));
}

absl::Status PgDatabase::WriteOnce(sql::WorkFn work) {
  auto conn = Acquire();
  if (!conn.ok()) return conn.status();
  if (auto s = (*conn)->Script("BEGIN ISOLATION LEVEL READ COMMITTED"); !s.ok()) return s;
  absl::Status status = work(**conn);
  if (status.ok()) return (*conn)->Script("COMMIT");  // a failed COMMIT ends the transaction too
  if (!(*conn)->Broken()) (void)(*conn)->Script("ROLLBACK");
  return status;
}

absl::Status PgDatabase::Write(sql::WorkFn work) {
  absl::Duration pause = absl::Milliseconds(1);
  absl::BitGen jitter;
  for (int attempt = 0;; ++attempt) {
    absl::Status status = WriteOnce(work);
    if (!IsConflict(status) || attempt >= options_.max_conflict_retries) return status;
    {
      absl::MutexLock lock(&mu_);
      ++conflict_retries_;
    }
    // A random pause, growing, so two transactions that collided do not collide again in step.
    absl::SleepFor(pause * absl::Uniform(jitter, 0.5, 1.5));
    pause = std::min(pause * 2, absl::Milliseconds(200));
  }
}

absl::Status PgDatabase::Read(sql::WorkFn work) {
  auto conn = Acquire();
  if (!conn.ok()) return conn.status();
  return work(**conn);
}

absl::Status PgDatabase::Migrate(absl::string_view component, absl::Span<const sql::Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return absl::InternalError(absl::StrCat("migrations of ", component, " must be numbered 1, 2, 3...; found ",
                                              migrations[i].version, " at position ", i + 1));
    }
  }
  auto conn = Acquire();
  if (!conn.ok()) return conn.status();
  Connection& c = **conn;
  // One transaction under one lock for every process: a replica that starts
  // beside another waits, then finds the migrations applied.
  if (auto s = c.Script("BEGIN"); !s.ok()) return s;
  auto fail = [&](absl::Status s) {
    if (!c.Broken()) (void)c.Script("ROLLBACK");
    return s;
  };
  if (auto s = c.Lock("laso schema_migrations"); !s.ok()) return fail(s);
  if (auto s = c.Script(kCreateMigrations); !s.ok()) return fail(s);
  auto current = c.QueryInt(kSchemaVersion, 0, component);
  if (!current.ok()) return fail(current.status());
  for (const sql::Migration& m : migrations) {
    if (m.version <= *current) continue;
    std::string ddl = m.postgres.empty() ? sql::PostgresDdl(m.sql) : m.postgres;
    if (auto s = c.Script(ddl); !s.ok()) {
      return fail(absl::Status(s.code(), absl::StrCat("migration ", component, " #", m.version, " (",
                                                      m.description, "): ", s.message())));
    }
    auto recorded = c.Execute("INSERT INTO schema_migrations (component, version, description) VALUES ($1, $2, $3)",
                              component, m.version, m.description);
    if (!recorded.ok()) return fail(recorded.status());
  }
  return c.Script("COMMIT");
}

absl::StatusOr<int> PgDatabase::SchemaVersion(absl::string_view component) {
  int64_t version = 0;
  auto s = Read([&](sql::Session& session) -> absl::Status {
    auto exists = session.QueryInt("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'schema_migrations'", 0);
    if (!exists.ok()) return exists.status();
    if (*exists == 0) return absl::OkStatus();
    auto v = session.QueryInt(kSchemaVersion, 0, component);
    if (!v.ok()) return v.status();
    version = *v;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return static_cast<int>(version);
}

}  // namespace laso::pg

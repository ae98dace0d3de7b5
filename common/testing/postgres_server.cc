#include "common/testing/postgres_server.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/pg/connection.h"
#include "common/pg/pg_database.h"
#include "common/sqlite/sqlite_database.h"

namespace laso::testing {
namespace {

constexpr char kDir[] = "/tmp/laso-test-pg";
constexpr char kLock[] = "/tmp/laso-test-pg.lock";

std::string PgBin(const std::string& tool) {
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql")) {
    std::string path = entry.path().string() + "/bin/" + tool;
    if (access(path.c_str(), X_OK) == 0) return path;
  }
  return tool;  // on PATH, as on a system that installs PostgreSQL elsewhere
}

// As the postgres user when we are root: initdb and the server refuse to run as root.
std::string AsServerUser(const std::string& command) {
  return geteuid() == 0 ? absl::StrCat("runuser -u postgres -- ", command) : command;
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "test PostgreSQL server: %s (is Debian's postgresql installed? tools/test installs it)\n",
               what.c_str());
  std::abort();
}

void Run(const std::string& command) {
  if (std::system(command.c_str()) != 0) Fail("failed: " + command);
}

std::string AdminUri() { return absl::StrCat("postgresql://postgres@/postgres?host=", kDir); }

bool Answers() {
  pg::Options options{.uri = AdminUri(), .connect_timeout = absl::Seconds(2)};
  return pg::Connection::Open(options).ok();
}

void StartUnderLock() {
  int lock = open(kLock, O_CREAT | O_RDWR, 0666);
  if (lock < 0 || flock(lock, LOCK_EX) != 0) Fail("cannot lock " + std::string(kLock));
  if (!Answers()) {
    if (access(absl::StrCat(kDir, "/PG_VERSION").c_str(), F_OK) != 0) {
      std::filesystem::remove_all(kDir);
      Run(absl::StrCat("mkdir -m 0700 ", kDir));
      if (geteuid() == 0) Run(absl::StrCat("chown postgres:postgres ", kDir));
      Run(AsServerUser(absl::StrCat(PgBin("initdb"), " -D ", kDir,
                                    " -U postgres --auth=trust -E UTF8 --no-locale --no-sync > ", kDir,
                                    "-initdb.log 2>&1")));
    }
    std::string settings = absl::StrCat(
        "-c listen_addresses='' -c unix_socket_directories='", kDir,
        "' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
        " -c shared_buffers=128MB -c max_locks_per_transaction=256");
    Run(AsServerUser(absl::StrCat(PgBin("pg_ctl"), " -D ", kDir, " -l ", kDir, "/server.log -w -t 60 -o \"",
                                  settings, "\" start > /dev/null")));
    if (!Answers()) Fail("started, but does not answer; see " + std::string(kDir) + "/server.log");
  }
  flock(lock, LOCK_UN);
  close(lock);
}

std::unique_ptr<pg::Connection> AdminConnection() {
  auto conn = pg::Connection::Open({.uri = AdminUri()});
  if (!conn.ok()) Fail(std::string(conn.status().message()));
  return std::move(*conn);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ReadTree(const std::filesystem::path& dir) {
  std::string all;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file()) all += ReadFile(entry.path());
  }
  return all;
}

}  // namespace

PostgresServer& PostgresServer::Shared() {
  static PostgresServer* server = [] {
    StartUnderLock();
    return new PostgresServer(kDir);
  }();
  return *server;
}

std::string PostgresServer::Uri(const std::string& database) const {
  return absl::StrCat("postgresql://postgres@/", database, "?host=", dir_);
}

std::string PostgresServer::CreateDatabase() {
  static std::atomic<int> counter{0};
  std::string name = absl::StrCat("laso_test_", getpid(), "_", ++counter, "_", time(nullptr) % 100000);
  auto conn = AdminConnection();
  if (auto s = conn->Script(absl::StrCat("CREATE DATABASE ", name)); !s.ok()) {
    Fail(absl::StrCat("CREATE DATABASE ", name, ": ", s.message()));
  }
  return name;
}

void PostgresServer::DropDatabase(const std::string& name) {
  (void)AdminConnection()->Script(absl::StrCat("DROP DATABASE IF EXISTS ", name, " WITH (FORCE)"));
}

void PostgresServer::RecreateDatabase(const std::string& name) {
  DropDatabase(name);
  Admin(absl::StrCat("CREATE DATABASE ", name));
}

void PostgresServer::Admin(const std::string& sql) {
  if (auto s = AdminConnection()->Script(sql); !s.ok()) Fail(absl::StrCat(sql, ": ", s.message()));
}

std::string PostgresServer::DatabaseDir(const std::string& name) {
  auto conn = AdminConnection();
  auto oid = conn->QueryInt("SELECT oid FROM pg_database WHERE datname = $1", 0, name);
  if (!oid.ok() || *oid == 0) Fail("no database " + name);
  return absl::StrCat(dir_, "/base/", *oid);
}

TestDatabase::TestDatabase(sql::Engine engine, const std::string& dir, const std::string& name) : engine_(engine) {
  if (engine == sql::Engine::kSqlite) {
    location_ = absl::StrCat(dir, "/", name, ".db");
    auto db = sqlite::SqliteDatabase::Open({.path = location_}, 2);
    if (!db.ok()) Fail(std::string(db.status().message()));
    db_ = std::move(*db);
    return;
  }
  PostgresServer& server = PostgresServer::Shared();
  pg_database_ = server.CreateDatabase();
  location_ = server.Uri(pg_database_);
  db_ = OpenAnother();
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!pg_database_.empty()) PostgresServer::Shared().DropDatabase(pg_database_);
}

std::unique_ptr<sql::Database> TestDatabase::OpenAnother(int pool_size) const {
  if (engine_ == sql::Engine::kSqlite) {
    auto db = sqlite::SqliteDatabase::Open({.path = location_}, 2);
    if (!db.ok()) Fail(std::string(db.status().message()));
    return std::move(*db);
  }
  auto db = pg::PgDatabase::Open({.uri = location_, .pool_size = pool_size});
  if (!db.ok()) Fail(std::string(db.status().message()));
  return std::move(*db);
}

void TestDatabase::DropConnections() const {
  PostgresServer::Shared().Admin(absl::StrCat(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '", pg_database_, "'"));
}

std::string TestDatabase::DiskBytes() const {
  if (engine_ == sql::Engine::kSqlite) return ReadFile(location_) + ReadFile(location_ + "-wal");
  PostgresServer& server = PostgresServer::Shared();
  server.Admin("CHECKPOINT");
  return ReadTree(server.DatabaseDir(pg_database_)) + ReadTree(server.dir() + "/pg_wal");
}

}  // namespace laso::testing

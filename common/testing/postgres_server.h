#pragma once

#include <memory>
#include <string>

#include "common/sql/database.h"

namespace laso::testing {

// The real PostgreSQL server every test on this machine shares, started on first
// use by whichever test process needs it first (initdb and pg_ctl from Debian's
// postgresql, as the postgres user when running as root, since initdb refuses
// root). It listens only on a Unix socket in its own directory, so it takes no
// TCP port from anyone, and runs with fsync off: tests prove logic, benchmarks
// prove durability. It stays up for the next test process; `tools/test` stops it.
// Each test takes a database of its own (TestDatabase).
class PostgresServer {
 public:
  // Starts it if it is not running; aborts the test binary if it cannot.
  static PostgresServer& Shared();

  const std::string& dir() const { return dir_; }  // data directory and socket
  // A libpq URI for one database on this server (as the superuser).
  std::string Uri(const std::string& database) const;
  // A fresh, empty database with a name no other test process uses.
  std::string CreateDatabase();
  void DropDatabase(const std::string& name);
  // Drops the database and creates it again, empty, under the same name.
  void RecreateDatabase(const std::string& name);
  // Runs SQL as the superuser on the "postgres" database (CHECKPOINT, pg_terminate_backend ...).
  void Admin(const std::string& sql);
  // The directory holding one database's files: <dir>/base/<oid>.
  std::string DatabaseDir(const std::string& name);

 private:
  explicit PostgresServer(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

// A fresh database for one test on the engine asked for: a SQLite file in
// `dir`, or a new database on the shared PostgreSQL server (dropped at the end).
class TestDatabase {
 public:
  TestDatabase(sql::Engine engine, const std::string& dir, const std::string& name);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  sql::Engine engine() const { return engine_; }
  sql::Database& db() { return *db_; }
  // What <service>.database is set to for a process using this database.
  const std::string& location() const { return location_; }
  // A second, independent handle on the same database (another replica's pool).
  std::unique_ptr<sql::Database> OpenAnother(int pool_size = 8) const;
  // Every byte the engine keeps on disk for this database (file and WAL; for
  // PostgreSQL after a CHECKPOINT: the database's files and the server's WAL),
  // for tests that prove what is not stored in the clear.
  std::string DiskBytes() const;
  // PostgreSQL: the server ends every connection to this database, as a restart or a
  // network failure would.
  void DropConnections() const;

 private:
  sql::Engine engine_;
  std::string location_;     // SQLite path, or PostgreSQL URI
  std::string pg_database_;  // PostgreSQL only
  std::unique_ptr<sql::Database> db_;
};

}  // namespace laso::testing

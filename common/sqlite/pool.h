#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/sqlite/connection.h"

namespace laso::sqlite {

// The connections of one database file: one writer (SQLite allows one at a time
// anyway; taking turns here avoids busy waits) and up to N readers, which WAL
// lets run beside the writer.
class Pool {
 public:
  static absl::StatusOr<std::unique_ptr<Pool>> Open(const Options& options, int readers);

  // Holds a connection until destroyed.
  class Lease {
   public:
    Lease(Pool* pool, Connection* conn, bool writer) : pool_(pool), conn_(conn), writer_(writer) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), conn_(o.conn_), writer_(o.writer_) { o.conn_ = nullptr; }
    Lease(const Lease&) = delete;
    ~Lease();
    Connection* operator->() const { return conn_; }
    Connection& operator*() const { return *conn_; }

   private:
    Pool* pool_;
    Connection* conn_;
    bool writer_;
  };

  Lease Writer();
  // A read-only connection; fails only if a new one cannot be opened.
  absl::StatusOr<Lease> Reader();

  const Options& options() const { return options_; }

 private:
  Pool(Options options, int max_readers, std::unique_ptr<Connection> writer)
      : options_(std::move(options)), max_readers_(max_readers), writer_(std::move(writer)) {}
  void Release(Connection* conn, bool writer);

  Options options_;
  int max_readers_;
  std::unique_ptr<Connection> writer_;
  absl::Mutex writer_mu_;
  absl::Mutex readers_mu_;
  std::vector<std::unique_ptr<Connection>> readers_ ABSL_GUARDED_BY(readers_mu_);
  std::vector<Connection*> idle_readers_ ABSL_GUARDED_BY(readers_mu_);
};

}  // namespace laso::sqlite

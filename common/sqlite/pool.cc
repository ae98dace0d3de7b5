#include "common/sqlite/pool.h"

namespace laso::sqlite {

absl::StatusOr<std::unique_ptr<Pool>> Pool::Open(const Options& options, int readers) {
  auto writer = Connection::Open(options);
  if (!writer.ok()) return writer.status();
  return std::unique_ptr<Pool>(new Pool(options, std::max(1, readers), std::move(*writer)));
}

Pool::Lease::~Lease() {
  if (conn_ != nullptr) pool_->Release(conn_, writer_);
}

Pool::Lease Pool::Writer() {
  writer_mu_.Lock();
  return Lease(this, writer_.get(), /*writer=*/true);
}

absl::StatusOr<Pool::Lease> Pool::Reader() {
  absl::MutexLock lock(&readers_mu_);
  if (idle_readers_.empty() && static_cast<int>(readers_.size()) < max_readers_) {
    Options read_options = options_;
    read_options.read_only = true;
    auto conn = Connection::Open(read_options);
    if (!conn.ok()) return conn.status();
    idle_readers_.push_back(conn->get());
    readers_.push_back(std::move(*conn));
  }
  readers_mu_.Await(absl::Condition(
      +[](std::vector<Connection*>* idle) { return !idle->empty(); }, &idle_readers_));
  Connection* conn = idle_readers_.back();
  idle_readers_.pop_back();
  return Lease(this, conn, /*writer=*/false);
}

void Pool::Release(Connection* conn, bool writer) {
  if (writer) {
    writer_mu_.Unlock();
    return;
  }
  absl::MutexLock lock(&readers_mu_);
  idle_readers_.push_back(conn);
}

}  // namespace laso::sqlite

#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/rpc/caller.h"
#include "google/protobuf/message.h"

// A write a phone may send again (a timeout, a flaky network) is done once:
// the client names it with an Idempotency-Key, the service remembers the key
// with its answer in the same transaction as the write, and a retry gets the
// first answer instead of a second record. Because the memory is a row in the
// service's own database, a retry that lands on another replica is answered
// the same way; two retries at once take turns on the key's lock.
namespace laso::idempotency {

// What is remembered of one write.
struct Entry {
  std::string request_hash;  // a retry must carry the same request
  std::string response;      // the first answer, as the service chose to keep it
};

// The remembered writes, seen from inside one write transaction.
class Ledger {
 public:
  virtual ~Ledger() = default;
  // Locks (subject, key) until the transaction ends, then reads it.
  virtual absl::StatusOr<std::optional<Entry>> Find(absl::string_view subject, absl::string_view key) = 0;
  virtual absl::Status Remember(absl::string_view subject, absl::string_view key, const Entry& entry,
                                absl::Time at) = 0;
  // Forgets every write of `subject` (an erasure); returns how many.
  virtual absl::StatusOr<int64_t> Forget(absl::string_view subject) = 0;
};

// One call of a write method, named by the caller's Idempotency-Key.
class RetriedWrite {
 public:
  // `method` tells writes apart: one key cannot stand for two kinds of write.
  RetriedWrite(const rpc::Caller& caller, absl::string_view key, absl::string_view method,
               const google::protobuf::Message& request);

  // No key: every call is a new write, and Replay/Remember do nothing.
  bool keyed() const { return !key_.empty(); }

  // In the write transaction, before writing: the first answer when this write
  // was done already (nullopt: do it now). A key used before for a different
  // request is ALREADY_EXISTS with reason IDEMPOTENCY_KEY_REUSED.
  absl::StatusOr<std::optional<std::string>> Replay(Ledger& ledger) const;
  // The same, parsed into `response`; true when it was replayed.
  absl::StatusOr<bool> ReplayInto(Ledger& ledger, google::protobuf::Message* response) const;

  // In the same transaction, after writing.
  absl::Status Remember(Ledger& ledger, absl::string_view response, absl::Time now) const;
  absl::Status Remember(Ledger& ledger, const google::protobuf::Message& response, absl::Time now) const;

 private:
  std::string subject_, key_, request_hash_;
};

// The hash a retry must match: the method and the request's deterministic bytes.
std::string RequestHash(absl::string_view method, const google::protobuf::Message& request);

}  // namespace laso::idempotency

#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox/outbox.h"
#include "common/sql/database.h"

// The privacy service's tables: each resident's standing on each purpose of
// the notice, and every change to it (append-only). Engine-neutral
// (sql::Database); one resident's changes are serialized by a lock on them.
namespace laso::privacy {

struct ConsentRow {
  std::string purpose;
  bool granted = false;
  int notice_version = 0;  // the notice version of the last change
  absl::Time changed_at;
};

struct ChangeRow {
  std::string purpose;
  bool granted = false;
  int notice_version = 0;
  absl::Time at;
  std::string client;
};

struct Choice {
  std::string purpose;
  bool granted = false;
};

class PrivacyStore {
 public:
  static absl::StatusOr<std::unique_ptr<PrivacyStore>> Open(sql::Database& db);

  // The resident's standing, by purpose code.
  absl::StatusOr<std::vector<ConsentRow>> Consents(const std::string& subject);
  // Their changes, newest first.
  absl::StatusOr<std::vector<ChangeRow>> History(const std::string& subject, int limit);

  // Records `choices` under `notice_version` in one transaction: a purpose
  // whose state or version changes gets its row rewritten and a change
  // appended; then, when anything changed, the events `on_change` makes of the
  // standing after the change are appended to the outbox. Returns the standing after.
  using OnChange = std::function<std::vector<outbox::Event>(const std::vector<ConsentRow>& after)>;
  absl::StatusOr<std::vector<ConsentRow>> Record(const std::string& subject, int notice_version,
                                                 const std::vector<Choice>& choices, const std::string& client,
                                                 absl::Time now, const OnChange& on_change);

 private:
  explicit PrivacyStore(sql::Database& db) : db_(db) {}
  sql::Database& db_;
};

}  // namespace laso::privacy

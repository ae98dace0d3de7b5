#include "services/notify/sql_notify_store.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "common/sql/time_columns.h"
#include "common/idempotency/sql_ledger.h"
#include "common/sql/rows.h"

namespace laso::notify {
namespace {

using sql::Blob;
using sql::Row;
using sql::Session;

const std::vector<sql::Migration>& Migrations() {
  static const auto* m = new std::vector<sql::Migration>{
      {1, "processed events, inbox, settings, contacts, deliveries",
       "CREATE TABLE processed (event_id TEXT PRIMARY KEY, processed_at INTEGER NOT NULL) WITHOUT ROWID;"
       "CREATE INDEX processed_by_time ON processed(processed_at);"
       "CREATE TABLE inbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, owner TEXT NOT NULL,"
       " event_id TEXT NOT NULL, type TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,"
       " link TEXT NOT NULL, created_at INTEGER NOT NULL, read_at INTEGER, UNIQUE (owner, event_id));"
       "CREATE INDEX inbox_by_owner ON inbox(owner, seq);"
       "CREATE INDEX inbox_unread ON inbox(owner) WHERE read_at IS NULL;"
       "CREATE INDEX inbox_by_time ON inbox(created_at);"
       "CREATE TABLE settings (subject TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;"
       "CREATE TABLE contacts (subject TEXT PRIMARY KEY, phone_hash TEXT NOT NULL, phone_sealed BLOB NOT NULL,"
       " updated_at INTEGER NOT NULL) WITHOUT ROWID;"
       "CREATE INDEX contacts_by_phone ON contacts(phone_hash, updated_at);"
       "CREATE TABLE deliveries (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, type TEXT NOT NULL,"
       " owner TEXT NOT NULL, phone_sealed BLOB NOT NULL, template_id TEXT NOT NULL, template_data TEXT NOT NULL,"
       " state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,"
       " expires_at INTEGER, last_error TEXT NOT NULL DEFAULT '', msg_id TEXT NOT NULL DEFAULT '',"
       " updated_at INTEGER NOT NULL, UNIQUE (event_id, owner));"
       "CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE state = 'pending';"
       "CREATE INDEX deliveries_by_state ON deliveries(state, updated_at);"
       "CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;"},
      {2, "dead letters, relayed to the dead-letter stream", outbox::TableSql(SqlNotifyStore::kDeadLetterTable)},
      {3, "who claimed a delivery in flight (a sender's process run)",
       "ALTER TABLE deliveries ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';"},
      {4, "residents' consent to Zalo messages (privacy.consent_changed)",
       "CREATE TABLE zalo_consent (subject TEXT PRIMARY KEY, granted INTEGER NOT NULL, changed_at INTEGER NOT NULL);"
       "CREATE INDEX deliveries_pending_by_owner ON deliveries(owner) WHERE state = 'pending';"},
      {5, "a resident's deliveries, found by them for an erasure",
       "CREATE INDEX deliveries_by_owner ON deliveries(owner);"},
  };
  return *m;
}

using sql::FromMicros;
using sql::Micros;
int64_t BeforeSeq(int64_t seq) { return seq > 0 ? seq : std::numeric_limits<int64_t>::max(); }

// Owners bind as two parameters; one owner is bound twice.
const std::string& Owner(const Owners& owners, size_t i) { return owners.size() > i ? owners[i] : owners[0]; }

constexpr const char* kInboxColumns = "seq, id, owner, event_id, type, kind, title, body, link, created_at, read_at";

InboxEntry ReadEntry(const Row& s) {
  InboxEntry e;
  e.seq = s.Int(0);
  e.id = s.Text(1);
  e.owner = s.Text(2);
  e.event_id = s.Text(3);
  e.type = s.Text(4);
  e.kind = s.Text(5);
  e.title = s.Text(6);
  e.body = s.Text(7);
  e.link = s.Text(8);
  e.created_at = absl::FromUnixMicros(s.Int(9));
  if (!s.IsNull(10)) e.read_at = absl::FromUnixMicros(s.Int(10));
  return e;
}

constexpr const char* kDeliveryColumns =
    "seq, event_id, type, owner, phone_sealed, template_id, template_data, attempts, next_attempt_at, expires_at";

Delivery ReadDelivery(const Row& s) {
  Delivery d;
  d.seq = s.Int(0);
  d.event_id = s.Text(1);
  d.type = s.Text(2);
  d.owner = s.Text(3);
  d.phone_sealed = s.Bytes(4);
  d.template_id = s.Text(5);
  d.template_data = s.Text(6);
  d.attempts = static_cast<int>(s.Int(7));
  d.next_attempt_at = absl::FromUnixMicros(s.Int(8));
  if (!s.IsNull(9)) d.expires_at = absl::FromUnixMicros(s.Int(9));
  return d;
}

// The bytes in the first column of the first row, or "".
absl::StatusOr<std::string> BytesOn(Session& session, absl::string_view sql, const std::string& key) {
  std::string out;
  auto s = session.ForEach(
      sql,
      [&](const Row& r) {
        out = r.Bytes(0);
        return absl::OkStatus();
      },
      key);
  if (!s.ok()) return s;
  return out;
}

// Reads shared by the transaction and the store.
absl::StatusOr<std::string> SettingsOn(Session& s, const std::string& subject) {
  return BytesOn(s, "SELECT body FROM settings WHERE subject = $1", subject);
}

absl::StatusOr<std::string> ValueOn(Session& s, const std::string& key) {
  return BytesOn(s, "SELECT value FROM kv WHERE key = $1", key);
}

absl::StatusOr<std::optional<Contact>> ContactOn(Session& session, const std::string& subject) {
  std::optional<Contact> out;
  auto s = session.ForEach(
      "SELECT subject, phone_hash, phone_sealed FROM contacts WHERE subject = $1",
      [&](const Row& r) {
        out = Contact{r.Text(0), r.Text(1), r.Bytes(2)};
        return absl::OkStatus();
      },
      subject);
  if (!s.ok()) return s;
  return out;
}

class SqlTx : public NotifyStore::Tx {
 public:
  explicit SqlTx(Session& session) : session_(session) {}

  absl::StatusOr<bool> MarkProcessed(const std::string& event_id, absl::Time now) override {
    return sql::ChangedOne(session_.Execute(
        "INSERT INTO processed (event_id, processed_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", event_id,
        Micros(now)));
  }

  absl::StatusOr<std::string> Settings(const std::string& subject) override { return SettingsOn(session_, subject); }
  absl::StatusOr<std::optional<Contact>> ContactOf(const std::string& subject) override {
    return ContactOn(session_, subject);
  }

  absl::StatusOr<std::optional<std::string>> SubjectForPhone(const std::string& phone_hash) override {
    std::optional<std::string> out;
    auto s = session_.ForEach(
        "SELECT subject FROM contacts WHERE phone_hash = $1 ORDER BY updated_at DESC LIMIT 1",
        [&](const Row& r) {
          out = r.Text(0);
          return absl::OkStatus();
        },
        phone_hash);
    if (!s.ok()) return s;
    return out;
  }

  absl::Status AddInbox(const InboxEntry& e) override {
    return session_
        .Execute("INSERT INTO inbox (id, owner, event_id, type, kind, title, body, link, created_at)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
                 e.id, e.owner, e.event_id, e.type, e.kind, e.title, e.body, e.link, Micros(e.created_at))
        .status();
  }

  absl::Status AddDelivery(const Delivery& d) override {
    std::optional<int64_t> expires;
    if (d.expires_at) expires = Micros(*d.expires_at);
    return session_
        .Execute("INSERT INTO deliveries (event_id, type, owner, phone_sealed, template_id, template_data, state,"
                 " next_attempt_at, expires_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $7)"
                 " ON CONFLICT DO NOTHING",
                 d.event_id, d.type, d.owner, Blob{d.phone_sealed}, d.template_id, d.template_data,
                 Micros(d.next_attempt_at), expires)
        .status();
  }

  absl::Status PutSettings(const std::string& subject, const std::string& body) override {
    return session_
        .Execute("INSERT INTO settings (subject, body) VALUES ($1, $2) ON CONFLICT(subject) DO UPDATE SET body = $2",
                 subject, Blob{body})
        .status();
  }

  absl::Status PutContact(const Contact& c, absl::Time now) override {
    return session_
        .Execute("INSERT INTO contacts (subject, phone_hash, phone_sealed, updated_at) VALUES ($1, $2, $3, $4)"
                 " ON CONFLICT(subject) DO UPDATE SET phone_hash = $2, phone_sealed = $3, updated_at = $4",
                 c.subject, c.phone_hash, Blob{c.phone_sealed}, Micros(now))
        .status();
  }

  absl::StatusOr<std::optional<InboxEntry>> MarkRead(const std::string& id, const Owners& owners,
                                                     absl::Time now) override {
    auto marked = session_.Execute(
        "UPDATE inbox SET read_at = $1 WHERE id = $2 AND owner IN ($3, $4) AND read_at IS NULL", Micros(now), id,
        Owner(owners, 0), Owner(owners, 1));
    if (!marked.ok()) return marked.status();
    auto entries = sql::Collect<InboxEntry>(
        session_, absl::StrCat("SELECT ", kInboxColumns, " FROM inbox WHERE id = $1 AND owner IN ($2, $3)"),
        ReadEntry, id, Owner(owners, 0), Owner(owners, 1));
    if (!entries.ok()) return entries.status();
    if (entries->empty()) return std::optional<InboxEntry>();
    return std::optional<InboxEntry>(std::move(entries->front()));
  }

  absl::StatusOr<int64_t> MarkAllRead(const Owners& owners, absl::Time now) override {
    return session_.Execute("UPDATE inbox SET read_at = $1 WHERE owner IN ($2, $3) AND read_at IS NULL",
                            Micros(now), Owner(owners, 0), Owner(owners, 1));
  }

  absl::StatusOr<std::vector<Delivery>> ClaimDue(absl::Time now, int limit, const std::string& owner) override {
    // On PostgreSQL two senders (an old holder not yet aware it lost the lease, and the new one) skip
    // each other's rows instead of waiting on them; SQLite's single writer already takes turns.
    auto due = sql::Collect<Delivery>(
        session_,
        absl::StrCat("SELECT ", kDeliveryColumns,
                     " FROM deliveries WHERE state = 'pending' AND next_attempt_at <= $1"
                     " ORDER BY next_attempt_at, seq LIMIT $2",
                     session_.engine() == sql::Engine::kPostgres ? " FOR UPDATE SKIP LOCKED" : ""),
        ReadDelivery, Micros(now), limit);
    if (!due.ok()) return due.status();
    std::vector<Delivery> claimed;
    for (Delivery& d : *due) {
      // Only a row still pending is claimed: another sender may have taken it since the read.
      auto n = session_.Execute(
          "UPDATE deliveries SET state = 'sending', claimed_by = $1, updated_at = $2 WHERE seq = $3 AND state = 'pending'",
          owner, Micros(now), d.seq);
      if (!n.ok()) return n.status();
      if (*n == 1) claimed.push_back(std::move(d));
    }
    return claimed;
  }

  absl::StatusOr<std::vector<Delivery>> Orphans(const std::string& owner, absl::Time claimed_before) override {
    return sql::Collect<Delivery>(
        session_,
        absl::StrCat("SELECT ", kDeliveryColumns,
                     " FROM deliveries WHERE state = 'sending' AND claimed_by <> $1 AND updated_at < $2 ORDER BY seq"),
        ReadDelivery, owner, Micros(claimed_before));
  }

  absl::Status MarkSent(int64_t seq, const std::string& msg_id, absl::Time now) override {
    // Once: a retried MarkSent (the answer of the first was lost) must not count the attempt twice.
    return session_
        .Execute("UPDATE deliveries SET state = 'sent', attempts = attempts + 1, msg_id = $1, updated_at = $2"
                 " WHERE seq = $3 AND state <> 'sent'",
                 msg_id, Micros(now), seq)
        .status();
  }

  absl::Status Reschedule(int64_t seq, int attempts, absl::Time at, const std::string& error,
                          absl::Time now) override {
    return session_
        .Execute("UPDATE deliveries SET state = 'pending', attempts = $1, next_attempt_at = $2, last_error = $3,"
                 " updated_at = $4 WHERE seq = $5",
                 attempts, Micros(at), error, Micros(now), seq)
        .status();
  }

  absl::Status MarkDead(const Delivery& d, const std::string& reason, const outbox::Event& letter,
                        absl::Time now) override {
    auto marked = session_.Execute(
        "UPDATE deliveries SET state = 'dead', attempts = $1, last_error = $2, updated_at = $3 WHERE seq = $4",
        d.attempts, reason, Micros(now), d.seq);
    if (!marked.ok()) return marked.status();
    return outbox::Append(session_, letter, SqlNotifyStore::kDeadLetterTable);
  }

  absl::Status MarkSkipped(int64_t seq, const std::string& why, absl::Time now) override {
    return session_
        .Execute("UPDATE deliveries SET state = 'skipped', last_error = $1, updated_at = $2 WHERE seq = $3", why,
                 Micros(now), seq)
        .status();
  }

  absl::Status PutZaloConsent(const std::string& subject, bool granted, absl::Time at) override {
    return session_
        .Execute("INSERT INTO zalo_consent (subject, granted, changed_at) VALUES ($1, $2, $3)"
                 " ON CONFLICT(subject) DO UPDATE SET granted = $2, changed_at = $3"
                 " WHERE zalo_consent.changed_at <= $3",
                 subject, granted, Micros(at))
        .status();
  }

  absl::StatusOr<std::optional<bool>> ZaloConsent(const std::string& subject) override {
    std::optional<bool> out;
    auto s = session_.ForEach(
        "SELECT granted FROM zalo_consent WHERE subject = $1",
        [&](const Row& r) {
          out = r.Int(0) != 0;
          return absl::OkStatus();
        },
        subject);
    if (!s.ok()) return s;
    return out;
  }

  absl::StatusOr<int64_t> SkipPendingOf(const Owners& owners, const std::string& why, absl::Time now) override {
    int64_t skipped = 0;
    for (const std::string& owner : owners) {
      auto n = session_.Execute(
          "UPDATE deliveries SET state = 'skipped', last_error = $1, updated_at = $2 WHERE owner = $3 AND state = 'pending'",
          why, Micros(now), owner);
      if (!n.ok()) return n.status();
      skipped += *n;
    }
    return skipped;
  }

  absl::StatusOr<int64_t> ForgetRecipient(const Owners& owners, const std::string& subject) override {
    int64_t deleted = 0;
    for (const std::string& owner : owners) {
      for (const char* sql : {"DELETE FROM inbox WHERE owner = $1", "DELETE FROM deliveries WHERE owner = $1"}) {
        auto n = session_.Execute(sql, owner);
        if (!n.ok()) return n.status();
        deleted += *n;
      }
    }
    for (const char* sql : {"DELETE FROM settings WHERE subject = $1", "DELETE FROM contacts WHERE subject = $1",
                            "DELETE FROM zalo_consent WHERE subject = $1"}) {
      auto n = session_.Execute(sql, subject);
      if (!n.ok()) return n.status();
      deleted += *n;
    }
    return deleted;
  }

  absl::Status PutValue(const std::string& key, const std::string& value) override {
    return session_
        .Execute("INSERT INTO kv (key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET value = $2", key,
                 Blob{value})
        .status();
  }
  absl::StatusOr<std::string> Value(const std::string& key) override { return ValueOn(session_, key); }

 private:
  Session& session_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SqlNotifyStore>> SqlNotifyStore::Open(sql::Database& db) {
  if (auto s = outbox::MigrateWithOutbox(db, "notify", Migrations()); !s.ok()) return s;
  if (auto s = idempotency::MigrateLedger(db); !s.ok()) return s;  // every store has one
  return std::unique_ptr<SqlNotifyStore>(new SqlNotifyStore(db));
}

absl::Status SqlNotifyStore::Write(const std::function<absl::Status(Tx&)>& work) {
  return sql::WriteThrough<SqlTx>(db_, work);
}

absl::StatusOr<std::vector<InboxEntry>> SqlNotifyStore::Inbox(const Owners& owners, int64_t before_seq, int limit,
                                                              bool unread_only) {
  return sql::ReadValue<std::vector<InboxEntry>>(db_, [&](Session& session) {
    return sql::Collect<InboxEntry>(session,
                               absl::StrCat("SELECT ", kInboxColumns,
                                            " FROM inbox WHERE owner IN ($1, $2) AND seq < $3"
                                            " AND ($4 = 0 OR read_at IS NULL) ORDER BY seq DESC LIMIT $5"),
                               ReadEntry, Owner(owners, 0), Owner(owners, 1), BeforeSeq(before_seq),
                               unread_only ? 1 : 0, limit);
  });
}

absl::StatusOr<int64_t> SqlNotifyStore::UnreadCount(const Owners& owners) {
  return sql::ReadValue<int64_t>(db_, [&](Session& session) {
    return session.QueryInt("SELECT COUNT(*) FROM inbox WHERE owner IN ($1, $2) AND read_at IS NULL", 0,
                            Owner(owners, 0), Owner(owners, 1));
  });
}

absl::StatusOr<std::string> SqlNotifyStore::Settings(const std::string& subject) {
  return sql::ReadValue<std::string>(db_, [&](Session& session) { return SettingsOn(session, subject); });
}

absl::StatusOr<std::optional<Contact>> SqlNotifyStore::ContactOf(const std::string& subject) {
  return sql::ReadValue<std::optional<Contact>>(db_, [&](Session& session) { return ContactOn(session, subject); });
}

absl::StatusOr<std::string> SqlNotifyStore::Value(const std::string& key) {
  return sql::ReadValue<std::string>(db_, [&](Session& session) { return ValueOn(session, key); });
}

absl::StatusOr<DeliveryCounts> SqlNotifyStore::Counts() {
  DeliveryCounts c;
  struct Query {
    int64_t* into;
    const char* sql;
  } queries[] = {
      {&c.processed, "SELECT COUNT(*) FROM processed"},
      {&c.inbox, "SELECT COUNT(*) FROM inbox"},
      {&c.sent, "SELECT COUNT(*) FROM deliveries WHERE state = 'sent'"},
      {&c.pending, "SELECT COUNT(*) FROM deliveries WHERE state IN ('pending', 'sending')"},
      {&c.dead, "SELECT COUNT(*) FROM deliveries WHERE state = 'dead'"},
  };
  auto s = db_.Read([&](Session& session) -> absl::Status {
    for (const Query& q : queries) {
      auto n = session.QueryInt(q.sql, 0);
      if (!n.ok()) return n.status();
      *q.into = *n;
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return c;
}

absl::StatusOr<std::vector<DeadLetterRow>> SqlNotifyStore::DeadLetters(int64_t before_seq, int limit) {
  return sql::ReadValue<std::vector<DeadLetterRow>>(db_, [&](Session& session) {
    return sql::Collect<DeadLetterRow>(
        session,
        absl::StrCat("SELECT seq, occurred_at, payload FROM ", kDeadLetterTable,
                     " WHERE seq < $1 ORDER BY seq DESC LIMIT $2"),
        [](const Row& r) { return DeadLetterRow{r.Int(0), r.Text(1), r.Text(2)}; }, BeforeSeq(before_seq), limit);
  });
}

absl::StatusOr<int64_t> SqlNotifyStore::Prune(absl::Time processed_before, absl::Time inbox_before,
                                              absl::Time deliveries_before) {
  int64_t removed = 0;
  auto s = db_.Write([&](Session& session) -> absl::Status {
    removed = 0;
    struct Cut {
      const char* sql;
      absl::Time before;
    } cuts[] = {
        {"DELETE FROM processed WHERE processed_at < $1", processed_before},
        {"DELETE FROM inbox WHERE created_at < $1", inbox_before},
        {"DELETE FROM deliveries WHERE state IN ('sent', 'dead', 'skipped') AND updated_at < $1", deliveries_before},
    };
    for (const Cut& cut : cuts) {
      auto n = session.Execute(cut.sql, Micros(cut.before));
      if (!n.ok()) return n.status();
      removed += *n;
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return removed;
}

}  // namespace laso::notify

#include "services/notify/sqlite_notify_store.h"

#include <limits>

#include "common/sqlite/migrations.h"
#include "common/sqlite/transaction.h"

namespace laso::notify {
namespace {

using sqlite::Blob;
using sqlite::Connection;
using sqlite::Statement;

const std::vector<sqlite::Migration>& Migrations() {
  static const auto* m = new std::vector<sqlite::Migration>{
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
      {2, "dead letters, relayed to the dead-letter stream", outbox::TableSql(SqliteNotifyStore::kDeadLetterTable)},
  };
  return *m;
}

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

// Runs `each` on every row, then resets the statement for its next use.
template <typename Each>
absl::Status EachRow(Statement& s, Each each) {
  while (true) {
    auto row = s.Step();
    if (!row.ok()) {
      s.Reset();
      return row.status();
    }
    if (!*row) break;
    each(s);
  }
  s.Reset();
  return absl::OkStatus();
}

// Owners bind as two parameters; one owner is bound twice.
const std::string& Owner(const Owners& owners, size_t i) { return owners.size() > i ? owners[i] : owners[0]; }

constexpr const char* kInboxColumns = "seq, id, owner, event_id, type, kind, title, body, link, created_at, read_at";

InboxEntry ReadEntry(Statement& s) {
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

Delivery ReadDelivery(Statement& s) {
  Delivery d;
  d.seq = s.Int(0);
  d.event_id = s.Text(1);
  d.type = s.Text(2);
  d.owner = s.Text(3);
  d.phone_sealed = s.BlobAt(4);
  d.template_id = s.Text(5);
  d.template_data = s.Text(6);
  d.attempts = static_cast<int>(s.Int(7));
  d.next_attempt_at = absl::FromUnixMicros(s.Int(8));
  if (!s.IsNull(9)) d.expires_at = absl::FromUnixMicros(s.Int(9));
  return d;
}

// Reads shared by the transaction (on the writer) and the store (on a reader).
absl::StatusOr<std::string> SettingsOn(Connection& c, const std::string& subject) {
  auto stmt = c.Prepare("SELECT body FROM settings WHERE subject = ?1");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(subject);
  std::string out;
  if (auto s = EachRow(**stmt, [&](Statement& r) { out = r.BlobAt(0); }); !s.ok()) return s;
  return out;
}

absl::StatusOr<std::optional<Contact>> ContactOn(Connection& c, const std::string& subject) {
  auto stmt = c.Prepare("SELECT subject, phone_hash, phone_sealed FROM contacts WHERE subject = ?1");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(subject);
  std::optional<Contact> out;
  if (auto s = EachRow(**stmt, [&](Statement& r) { out = Contact{r.Text(0), r.Text(1), r.BlobAt(2)}; }); !s.ok()) {
    return s;
  }
  return out;
}

absl::StatusOr<std::string> ValueOn(Connection& c, const std::string& key) {
  auto stmt = c.Prepare("SELECT value FROM kv WHERE key = ?1");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(key);
  std::string out;
  if (auto s = EachRow(**stmt, [&](Statement& r) { out = r.BlobAt(0); }); !s.ok()) return s;
  return out;
}

absl::StatusOr<int64_t> CountOn(Connection& c, const std::string& sql) {
  auto stmt = c.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  int64_t n = 0;
  if (auto s = EachRow(**stmt, [&](Statement& r) { n = r.Int(0); }); !s.ok()) return s;
  return n;
}

class SqliteTx : public NotifyStore::Tx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}

  absl::StatusOr<bool> MarkProcessed(const std::string& event_id, absl::Time now) override {
    auto s = conn_.Execute("INSERT INTO processed (event_id, processed_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                           event_id, Micros(now));
    if (!s.ok()) return s;
    return conn_.Changes() == 1;
  }

  absl::StatusOr<std::string> Settings(const std::string& subject) override { return SettingsOn(conn_, subject); }
  absl::StatusOr<std::optional<Contact>> ContactOf(const std::string& subject) override {
    return ContactOn(conn_, subject);
  }

  absl::StatusOr<std::optional<std::string>> SubjectForPhone(const std::string& phone_hash) override {
    auto stmt = conn_.Prepare("SELECT subject FROM contacts WHERE phone_hash = ?1 ORDER BY updated_at DESC LIMIT 1");
    if (!stmt.ok()) return stmt.status();
    (void)(*stmt)->BindAll(phone_hash);
    std::optional<std::string> out;
    if (auto s = EachRow(**stmt, [&](Statement& r) { out = r.Text(0); }); !s.ok()) return s;
    return out;
  }

  absl::Status AddInbox(const InboxEntry& e) override {
    return conn_.Execute(
        "INSERT INTO inbox (id, owner, event_id, type, kind, title, body, link, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
        e.id, e.owner, e.event_id, e.type, e.kind, e.title, e.body, e.link, Micros(e.created_at));
  }

  absl::Status AddDelivery(const Delivery& d) override {
    std::optional<int64_t> expires;
    if (d.expires_at) expires = Micros(*d.expires_at);
    return conn_.Execute(
        "INSERT INTO deliveries (event_id, type, owner, phone_sealed, template_id, template_data, state,"
        " next_attempt_at, expires_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8, ?7)"
        " ON CONFLICT DO NOTHING",
        d.event_id, d.type, d.owner, Blob{d.phone_sealed}, d.template_id, d.template_data, Micros(d.next_attempt_at),
        expires);
  }

  absl::Status PutSettings(const std::string& subject, const std::string& body) override {
    return conn_.Execute("INSERT INTO settings (subject, body) VALUES (?1, ?2) ON CONFLICT(subject) DO UPDATE SET body = ?2",
                         subject, Blob{body});
  }

  absl::Status PutContact(const Contact& c, absl::Time now) override {
    return conn_.Execute(
        "INSERT INTO contacts (subject, phone_hash, phone_sealed, updated_at) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT(subject) DO UPDATE SET phone_hash = ?2, phone_sealed = ?3, updated_at = ?4",
        c.subject, c.phone_hash, Blob{c.phone_sealed}, Micros(now));
  }

  absl::StatusOr<std::optional<InboxEntry>> MarkRead(const std::string& id, const Owners& owners,
                                                     absl::Time now) override {
    auto s = conn_.Execute("UPDATE inbox SET read_at = ?1 WHERE id = ?2 AND owner IN (?3, ?4) AND read_at IS NULL",
                           Micros(now), id, Owner(owners, 0), Owner(owners, 1));
    if (!s.ok()) return s;
    auto stmt = conn_.Prepare(absl::StrCat("SELECT ", kInboxColumns, " FROM inbox WHERE id = ?1 AND owner IN (?2, ?3)"));
    if (!stmt.ok()) return stmt.status();
    (void)(*stmt)->BindAll(id, Owner(owners, 0), Owner(owners, 1));
    std::optional<InboxEntry> out;
    if (auto st = EachRow(**stmt, [&](Statement& r) { out = ReadEntry(r); }); !st.ok()) return st;
    return out;
  }

  absl::StatusOr<int64_t> MarkAllRead(const Owners& owners, absl::Time now) override {
    auto s = conn_.Execute("UPDATE inbox SET read_at = ?1 WHERE owner IN (?2, ?3) AND read_at IS NULL", Micros(now),
                           Owner(owners, 0), Owner(owners, 1));
    if (!s.ok()) return s;
    return conn_.Changes();
  }

  absl::StatusOr<std::vector<Delivery>> ClaimDue(absl::Time now, int limit) override {
    auto stmt = conn_.Prepare(absl::StrCat("SELECT ", kDeliveryColumns,
                                           " FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ?1"
                                           " ORDER BY next_attempt_at, seq LIMIT ?2"));
    if (!stmt.ok()) return stmt.status();
    (void)(*stmt)->BindAll(Micros(now), limit);
    std::vector<Delivery> out;
    if (auto s = EachRow(**stmt, [&](Statement& r) { out.push_back(ReadDelivery(r)); }); !s.ok()) return s;
    for (const Delivery& d : out) {
      auto s = conn_.Execute("UPDATE deliveries SET state = 'sending', updated_at = ?1 WHERE seq = ?2", Micros(now),
                             d.seq);
      if (!s.ok()) return s;
    }
    return out;
  }

  absl::StatusOr<std::vector<Delivery>> InFlight() override {
    auto stmt = conn_.Prepare(absl::StrCat("SELECT ", kDeliveryColumns, " FROM deliveries WHERE state = 'sending'"));
    if (!stmt.ok()) return stmt.status();
    std::vector<Delivery> out;
    if (auto s = EachRow(**stmt, [&](Statement& r) { out.push_back(ReadDelivery(r)); }); !s.ok()) return s;
    return out;
  }

  absl::Status MarkSent(int64_t seq, const std::string& msg_id, absl::Time now) override {
    return conn_.Execute(
        "UPDATE deliveries SET state = 'sent', attempts = attempts + 1, msg_id = ?1, updated_at = ?2 WHERE seq = ?3",
        msg_id, Micros(now), seq);
  }

  absl::Status Reschedule(int64_t seq, int attempts, absl::Time at, const std::string& error,
                          absl::Time now) override {
    return conn_.Execute(
        "UPDATE deliveries SET state = 'pending', attempts = ?1, next_attempt_at = ?2, last_error = ?3,"
        " updated_at = ?4 WHERE seq = ?5",
        attempts, Micros(at), error, Micros(now), seq);
  }

  absl::Status MarkDead(const Delivery& d, const std::string& reason, const outbox::Event& letter,
                        absl::Time now) override {
    auto s = conn_.Execute(
        "UPDATE deliveries SET state = 'dead', attempts = ?1, last_error = ?2, updated_at = ?3 WHERE seq = ?4",
        d.attempts, reason, Micros(now), d.seq);
    if (!s.ok()) return s;
    return outbox::Append(conn_, letter, SqliteNotifyStore::kDeadLetterTable);
  }

  absl::Status MarkSkipped(int64_t seq, const std::string& why, absl::Time now) override {
    return conn_.Execute("UPDATE deliveries SET state = 'skipped', last_error = ?1, updated_at = ?2 WHERE seq = ?3",
                         why, Micros(now), seq);
  }

  absl::Status PutValue(const std::string& key, const std::string& value) override {
    return conn_.Execute("INSERT INTO kv (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2", key,
                         Blob{value});
  }
  absl::StatusOr<std::string> Value(const std::string& key) override { return ValueOn(conn_, key); }

 private:
  Connection& conn_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteNotifyStore>> SqliteNotifyStore::Open(sqlite::Pool& pool) {
  auto writer = pool.Writer();
  if (auto s = outbox::MigrateWithOutbox(*writer, "notify", Migrations()); !s.ok()) return s;
  return std::unique_ptr<SqliteNotifyStore>(new SqliteNotifyStore(pool));
}

absl::Status SqliteNotifyStore::Write(const std::function<absl::Status(Tx&)>& work) {
  return sqlite::WriteThrough<SqliteTx>(pool_, work);
}

absl::StatusOr<std::vector<InboxEntry>> SqliteNotifyStore::Inbox(const Owners& owners, int64_t before_seq, int limit,
                                                                 bool unread_only) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare(
      absl::StrCat("SELECT ", kInboxColumns,
                   " FROM inbox WHERE owner IN (?1, ?2) AND seq < ?3 AND (?4 = 0 OR read_at IS NULL)"
                   " ORDER BY seq DESC LIMIT ?5"));
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(Owner(owners, 0), Owner(owners, 1), before_seq > 0 ? before_seq : std::numeric_limits<int64_t>::max(),
                         unread_only ? 1 : 0, limit);
  std::vector<InboxEntry> out;
  if (auto s = EachRow(**stmt, [&](Statement& r) { out.push_back(ReadEntry(r)); }); !s.ok()) return s;
  return out;
}

absl::StatusOr<int64_t> SqliteNotifyStore::UnreadCount(const Owners& owners) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare("SELECT COUNT(*) FROM inbox WHERE owner IN (?1, ?2) AND read_at IS NULL");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(Owner(owners, 0), Owner(owners, 1));
  int64_t n = 0;
  if (auto s = EachRow(**stmt, [&](Statement& r) { n = r.Int(0); }); !s.ok()) return s;
  return n;
}

absl::StatusOr<std::string> SqliteNotifyStore::Settings(const std::string& subject) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  return SettingsOn(**reader, subject);
}

absl::StatusOr<std::optional<Contact>> SqliteNotifyStore::ContactOf(const std::string& subject) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  return ContactOn(**reader, subject);
}

absl::StatusOr<std::string> SqliteNotifyStore::Value(const std::string& key) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  return ValueOn(**reader, key);
}

absl::StatusOr<DeliveryCounts> SqliteNotifyStore::Counts() {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
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
  for (const Query& q : queries) {
    auto n = CountOn(**reader, q.sql);
    if (!n.ok()) return n.status();
    *q.into = *n;
  }
  return c;
}

absl::StatusOr<std::vector<DeadLetterRow>> SqliteNotifyStore::DeadLetters(int64_t before_seq, int limit) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare(absl::StrCat("SELECT seq, occurred_at, payload FROM ", kDeadLetterTable,
                                              " WHERE seq < ?1 ORDER BY seq DESC LIMIT ?2"));
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(before_seq > 0 ? before_seq : std::numeric_limits<int64_t>::max(), limit);
  std::vector<DeadLetterRow> out;
  if (auto s = EachRow(**stmt, [&](Statement& r) { out.push_back({r.Int(0), r.Text(1), r.Text(2)}); }); !s.ok()) {
    return s;
  }
  return out;
}

absl::StatusOr<int64_t> SqliteNotifyStore::Prune(absl::Time processed_before, absl::Time inbox_before,
                                                 absl::Time deliveries_before) {
  int64_t removed = 0;
  auto s = sqlite::RunInTransaction(pool_, [&](Connection& c) -> absl::Status {
    struct Cut {
      const char* sql;
      absl::Time before;
    } cuts[] = {
        {"DELETE FROM processed WHERE processed_at < ?1", processed_before},
        {"DELETE FROM inbox WHERE created_at < ?1", inbox_before},
        {"DELETE FROM deliveries WHERE state IN ('sent', 'dead', 'skipped') AND updated_at < ?1", deliveries_before},
    };
    for (const Cut& cut : cuts) {
      if (auto st = c.Execute(cut.sql, Micros(cut.before)); !st.ok()) return st;
      removed += c.Changes();
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return removed;
}

}  // namespace laso::notify

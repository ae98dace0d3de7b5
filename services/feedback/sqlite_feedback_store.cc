#include "services/feedback/sqlite_feedback_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/time/proto_time.h"
#include "common/sqlite/migrations.h"
#include "common/sqlite/transaction.h"
#include "common/text/text.h"
#include "services/feedback/workflow.h"

namespace laso::feedback {
namespace {

using sqlite::Blob;
using sqlite::Connection;
using sqlite::Statement;

const sqlite::Migration kMigrations[] = {
    {1, "reports, supports, idempotency keys, bans, attachments, catalogue",
     "CREATE TABLE feedback ("
     " seq INTEGER PRIMARY KEY,"
     " id TEXT NOT NULL UNIQUE,"
     " category TEXT NOT NULL, status INTEGER NOT NULL, ward TEXT NOT NULL, agency TEXT NOT NULL,"
     " lat REAL NOT NULL, lng REAL NOT NULL,"
     " received_at INTEGER NOT NULL, due_at INTEGER NOT NULL, answered_at INTEGER, rating INTEGER NOT NULL,"
     " hidden INTEGER NOT NULL, held INTEGER NOT NULL,"
     " reporter_phone_hash TEXT NOT NULL, filed_by TEXT NOT NULL,"
     " search TEXT NOT NULL,"  // folded description, address and id
     " body BLOB NOT NULL,"    // StoredFeedback
     " updated_at INTEGER NOT NULL);"
     "CREATE INDEX feedback_by_place ON feedback(category, lat, lng);"
     "CREATE INDEX feedback_by_status ON feedback(status, due_at);"
     "CREATE INDEX feedback_by_agency ON feedback(agency, status);"
     "CREATE INDEX feedback_by_phone ON feedback(reporter_phone_hash, seq);"
     "CREATE INDEX feedback_by_filer ON feedback(filed_by, seq);"
     "CREATE INDEX feedback_by_received ON feedback(received_at);"
     "CREATE INDEX feedback_by_answered ON feedback(answered_at) WHERE answered_at IS NOT NULL;"
     "CREATE TABLE feedback_numbers (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);"
     "CREATE TABLE feedback_supports (id TEXT NOT NULL, subject TEXT NOT NULL, at INTEGER NOT NULL,"
     " PRIMARY KEY (id, subject)) WITHOUT ROWID;"
     "CREATE TABLE idempotency_keys (subject TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,"
     " response BLOB NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (subject, key)) WITHOUT ROWID;"
     "CREATE TABLE banned_reporters (phone_hash TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL);"
     "CREATE TABLE attachments (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL,"
     " content_type TEXT NOT NULL, owner TEXT NOT NULL, created_at INTEGER NOT NULL, redacted INTEGER NOT NULL);"
     "CREATE INDEX attachments_by_hash ON attachments(sha256);"
     "CREATE TABLE agencies (code TEXT PRIMARY KEY, body BLOB NOT NULL);"
     "CREATE TABLE wards (code TEXT PRIMARY KEY, body BLOB NOT NULL);"
     "CREATE TABLE categories (code TEXT PRIMARY KEY, body BLOB NOT NULL);"},
};

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(int64_t us) { return absl::FromUnixMicros(us); }

absl::StatusOr<std::optional<StoredFeedback>> LoadOn(Connection& conn, const std::string& id) {
  auto stmt = conn.Prepare("SELECT body FROM feedback WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(id);
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  std::optional<StoredFeedback> out;
  if (*row) {
    out.emplace();
    if (!out->ParseFromString((*stmt)->BlobAt(0))) out.reset();
  }
  (*stmt)->Reset();
  if (*row && !out) return absl::DataLossError(absl::StrCat("stored report ", id, " does not parse"));
  return out;
}

absl::StatusOr<std::optional<AttachmentRow>> LoadAttachmentOn(Connection& conn, const std::string& id) {
  auto stmt = conn.Prepare(
      "SELECT sha256, size, content_type, owner, created_at, redacted FROM attachments WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  (void)s.BindAll(id);
  auto row = s.Step();
  if (!row.ok()) return row.status();
  std::optional<AttachmentRow> out;
  if (*row) {
    out = AttachmentRow{id, s.Text(0), s.Int(1), s.Text(2), s.Text(3), FromMicros(s.Int(4)), s.Int(5) != 0};
  }
  s.Reset();
  return out;
}

template <typename Message>
absl::Status PutMessage(Connection& conn, absl::string_view table, const std::string& code, const Message& m) {
  std::string bytes = m.SerializeAsString();
  return conn.Execute(absl::StrCat("INSERT INTO ", table, " (code, body) VALUES (?1, ?2)"
                                                          " ON CONFLICT(code) DO UPDATE SET body = ?2"),
                      code, Blob{bytes});
}

template <typename Message>
absl::Status LoadMessages(Connection& conn, absl::string_view table, std::map<std::string, Message>* out) {
  auto stmt = conn.Prepare(absl::StrCat("SELECT code, body FROM ", table));
  if (!stmt.ok()) return stmt.status();
  while (true) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Message m;
    if (m.ParseFromString((*stmt)->BlobAt(1))) (*out)[(*stmt)->Text(0)] = std::move(m);
  }
  (*stmt)->Reset();
  return absl::OkStatus();
}

class SqliteTx : public FeedbackStore::Tx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}

  absl::StatusOr<std::optional<StoredFeedback>> Load(const std::string& id) override { return LoadOn(conn_, id); }

  absl::StatusOr<int64_t> NextNumber(int year) override {
    auto s = conn_.Execute(
        "INSERT INTO feedback_numbers (year, last) VALUES (?1, 1)"
        " ON CONFLICT(year) DO UPDATE SET last = last + 1",
        year);
    if (!s.ok()) return s;
    auto stmt = conn_.Prepare("SELECT last FROM feedback_numbers WHERE year = ?1");
    if (!stmt.ok()) return stmt.status();
    (void)(*stmt)->BindAll(year);
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    int64_t n = (*stmt)->Int(0);
    (*stmt)->Reset();
    return n;
  }

  absl::Status Save(const StoredFeedback& f) override {
    const v1::Feedback& it = f.item();
    std::string body = f.SerializeAsString();
    std::string search = text::FoldForSearch(absl::StrCat(it.id(), " ", it.description(), " ", it.address()));
    std::optional<int64_t> answered;
    if (it.has_answered_at()) answered = Micros(ToTime(it.answered_at()));
    return conn_.Execute(
        "INSERT INTO feedback (id, category, status, ward, agency, lat, lng, received_at, due_at, answered_at,"
        " rating, hidden, held, reporter_phone_hash, filed_by, search, body, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
        " ON CONFLICT(id) DO UPDATE SET category = ?2, status = ?3, ward = ?4, agency = ?5, lat = ?6, lng = ?7,"
        " received_at = ?8, due_at = ?9, answered_at = ?10, rating = ?11, hidden = ?12, held = ?13,"
        " reporter_phone_hash = ?14, filed_by = ?15, search = ?16, body = ?17, updated_at = ?18",
        it.id(), it.category_code(), static_cast<int>(it.status()), it.ward_code(), it.agency_code(),
        it.location().latitude(), it.location().longitude(), Micros(ToTime(it.received_at())),
        Micros(ToTime(it.due_at())), answered, it.rating().stars(), it.hidden(), it.held(),
        f.reporter_phone_hash(), f.filed_by(), search, Blob{body}, Micros(ToTime(it.updated_at())));
  }

  absl::StatusOr<bool> AddSupport(const std::string& id, const std::string& subject) override {
    auto s = conn_.Execute(
        "INSERT INTO feedback_supports (id, subject, at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING", id, subject,
        Micros(absl::Now()));
    if (!s.ok()) return s;
    return conn_.Changes() == 1;
  }

  absl::StatusOr<std::optional<std::pair<std::string, std::string>>> FindIdempotent(const std::string& subject,
                                                                                     const std::string& key) override {
    auto stmt = conn_.Prepare("SELECT request_hash, response FROM idempotency_keys WHERE subject = ?1 AND key = ?2");
    if (!stmt.ok()) return stmt.status();
    (void)(*stmt)->BindAll(subject, key);
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    std::optional<std::pair<std::string, std::string>> out;
    if (*row) out.emplace((*stmt)->Text(0), (*stmt)->BlobAt(1));
    (*stmt)->Reset();
    return out;
  }

  absl::Status SaveIdempotent(const std::string& subject, const std::string& key, const std::string& request_hash,
                              const std::string& response, absl::Time at) override {
    return conn_.Execute(
        "INSERT INTO idempotency_keys (subject, key, request_hash, response, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        subject, key, request_hash, Blob{response}, Micros(at));
  }

  absl::StatusOr<bool> IsBanned(const std::string& phone_hash) override {
    if (phone_hash.empty()) return false;
    auto stmt = conn_.Prepare("SELECT 1 FROM banned_reporters WHERE phone_hash = ?1");
    if (!stmt.ok()) return stmt.status();
    (void)(*stmt)->BindAll(phone_hash);
    auto row = (*stmt)->Step();
    (*stmt)->Reset();
    if (!row.ok()) return row.status();
    return *row;
  }

  absl::Status SetBanned(const std::string& phone_hash, bool banned, const std::string& reason) override {
    if (!banned) return conn_.Execute("DELETE FROM banned_reporters WHERE phone_hash = ?1", phone_hash);
    return conn_.Execute(
        "INSERT INTO banned_reporters (phone_hash, reason, at) VALUES (?1, ?2, ?3)"
        " ON CONFLICT(phone_hash) DO UPDATE SET reason = ?2",
        phone_hash, reason, Micros(absl::Now()));
  }

  absl::StatusOr<std::optional<AttachmentRow>> LoadAttachment(const std::string& id) override {
    return LoadAttachmentOn(conn_, id);
  }

  absl::Status SaveAttachment(const AttachmentRow& a) override {
    return conn_.Execute(
        "INSERT INTO attachments (id, sha256, size, content_type, owner, created_at, redacted)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET redacted = ?7",
        a.id, a.sha256, a.size, a.content_type, a.owner, Micros(a.created_at), a.redacted);
  }

  absl::Status PutAgency(const v1::Agency& a) override { return PutMessage(conn_, "agencies", a.code(), a); }
  absl::Status PutWard(const v1::Ward& w) override { return PutMessage(conn_, "wards", w.code(), w); }
  absl::Status PutCategory(const v1::Category& c) override { return PutMessage(conn_, "categories", c.code(), c); }
  absl::Status Emit(const outbox::Event& event) override { return outbox::Append(conn_, event); }

 private:
  Connection& conn_;
};

// "%" and "_" typed by a user are letters, not wildcards.
std::string LikePattern(absl::string_view folded) {
  std::string out = "%";
  for (char c : folded) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

absl::StatusOr<std::vector<StoredFeedback>> ReadBodies(Statement& s, int column) {
  std::vector<StoredFeedback> out;
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    StoredFeedback f;
    if (f.ParseFromString(s.BlobAt(column))) out.push_back(std::move(f));
  }
  s.Reset();
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteFeedbackStore>> SqliteFeedbackStore::Open(sqlite::Pool& pool) {
  auto writer = pool.Writer();
  if (auto s = outbox::MigrateWithOutbox(*writer, "feedback", kMigrations); !s.ok()) return s;
  return std::unique_ptr<SqliteFeedbackStore>(new SqliteFeedbackStore(pool));
}

absl::Status SqliteFeedbackStore::Write(const std::function<absl::Status(Tx&)>& work) {
  return sqlite::WriteThrough<SqliteTx>(pool_, work);
}

absl::StatusOr<std::optional<StoredFeedback>> SqliteFeedbackStore::Load(const std::string& id) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  return LoadOn(**reader, id);
}

absl::StatusOr<bool> SqliteFeedbackStore::HasSupported(const std::string& id, const std::string& subject) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare("SELECT 1 FROM feedback_supports WHERE id = ?1 AND subject = ?2");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(id, subject);
  auto row = (*stmt)->Step();
  (*stmt)->Reset();
  if (!row.ok()) return row.status();
  return *row;
}

absl::StatusOr<std::optional<AttachmentRow>> SqliteFeedbackStore::LoadAttachment(const std::string& id) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  return LoadAttachmentOn(**reader, id);
}

absl::StatusOr<FeedbackPage> SqliteFeedbackStore::List(const FeedbackFilter& f, int64_t before_seq, int limit,
                                                       int64_t offset) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  // One statement for every combination: an empty parameter does not narrow.
  constexpr char kWhere[] =
      " WHERE (?1 = '' OR instr(?1, ',' || status || ',') > 0)"
      " AND (?2 = '' OR category = ?2) AND (?3 = '' OR ward = ?3) AND (?4 = '' OR agency = ?4)"
      " AND (?5 = 0 OR (status IN (1, 2, 3, 6) AND due_at < ?5))"
      " AND (?6 = '' OR search LIKE ?6 ESCAPE '\\')"
      " AND (?7 = '' OR instr(?7, ',' || id || ',') > 0)"
      " AND (?8 = 0 OR received_at >= ?8) AND (?9 = 0 OR received_at < ?9)"
      " AND (?10 = 0 OR (hidden = 0 AND held = 0))"
      " AND ((?11 = '' AND ?12 = '') OR (?11 <> '' AND reporter_phone_hash = ?11) OR (?12 <> '' AND filed_by = ?12))";
  std::vector<std::string> statuses;
  for (int s : f.statuses) statuses.push_back(absl::StrCat(s));
  std::string status_list = statuses.empty() ? "" : absl::StrCat(",", absl::StrJoin(statuses, ","), ",");
  std::string id_list = f.ids.empty() ? "" : absl::StrCat(",", absl::StrJoin(f.ids, ","), ",");
  std::string like = f.folded_text.empty() ? "" : LikePattern(f.folded_text);
  int64_t overdue = f.overdue_at ? Micros(*f.overdue_at) : 0;
  int64_t from = f.received_from ? Micros(*f.received_from) : 0;
  int64_t to = f.received_to ? Micros(*f.received_to) : 0;
  auto bind = [&](Statement& s) {
    return s.BindAll(status_list, f.category, f.ward, f.agency, overdue, like, id_list, from, to,
                     f.public_only ? 1 : 0, f.reporter_phone_hash, f.filed_by);
  };

  FeedbackPage page;
  auto count = (*reader)->Prepare(absl::StrCat("SELECT COUNT(*) FROM feedback", kWhere));
  if (!count.ok()) return count.status();
  if (auto s = bind(**count); !s.ok()) return s;
  auto counted = (*count)->Step();
  if (!counted.ok()) return counted.status();
  page.total = (*count)->Int(0);
  (*count)->Reset();

  auto stmt = (*reader)->Prepare(
      absl::StrCat("SELECT seq, body FROM feedback", kWhere, " AND (?13 = 0 OR seq < ?13) ORDER BY seq DESC LIMIT ?14 OFFSET ?15"));
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  if (auto b = bind(s); !b.ok()) return b;
  (void)s.Bind(13, before_seq);
  (void)s.Bind(14, limit + 1);
  (void)s.Bind(15, offset);
  int64_t last_seq = 0;
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_seq = last_seq;
      break;
    }
    last_seq = s.Int(0);
    StoredFeedback item;
    if (item.ParseFromString(s.BlobAt(1))) page.items.push_back(std::move(item));
  }
  s.Reset();
  return page;
}

absl::StatusOr<std::vector<StoredFeedback>> SqliteFeedbackStore::InBox(const std::string& category, bool open_only,
                                                                       double min_lat, double max_lat,
                                                                       double min_lng, double max_lng, int limit) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare(
      "SELECT body FROM feedback WHERE category = ?1 AND lat BETWEEN ?2 AND ?3 AND lng BETWEEN ?4 AND ?5"
      " AND hidden = 0 AND held = 0 AND (?6 = 0 OR status IN (1, 2, 3, 6)) ORDER BY seq DESC LIMIT ?7");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(category, min_lat, max_lat, min_lng, max_lng, open_only ? 1 : 0, limit);
  return ReadBodies(**stmt, 0);
}

absl::StatusOr<std::vector<std::string>> SqliteFeedbackStore::AnsweredBefore(absl::Time answered_before, int limit) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare(
      "SELECT id FROM feedback WHERE status = ?1 AND answered_at < ?2 ORDER BY answered_at LIMIT ?3");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(static_cast<int>(v1::ANSWERED), Micros(answered_before), limit);
  std::vector<std::string> ids;
  while (true) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ids.push_back((*stmt)->Text(0));
  }
  (*stmt)->Reset();
  return ids;
}

absl::StatusOr<std::vector<StatsFact>> SqliteFeedbackStore::StatsFacts(absl::Time from, absl::Time to) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare(
      "SELECT agency, category, ward, status, received_at, due_at, answered_at, rating FROM feedback"
      " WHERE (received_at >= ?1 AND received_at < ?2) OR (answered_at >= ?1 AND answered_at < ?2)"
      " OR status IN (1, 2, 3, 6)");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  (void)s.BindAll(Micros(from), Micros(to));
  std::vector<StatsFact> out;
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    StatsFact f{s.Text(0), s.Text(1), s.Text(2), static_cast<int>(s.Int(3)), FromMicros(s.Int(4)),
                FromMicros(s.Int(5)), std::nullopt, static_cast<int>(s.Int(7))};
    if (!s.IsNull(6)) f.answered_at = FromMicros(s.Int(6));
    out.push_back(std::move(f));
  }
  s.Reset();
  return out;
}

absl::StatusOr<CatalogData> SqliteFeedbackStore::LoadCatalog() {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  CatalogData data;
  if (auto s = LoadMessages(**reader, "agencies", &data.agencies); !s.ok()) return s;
  if (auto s = LoadMessages(**reader, "wards", &data.wards); !s.ok()) return s;
  if (auto s = LoadMessages(**reader, "categories", &data.categories); !s.ok()) return s;
  return data;
}

absl::StatusOr<int64_t> SqliteFeedbackStore::PruneIdempotencyKeys(absl::Time before) {
  int64_t pruned = 0;
  auto s = sqlite::RunInTransaction(pool_, [&](Connection& conn) -> absl::Status {
    auto done = conn.Execute("DELETE FROM idempotency_keys WHERE created_at < ?1", Micros(before));
    pruned = conn.Changes();
    return done;
  });
  if (!s.ok()) return s;
  return pruned;
}

}  // namespace laso::feedback

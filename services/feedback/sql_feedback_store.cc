#include "services/feedback/sql_feedback_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/sql/time_columns.h"
#include "common/idempotency/sql_ledger.h"
#include "common/sql/data_versions.h"
#include "common/sql/rows.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"
#include "services/feedback/workflow.h"

namespace laso::feedback {
namespace {

using sql::Blob;
using sql::Row;
using sql::Session;

const sql::Migration kMigrations[] = {
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
    {2, "attachment bytes, for feedback.attachment_store = \"database\"",
     "CREATE TABLE attachment_bytes (sha256 TEXT PRIMARY KEY, bytes BLOB NOT NULL);"},
    {3, "the desk's columns: intake channel, priority, the officer assigned",
     "ALTER TABLE feedback ADD COLUMN channel INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE feedback ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE feedback ADD COLUMN assignee TEXT NOT NULL DEFAULT '';"
     "CREATE INDEX feedback_by_assignee ON feedback(assignee, seq) WHERE assignee <> '';"},
    {4, "answer templates; an URGENT report's acknowledgement deadline (NULL once acknowledged)",
     "CREATE TABLE answer_templates (code TEXT PRIMARY KEY, body BLOB NOT NULL);"
     "ALTER TABLE feedback ADD COLUMN ack_due_at INTEGER;"},
    {5, "what a resident supported and uploaded, found by them for an export or an erasure",
     "CREATE INDEX feedback_supports_by_subject ON feedback_supports(subject);"
     "CREATE INDEX attachments_by_owner ON attachments(owner) WHERE owner <> '';"},
};

using sql::FromMicros;
using sql::Micros;

absl::Status ReadReport(const Row& row, int column, StoredFeedback* out) {
  return sql::ParseColumn(row, column, out, "report");
}

absl::StatusOr<std::optional<StoredFeedback>> LoadOn(Session& session, const std::string& id) {
  std::optional<StoredFeedback> out;
  auto s = session.ForEach(
      "SELECT body FROM feedback WHERE id = $1", [&](const Row& row) { return ReadReport(row, 0, &out.emplace()); },
      id);
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::optional<AttachmentRow>> LoadAttachmentOn(Session& session, const std::string& id) {
  std::optional<AttachmentRow> out;
  auto s = session.ForEach(
      "SELECT sha256, size, content_type, owner, created_at, redacted FROM attachments WHERE id = $1",
      [&](const Row& r) {
        out = AttachmentRow{id, r.Text(0), r.Int(1), r.Text(2), r.Text(3), FromMicros(r.Int(4)), r.Int(5) != 0};
        return absl::OkStatus();
      },
      id);
  if (!s.ok()) return s;
  return out;
}

template <typename Message>
absl::Status PutMessage(Session& session, absl::string_view table, const std::string& code, const Message& m) {
  std::string bytes = m.SerializeAsString();
  return session
      .Execute(absl::StrCat("INSERT INTO ", table, " (code, body) VALUES ($1, $2) ON CONFLICT(code) DO UPDATE SET body = $2"),
               code, Blob{bytes})
      .status();
}

template <typename Message>
absl::Status LoadMessages(Session& session, absl::string_view table, absl::string_view what,
                          std::map<std::string, Message>* out) {
  return session.ForEach(absl::StrCat("SELECT code, body FROM ", table, " ORDER BY code"), [&](const Row& row) {
    return sql::ParseColumn(row, 1, &(*out)[row.Text(0)], what);
  });
}

class SqlTx : public FeedbackStore::Tx {
 public:
  SqlTx(Session& session, const Clock* clock) : session_(session), clock_(clock) {}

  // Every workflow step reads the report to change it: two steps on one report take turns.
  absl::StatusOr<std::optional<StoredFeedback>> Load(const std::string& id) override {
    if (auto s = session_.Lock(absl::StrCat("feedback/", id)); !s.ok()) return s;
    return LoadOn(session_, id);
  }

  absl::StatusOr<int64_t> NextNumber(int year) override {
    int64_t n = 0;
    auto s = session_.ForEach(
        "INSERT INTO feedback_numbers (year, last) VALUES ($1, 1)"
        " ON CONFLICT(year) DO UPDATE SET last = feedback_numbers.last + 1 RETURNING last",
        [&](const Row& row) {
          n = row.Int(0);
          return absl::OkStatus();
        },
        year);
    if (!s.ok()) return s;
    return n;
  }

  absl::Status Save(const StoredFeedback& f) override {
    const v1::Feedback& it = f.item();
    std::string body = f.SerializeAsString();
    std::string search = text::FoldForSearch(absl::StrCat(it.id(), " ", it.description(), " ", it.address()));
    std::optional<int64_t> answered, ack_due;
    if (it.has_answered_at()) answered = Micros(ToTime(it.answered_at()));
    if (it.has_ack_due_at() && !it.has_acknowledged_at()) ack_due = Micros(ToTime(it.ack_due_at()));
    return session_
        .Execute(
            "INSERT INTO feedback (id, category, status, ward, agency, lat, lng, received_at, due_at, answered_at,"
            " rating, hidden, held, reporter_phone_hash, filed_by, search, body, updated_at, channel, priority, assignee,"
            " ack_due_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
            " $22)"
            " ON CONFLICT(id) DO UPDATE SET category = $2, status = $3, ward = $4, agency = $5, lat = $6, lng = $7,"
            " received_at = $8, due_at = $9, answered_at = $10, rating = $11, hidden = $12, held = $13,"
            " reporter_phone_hash = $14, filed_by = $15, search = $16, body = $17, updated_at = $18,"
            " channel = $19, priority = $20, assignee = $21, ack_due_at = $22",
            it.id(), it.category_code(), static_cast<int>(it.status()), it.ward_code(), it.agency_code(),
            it.location().latitude(), it.location().longitude(), Micros(ToTime(it.received_at())),
            Micros(ToTime(it.due_at())), answered, it.rating().stars(), it.hidden(), it.held(),
            f.reporter_phone_hash(), f.filed_by(), search, Blob{body}, Micros(ToTime(it.updated_at())),
            static_cast<int>(it.channel()), static_cast<int>(it.priority()), it.assignee(), ack_due)
        .status();
  }

  absl::StatusOr<bool> AddSupport(const std::string& id, const std::string& subject) override {
    return sql::ChangedOne(session_.Execute(
        "INSERT INTO feedback_supports (id, subject, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", id, subject,
        Micros(clock_->Now())));
  }

  idempotency::Ledger& Idempotency() override { return ledger_; }

  absl::StatusOr<int64_t> ForgetSubject(const std::string& subject) override {
    auto n = ledger_.Forget(subject);
    if (!n.ok()) return n;
    for (const char* sql : {"DELETE FROM feedback_supports WHERE subject = $1",
                            "UPDATE attachments SET owner = '' WHERE owner = $1"}) {
      auto changed = session_.Execute(sql, subject);
      if (!changed.ok()) return changed.status();
      *n += *changed;
    }
    return n;
  }

  absl::StatusOr<bool> IsBanned(const std::string& phone_hash) override {
    if (phone_hash.empty()) return false;
    return session_.QueryRow(
        "SELECT 1 FROM banned_reporters WHERE phone_hash = $1", [](const Row&) { return absl::OkStatus(); },
        phone_hash);
  }

  absl::Status SetBanned(const std::string& phone_hash, bool banned, const std::string& reason) override {
    if (!banned) return session_.Execute("DELETE FROM banned_reporters WHERE phone_hash = $1", phone_hash).status();
    return session_
        .Execute("INSERT INTO banned_reporters (phone_hash, reason, at) VALUES ($1, $2, $3)"
                 " ON CONFLICT(phone_hash) DO UPDATE SET reason = $2",
                 phone_hash, reason, Micros(clock_->Now()))
        .status();
  }

  absl::StatusOr<std::optional<AttachmentRow>> LoadAttachment(const std::string& id) override {
    if (auto s = session_.Lock(absl::StrCat("attachment/", id)); !s.ok()) return s;
    return LoadAttachmentOn(session_, id);
  }

  absl::Status SaveAttachment(const AttachmentRow& a) override {
    return session_
        .Execute("INSERT INTO attachments (id, sha256, size, content_type, owner, created_at, redacted)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(id) DO UPDATE SET redacted = $7",
                 a.id, a.sha256, a.size, a.content_type, a.owner, Micros(a.created_at), a.redacted)
        .status();
  }

  // Every replica reloads the catalogue when its version moves (SqlFeedbackStore::kCatalogueVersion).
  absl::Status PutAgency(const v1::Agency& a) override { return PutCatalogue("agencies", a.code(), a); }
  absl::Status PutWard(const v1::Ward& w) override { return PutCatalogue("wards", w.code(), w); }
  absl::Status PutCategory(const v1::Category& c) override { return PutCatalogue("categories", c.code(), c); }
  absl::Status PutAnswerTemplate(const v1::AnswerTemplate& t) override {
    return PutCatalogue("answer_templates", t.code(), t);
  }
  absl::Status Emit(const outbox::Event& event) override { return outbox::Append(session_, event); }

 private:
  absl::Status PutCatalogue(absl::string_view table, const std::string& code, const google::protobuf::Message& m) {
    if (auto s = PutMessage(session_, table, code, m); !s.ok()) return s;
    return sql::BumpVersion(session_, SqlFeedbackStore::kCatalogueVersion).status();
  }

  Session& session_;
  const Clock* clock_;
  idempotency::SqlLedger ledger_{session_};
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

// ",a,b," for a list filter matched with LIKE '%,' || column || ',%' (both engines; the
// values are our own codes and numbers, with no LIKE wildcards in them).
template <typename T>
std::string CommaList(const std::vector<T>& values) {
  return values.empty() ? "" : absl::StrCat(",", absl::StrJoin(values, ","), ",");
}

template <typename... Args>
absl::StatusOr<std::vector<StoredFeedback>> ReadReports(sql::Database& db, absl::string_view sql, int column,
                                                        const Args&... args) {
  return sql::ReadMessages<StoredFeedback>(db, sql, column, "report", args...);
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqlFeedbackStore>> SqlFeedbackStore::Open(sql::Database& db, const Clock* clock) {
  if (auto s = outbox::MigrateWithOutbox(db, "feedback", kMigrations); !s.ok()) return s;
  if (auto s = idempotency::MigrateLedger(db); !s.ok()) return s;
  if (auto s = sql::MigrateDataVersions(db); !s.ok()) return s;
  return std::unique_ptr<SqlFeedbackStore>(new SqlFeedbackStore(db, clock));
}

absl::Status SqlFeedbackStore::Write(const std::function<absl::Status(Tx&)>& work) {
  return sql::WriteThrough<SqlTx>(db_, work, clock_);
}

absl::StatusOr<std::optional<StoredFeedback>> SqlFeedbackStore::Load(const std::string& id) {
  return sql::ReadValue<std::optional<StoredFeedback>>(db_, [&](Session& session) { return LoadOn(session, id); });
}

absl::StatusOr<bool> SqlFeedbackStore::HasSupported(const std::string& id, const std::string& subject) {
  return sql::ReadValue<bool>(db_, [&](Session& session) {
    return session.QueryRow(
        "SELECT 1 FROM feedback_supports WHERE id = $1 AND subject = $2", [](const Row&) { return absl::OkStatus(); },
        id, subject);
  });
}

absl::StatusOr<std::vector<SupportRow>> SqlFeedbackStore::SupportedBy(const std::string& subject) {
  return sql::ReadValue<std::vector<SupportRow>>(db_, [&](Session& session) {
    return sql::Collect<SupportRow>(
        session, "SELECT id, at FROM feedback_supports WHERE subject = $1 ORDER BY at",
        [](const Row& r) { return SupportRow{r.Text(0), FromMicros(r.Int(1))}; }, subject);
  });
}

absl::StatusOr<std::optional<AttachmentRow>> SqlFeedbackStore::LoadAttachment(const std::string& id) {
  return sql::ReadValue<std::optional<AttachmentRow>>(db_,
                                                [&](Session& session) { return LoadAttachmentOn(session, id); });
}

namespace {

// One statement for every combination of filters: an empty parameter does not narrow.
constexpr char kListWhere[] =
    " WHERE ($1 = '' OR $1 LIKE '%,' || status || ',%')"
    " AND ($2 = '' OR category = $2) AND ($3 = '' OR ward = $3) AND ($4 = '' OR agency = $4)"
    " AND ($5 = 0 OR (status IN (1, 2, 3, 6) AND (due_at < $5 OR ack_due_at < $5)))"
    " AND ($6 = '' OR search LIKE $6 ESCAPE '\\')"
    " AND ($7 = '' OR $7 LIKE '%,' || id || ',%')"
    " AND ($8 = 0 OR received_at >= $8) AND ($9 = 0 OR received_at < $9)"
    " AND ($10 = 0 OR (hidden = 0 AND held = 0))"
    " AND (($11 = '' AND $12 = '') OR ($11 <> '' AND reporter_phone_hash = $11) OR ($12 <> '' AND filed_by = $12))"
    " AND ($13 = 0 OR channel = $13) AND ($14 = 0 OR priority >= $14) AND ($15 = '' OR assignee = $15)";

// Runs `sql` (kListWhere's $1-$15 from the filter, then `extra` as $16...) with `statuses` as the status list.
template <typename Fn, typename... Extra>
absl::Status ForEachListed(Session& session, const FeedbackFilter& f, const std::string& statuses,
                           const std::string& sql, Fn on_row, const Extra&... extra) {
  return session.ForEach(sql, on_row, statuses, f.category, f.ward, f.agency,
                         f.overdue_at ? Micros(*f.overdue_at) : 0,
                         f.folded_text.empty() ? std::string() : LikePattern(f.folded_text), CommaList(f.ids),
                         f.received_from ? Micros(*f.received_from) : 0, f.received_to ? Micros(*f.received_to) : 0,
                         static_cast<int64_t>(f.public_only ? 1 : 0), f.reporter_phone_hash, f.filed_by, f.channel,
                         f.min_priority, f.assignee, extra...);
}

absl::Status CountListed(Session& session, const FeedbackFilter& f, FeedbackPage* page) {
  if (f.count_by_status) {
    // The tabs: every status under the other filters, whatever status the list shows.
    int64_t all = 0;
    auto s = ForEachListed(session, f, std::string(),
                           absl::StrCat("SELECT status, COUNT(*) FROM feedback", kListWhere, " GROUP BY status ORDER BY status"),
                           [&](const Row& row) {
                             page->by_status.emplace_back(static_cast<int>(row.Int(0)), row.Int(1));
                             all += row.Int(1);
                             return absl::OkStatus();
                           });
    if (!s.ok()) return s;
    // Without a status filter the tabs already add up to the total: no second pass over the reports.
    if (f.statuses.empty()) {
      page->total = f.count_total ? all : 0;
      return absl::OkStatus();
    }
  }
  if (!f.count_total) return absl::OkStatus();
  page->total = 0;
  return ForEachListed(session, f, CommaList(f.statuses), absl::StrCat("SELECT COUNT(*) FROM feedback", kListWhere),
                       [&](const Row& row) {
                         page->total = row.Int(0);
                         return absl::OkStatus();
                       });
}

}  // namespace

absl::StatusOr<FeedbackPage> SqlFeedbackStore::List(const FeedbackFilter& f, int64_t before_seq, int limit,
                                                    int64_t offset) {
  FeedbackPage page;
  auto s = db_.Read([&](Session& session) -> absl::Status {
    if (auto counted = CountListed(session, f, &page); !counted.ok()) return counted;
    int64_t last_seq = 0;
    return ForEachListed(
        session, f, CommaList(f.statuses),
        absl::StrCat("SELECT seq, body FROM feedback", kListWhere,
                     " AND ($16 = 0 OR seq < $16) ORDER BY seq DESC LIMIT $17 OFFSET $18"),
        [&](const Row& row) -> absl::Status {
          if (static_cast<int>(page.items.size()) == limit) {  // the extra row: there is a next page
            page.next_seq = last_seq;
            return absl::OkStatus();
          }
          last_seq = row.Int(0);
          return ReadReport(row, 1, &page.items.emplace_back());
        },
        before_seq, static_cast<int64_t>(limit) + 1, offset);
  });
  if (!s.ok()) return s;
  return page;
}

absl::StatusOr<FeedbackPage> SqlFeedbackStore::ListByUrgency(const FeedbackFilter& f, const UrgencyCursor& after,
                                                             int limit) {
  FeedbackPage page;
  auto s = db_.Read([&](Session& session) -> absl::Status {
    if (auto counted = CountListed(session, f, &page); !counted.ok()) return counted;
    UrgencyCursor last;
    return ForEachListed(
        session, f, CommaList(f.statuses),
        absl::StrCat("SELECT seq, body, priority, due_at FROM feedback", kListWhere,
                     " AND ($16 = 0 OR priority < $18 OR (priority = $18 AND (due_at > $19"
                     " OR (due_at = $19 AND seq > $16))))"
                     " ORDER BY priority DESC, due_at ASC, seq ASC LIMIT $17"),
        [&](const Row& row) -> absl::Status {
          if (static_cast<int>(page.items.size()) == limit) {  // the extra row: there is a next page
            page.next_urgency = last;
            return absl::OkStatus();
          }
          last = UrgencyCursor{static_cast<int>(row.Int(2)), row.Int(3), row.Int(0)};
          return ReadReport(row, 1, &page.items.emplace_back());
        },
        after.seq, static_cast<int64_t>(limit) + 1, static_cast<int64_t>(after.priority), after.due_at_us);
  });
  if (!s.ok()) return s;
  return page;
}

absl::StatusOr<std::vector<StoredFeedback>> SqlFeedbackStore::InBox(const std::string& category, bool open_only,
                                                                    double min_lat, double max_lat, double min_lng,
                                                                    double max_lng, int limit) {
  return ReadReports(db_,
                     "SELECT body FROM feedback WHERE category = $1 AND lat BETWEEN $2 AND $3 AND lng BETWEEN $4 AND $5"
                     " AND hidden = 0 AND held = 0 AND ($6 = 0 OR status IN (1, 2, 3, 6)) ORDER BY seq DESC LIMIT $7",
                     0, category, min_lat, max_lat, min_lng, max_lng, open_only ? 1 : 0, limit);
}

absl::StatusOr<std::vector<std::string>> SqlFeedbackStore::FinishedWithReporterBefore(absl::Time before, int limit) {
  return sql::ReadTexts(db_,
                        "SELECT id FROM feedback WHERE status IN ($1, $2, $3) AND updated_at < $4"
                        " AND (reporter_phone_hash <> '' OR filed_by <> '') ORDER BY updated_at, id LIMIT $5",
                        static_cast<int>(v1::CLOSED), static_cast<int>(v1::REJECTED), static_cast<int>(v1::DUPLICATE),
                        Micros(before), limit);
}

absl::StatusOr<std::vector<std::string>> SqlFeedbackStore::AnsweredBefore(absl::Time answered_before, int limit) {
  return sql::ReadTexts(db_,
                        "SELECT id FROM feedback WHERE status = $1 AND answered_at < $2 ORDER BY answered_at, id LIMIT $3",
                        static_cast<int>(v1::ANSWERED), Micros(answered_before), limit);
}

absl::StatusOr<std::vector<StatsFact>> SqlFeedbackStore::StatsFacts(absl::Time from, absl::Time to) {
  std::vector<StatsFact> out;
  auto s = sql::ReadEach(
      db_,
      "SELECT agency, category, ward, status, received_at, due_at, answered_at, rating, channel FROM feedback"
      " WHERE (received_at >= $1 AND received_at < $2) OR (answered_at >= $1 AND answered_at < $2)"
      " OR status IN (1, 2, 3, 6)",
      [&](const Row& r) {
        StatsFact f{r.Text(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)), FromMicros(r.Int(4)),
                    FromMicros(r.Int(5)), std::nullopt, static_cast<int>(r.Int(7))};
        if (!r.IsNull(6)) f.answered_at = FromMicros(r.Int(6));
        f.channel = static_cast<int>(r.Int(8));
        out.push_back(std::move(f));
        return absl::OkStatus();
      },
      Micros(from), Micros(to));
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<CatalogData> SqlFeedbackStore::LoadCatalog() {
  CatalogData data;
  auto s = db_.Read([&](Session& session) -> absl::Status {
    if (auto s = LoadMessages(session, "agencies", "agency", &data.agencies); !s.ok()) return s;
    if (auto s = LoadMessages(session, "wards", "ward", &data.wards); !s.ok()) return s;
    if (auto s = LoadMessages(session, "categories", "category", &data.categories); !s.ok()) return s;
    return LoadMessages(session, "answer_templates", "answer template", &data.answer_templates);
  });
  if (!s.ok()) return s;
  return data;
}


}  // namespace laso::feedback

#include "services/dossier/sql_dossier_store.h"

#include "absl/strings/str_cat.h"
#include "common/sql/time_columns.h"
#include "common/idempotency/sql_ledger.h"
#include "common/sql/rows.h"

namespace laso::dossier {
namespace {

using sql::Blob;
using sql::Row;
using sql::Session;

const sql::Migration kMigrations[] = {
    {1, "dossiers and their events",
     "CREATE TABLE dossiers ("
     " code TEXT PRIMARY KEY,"
     " procedure_code TEXT NOT NULL, procedure_name TEXT NOT NULL, procedure_field TEXT NOT NULL,"
     " processing_days INTEGER NOT NULL,"
     " receiving_agency_code TEXT NOT NULL, receiving_agency_name TEXT NOT NULL,"
     " handling_agency_code TEXT NOT NULL, handling_agency_name TEXT NOT NULL,"
     " channel INTEGER NOT NULL, fees BLOB NOT NULL,"
     " applicant_name BLOB, applicant_phone BLOB, applicant_id BLOB,"  // AES-256-GCM sealed
     " phone_hash TEXT, id6_hash TEXT,"
     " status INTEGER NOT NULL,"
     // What the history says, for lists and statistics (unix microseconds).
     " first_at INTEGER, received_at INTEGER, processed_at INTEGER, returned_at INTEGER, finished_at INTEGER,"
     " due_at INTEGER, original_due_at INTEGER, working_days_taken INTEGER, on_time INTEGER,"
     " updated_at INTEGER NOT NULL);"
     "CREATE INDEX dossiers_by_phone ON dossiers(phone_hash, first_at DESC, code) WHERE phone_hash IS NOT NULL;"
     "CREATE INDEX dossiers_by_agency ON dossiers(handling_agency_code, received_at);"
     "CREATE INDEX dossiers_by_procedure ON dossiers(procedure_code, received_at);"
     "CREATE TABLE dossier_events ("
     " seq INTEGER PRIMARY KEY,"
     " code TEXT NOT NULL, event_id TEXT NOT NULL,"
     " status INTEGER NOT NULL, at INTEGER NOT NULL,"
     " agency_code TEXT NOT NULL, agency_name TEXT NOT NULL, note TEXT NOT NULL,"
     " apology_due_at INTEGER,"
     " UNIQUE (code, event_id));"
     "CREATE INDEX dossier_events_by_time ON dossier_events(code, at, seq);"},
};

using sql::FromMicros;
using sql::Micros;


constexpr char kSelectDossier[] =
    "SELECT procedure_code, procedure_name, procedure_field, processing_days, receiving_agency_code,"
    " receiving_agency_name, handling_agency_code, handling_agency_name, channel, fees, phone_hash, id6_hash"
    " FROM dossiers WHERE code = $1";
constexpr char kSelectEvents[] =
    "SELECT event_id, status, at, agency_code, agency_name, note, apology_due_at FROM dossier_events"
    " WHERE code = $1 ORDER BY at, seq";

absl::StatusOr<std::optional<StoredDossier>> LoadOn(Session& session, const std::string& code) {
  StoredDossier out;
  v1::DossierRecord& r = *out.mutable_record();
  auto found = session.QueryRow(
      kSelectDossier,
      [&](const Row& s) {
        r.set_code(code);
        r.mutable_procedure()->set_code(s.Text(0));
        r.mutable_procedure()->set_name(s.Text(1));
        r.mutable_procedure()->set_field(s.Text(2));
        r.mutable_procedure()->set_processing_days(static_cast<int32_t>(s.Int(3)));
        r.mutable_receiving_agency()->set_code(s.Text(4));
        r.mutable_receiving_agency()->set_name(s.Text(5));
        r.mutable_handling_agency()->set_code(s.Text(6));
        r.mutable_handling_agency()->set_name(s.Text(7));
        r.set_channel(static_cast<v1::Channel>(s.Int(8)));
        out.set_phone_hash(s.Text(10));
        out.set_id6_hash(s.Text(11));
        internal::FeeList fees;
        if (auto p = sql::ParseColumn(s, 9, &fees, "dossier's fee list"); !p.ok()) return p;
        *r.mutable_fees() = fees.fees();
        return absl::OkStatus();
      },
      code);
  if (!found.ok()) return found.status();
  if (!*found) return std::optional<StoredDossier>();

  auto events = session.ForEach(
      kSelectEvents,
      [&](const Row& e) {
        v1::DossierEvent* ev = r.add_events();
        ev->set_event_id(e.Text(0));
        ev->set_status(static_cast<v1::Status>(e.Int(1)));
        SetTimestamp(FromMicros(e.Int(2)), ev->mutable_time());
        ev->mutable_agency()->set_code(e.Text(3));
        ev->mutable_agency()->set_name(e.Text(4));
        ev->set_note(e.Text(5));
        if (!e.IsNull(6)) SetTimestamp(FromMicros(e.Int(6)), ev->mutable_apology_new_due_at());
        return absl::OkStatus();
      },
      code);
  if (!events.ok()) return events;
  return std::optional<StoredDossier>(std::move(out));
}

class SqlTx : public DossierStore::Tx {
 public:
  SqlTx(Session& session, const Clock* clock) : session_(session), clock_(clock) {}

  // A sync of a dossier that does not exist yet must wait for another sync of the same code too.
  absl::StatusOr<std::optional<StoredDossier>> Load(const std::string& code) override {
    if (auto s = session_.Lock(absl::StrCat("dossier/", code)); !s.ok()) return s;
    return LoadOn(session_, code);
  }

  absl::Status Save(const StoredDossier& d, const SealedApplicant* applicant, const DossierState& st) override {
    const v1::DossierRecord& r = d.record();
    internal::FeeList fees;
    *fees.mutable_fees() = r.fees();
    std::string fee_bytes = fees.SerializeAsString();
    std::optional<int64_t> on_time;
    if (st.on_time) on_time = *st.on_time ? 1 : 0;
    std::optional<int64_t> days_taken;
    if (st.working_days_taken) days_taken = *st.working_days_taken;
    auto status = session_.Execute(
        "INSERT INTO dossiers (code, procedure_code, procedure_name, procedure_field, processing_days,"
        " receiving_agency_code, receiving_agency_name, handling_agency_code, handling_agency_name, channel, fees,"
        " status, first_at, received_at, processed_at, returned_at, finished_at, due_at, original_due_at,"
        " working_days_taken, on_time, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)"
        " ON CONFLICT(code) DO UPDATE SET procedure_code = $2, procedure_name = $3, procedure_field = $4,"
        " processing_days = $5, receiving_agency_code = $6, receiving_agency_name = $7,"
        " handling_agency_code = $8, handling_agency_name = $9, channel = $10, fees = $11, status = $12,"
        " first_at = $13, received_at = $14, processed_at = $15, returned_at = $16, finished_at = $17,"
        " due_at = $18, original_due_at = $19, working_days_taken = $20, on_time = $21, updated_at = $22",
        r.code(), r.procedure().code(), r.procedure().name(), r.procedure().field(), r.procedure().processing_days(),
        r.receiving_agency().code(), r.receiving_agency().name(), r.handling_agency().code(),
        r.handling_agency().name(), static_cast<int>(r.channel()), Blob{fee_bytes}, static_cast<int>(st.status),
        Micros(st.first_at), Micros(st.received_at), Micros(st.processed_at), Micros(st.returned_at),
        Micros(st.finished_at), Micros(st.due_at), Micros(st.original_due_at), days_taken, on_time,
        Micros(clock_->Now()));
    if (!status.ok() || applicant == nullptr) return status.status();
    auto nullable = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional<std::string>(s); };
    return session_.Execute(
        "UPDATE dossiers SET applicant_name = $2, applicant_phone = $3, applicant_id = $4, phone_hash = $5,"
        " id6_hash = $6 WHERE code = $1",
        r.code(), Blob{applicant->name}, Blob{applicant->phone}, Blob{applicant->id_number},
        nullable(applicant->phone_hash), nullable(applicant->id6_hash))
        .status();
  }

  absl::StatusOr<bool> AddEvent(const std::string& code, const v1::DossierEvent& e) override {
    std::optional<int64_t> apology;
    if (e.has_apology_new_due_at()) apology = Micros(ToTime(e.apology_new_due_at()));
    auto added = session_.Execute(
        "INSERT INTO dossier_events (code, event_id, status, at, agency_code, agency_name, note, apology_due_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT(code, event_id) DO NOTHING",
        code, e.event_id(), static_cast<int>(e.status()), Micros(ToTime(e.time())), e.agency().code(),
        e.agency().name(), e.note(), apology);
    if (!added.ok()) return added.status();
    return *added == 1;
  }

  absl::StatusOr<std::string> SealedPhone(const std::string& code) override {
    std::string sealed;
    auto found = session_.QueryRow(
        "SELECT applicant_phone FROM dossiers WHERE code = $1",
        [&](const Row& row) {
          if (!row.IsNull(0)) sealed = row.Bytes(0);
          return absl::OkStatus();
        },
        code);
    if (!found.ok()) return found.status();
    return sealed;
  }

  absl::Status Emit(const outbox::Event& event) override { return outbox::Append(session_, event); }

 private:
  Session& session_;
  const Clock* clock_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SqlDossierStore>> SqlDossierStore::Open(sql::Database& db, const Clock* clock) {
  if (auto s = outbox::MigrateWithOutbox(db, "dossier", kMigrations); !s.ok()) return s;
  if (auto s = idempotency::MigrateLedger(db); !s.ok()) return s;  // every store has one
  return std::unique_ptr<SqlDossierStore>(new SqlDossierStore(db, clock));
}

absl::Status SqlDossierStore::Write(const std::function<absl::Status(Tx&)>& work) {
  return sql::WriteThrough<SqlTx>(db_, work, clock_);
}

absl::StatusOr<std::optional<StoredDossier>> SqlDossierStore::Load(const std::string& code) {
  return sql::ReadValue<std::optional<StoredDossier>>(db_, [&](Session& session) { return LoadOn(session, code); });
}

absl::StatusOr<std::vector<StoredDossier>> SqlDossierStore::ListByPhoneHash(const std::string& phone_hash,
                                                                            const std::optional<ListCursor>& after,
                                                                            int limit) {
  std::vector<StoredDossier> out;
  auto s = db_.Read([&](Session& session) -> absl::Status {
    auto codes = sql::Collect<std::string>(
        session,
        "SELECT code FROM dossiers WHERE phone_hash = $1"
        " AND ($2 = 0 OR first_at < $3 OR (first_at = $3 AND code > $4))"
        " ORDER BY first_at DESC, code LIMIT $5",
        [](const Row& row) { return row.Text(0); }, phone_hash, after.has_value() ? 1 : 0,
        after ? after->first_at_us : 0, after ? after->code : std::string(), limit);
    if (!codes.ok()) return codes.status();
    for (const std::string& code : *codes) {
      auto d = LoadOn(session, code);
      if (!d.ok()) return d.status();
      if (*d) out.push_back(std::move(**d));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

namespace {

// CASE rather than SUM(condition): PostgreSQL does not sum booleans.
constexpr char kStatsColumns[] =
    "SELECT"
    " COALESCE(SUM(CASE WHEN received_at >= $1 AND received_at < $2 THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN finished_at >= $1 AND finished_at < $2 THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN finished_at >= $1 AND finished_at < $2 AND on_time = 1 THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN finished_at >= $1 AND finished_at < $2 AND on_time = 0 THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN returned_at >= $1 AND returned_at < $2 THEN 1 ELSE 0 END), 0),"
    // Overdue now: open, not waiting for the applicant (the clock is stopped), past due.
    " COALESCE(SUM(CASE WHEN finished_at IS NULL AND status NOT IN (3, 5, 6, 7, 8) AND original_due_at < $3"
    " THEN 1 ELSE 0 END), 0),"
    " COALESCE(AVG(CASE WHEN finished_at >= $1 AND finished_at < $2 THEN working_days_taken END), 0)";
constexpr char kStatsWhere[] =
    " FROM dossiers WHERE ($4 = '' OR handling_agency_code = $4) AND ($5 = '' OR procedure_code = $5)";

StatsTotals TotalsOf(const Row& row) {
  StatsTotals t;
  t.received = row.Int(0);
  t.processed = row.Int(1);
  t.on_time = row.Int(2);
  t.late = row.Int(3);
  t.returned = row.Int(4);
  t.currently_overdue = row.Int(5);
  t.average_processing_working_days = row.Double(6);
  return t;
}

}  // namespace

absl::StatusOr<StatsTotals> SqlDossierStore::Stats(const StatsQuery& q) {
  StatsTotals t;
  auto s = db_.Read([&](Session& session) {
    return session
        .QueryRow(
            absl::StrCat(kStatsColumns, kStatsWhere),
            [&](const Row& row) {
              t = TotalsOf(row);
              return absl::OkStatus();
            },
            Micros(q.from), Micros(q.to), Micros(q.now), q.agency, q.procedure)
        .status();
  });
  if (!s.ok()) return s;
  return t;
}

absl::StatusOr<std::vector<StatsTotals>> SqlDossierStore::StatsByAgency(const StatsQuery& q) {
  std::vector<StatsTotals> rows;
  auto s = db_.Read([&](Session& session) {
    return session.ForEach(
        absl::StrCat(kStatsColumns, ", handling_agency_code, MAX(handling_agency_name)", kStatsWhere,
                     " GROUP BY handling_agency_code ORDER BY handling_agency_code"),
        [&](const Row& row) {
          StatsTotals t = TotalsOf(row);
          t.agency = row.Text(7);
          t.agency_name = row.Text(8);
          // An agency with nothing in the period and nothing overdue says nothing.
          if (t.received + t.processed + t.returned + t.currently_overdue > 0) rows.push_back(std::move(t));
          return absl::OkStatus();
        },
        Micros(q.from), Micros(q.to), Micros(q.now), q.agency, q.procedure);
  });
  if (!s.ok()) return s;
  return rows;
}

}  // namespace laso::dossier

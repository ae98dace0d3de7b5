#include "services/billing/sql_billing_store.h"

#include "absl/strings/str_cat.h"
#include "common/sql/time_columns.h"
#include "common/idempotency/sql_ledger.h"
#include "common/sql/data_versions.h"
#include "common/sql/rows.h"
#include "common/time/proto_time.h"

namespace laso::billing {
namespace {

using sql::Blob;
using sql::Row;
using sql::Session;

const sql::Migration kMigrations[] = {
    {1, "bills, linked accounts, payments, notices, providers",
     "CREATE TABLE bills ("
     " id TEXT PRIMARY KEY, provider TEXT NOT NULL, customer TEXT NOT NULL, period TEXT NOT NULL,"
     " due_date TEXT NOT NULL, total INTEGER NOT NULL,"
     " name_sealed BLOB NOT NULL, phone_hash TEXT NOT NULL,"
     " body BLOB NOT NULL,"  // v1.Bill without name, phone and payment
     " paid_at INTEGER, payment_reference TEXT NOT NULL DEFAULT '', updated_at INTEGER NOT NULL);"
     "CREATE INDEX bills_by_account ON bills(provider, customer, period DESC);"
     "CREATE INDEX bills_unpaid_by_due ON bills(due_date) WHERE paid_at IS NULL;"
     "CREATE TABLE accounts (subject TEXT NOT NULL, provider TEXT NOT NULL, customer TEXT NOT NULL,"
     " body BLOB NOT NULL, PRIMARY KEY (subject, provider, customer)) WITHOUT ROWID;"
     "CREATE INDEX accounts_by_customer ON accounts(provider, customer);"
     "CREATE TABLE payments (trans_id TEXT PRIMARY KEY, bill_id TEXT NOT NULL, amount INTEGER NOT NULL,"
     " at INTEGER NOT NULL);"
     "CREATE TABLE bill_notices (bill_id TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (bill_id, kind)) WITHOUT ROWID;"
     "CREATE TABLE providers (code TEXT PRIMARY KEY, body BLOB NOT NULL);"},
};

using sql::FromMicros;
using sql::Micros;

constexpr char kBillColumns[] = "body, name_sealed, phone_hash, paid_at, payment_reference";

absl::Status ReadBill(const Row& s, StoredBill* b) {
  if (auto p = sql::ParseColumn(s, 0, &b->bill, "bill"); !p.ok()) return p;
  b->name_sealed = s.Bytes(1);
  b->phone_hash = s.Text(2);
  if (!s.IsNull(3)) b->paid_at = absl::FromUnixMicros(s.Int(3));
  b->payment_reference = s.Text(4);
  return absl::OkStatus();
}

template <typename... Args>
absl::StatusOr<std::vector<StoredBill>> ReadBills(Session& session, absl::string_view sql, const Args&... args) {
  std::vector<StoredBill> out;
  auto s = session.ForEach(
      sql, [&](const Row& row) { return ReadBill(row, &out.emplace_back()); }, args...);
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::optional<StoredBill>> LoadOn(Session& session, const std::string& id) {
  auto bills = ReadBills(session, absl::StrCat("SELECT ", kBillColumns, " FROM bills WHERE id = $1"), id);
  if (!bills.ok()) return bills.status();
  if (bills->empty()) return std::optional<StoredBill>();
  return std::optional<StoredBill>(std::move(bills->front()));
}

class SqlTx : public BillingStore::Tx {
 public:
  explicit SqlTx(Session& session) : session_(session) {}

  absl::Status UpsertBill(const StoredBill& b, absl::Time now) override {
    std::string body = b.bill.SerializeAsString();
    return session_.Execute(
        "INSERT INTO bills (id, provider, customer, period, due_date, total, name_sealed, phone_hash, body,"
        " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        " ON CONFLICT(id) DO UPDATE SET due_date = $5, total = $6, name_sealed = $7, phone_hash = $8, body = $9,"
        " updated_at = $10",
        b.bill.id(), b.bill.provider(), b.bill.customer_code(), b.bill.period(), b.bill.due_date(), b.bill.total(),
        Blob{b.name_sealed}, b.phone_hash, Blob{body}, Micros(now)).status();
  }

  // Two payment callbacks for one bill take turns: the second sees the first's payment.
  absl::StatusOr<std::optional<StoredBill>> LoadBill(const std::string& id) override {
    if (auto s = session_.Lock(absl::StrCat("bill/", id)); !s.ok()) return s;
    return LoadOn(session_, id);
  }

  absl::StatusOr<bool> RecordPayment(const std::string& trans_id, const std::string& bill_id, int64_t amount,
                                     absl::Time at) override {
    return sql::ChangedOne(session_.Execute(
        "INSERT INTO payments (trans_id, bill_id, amount, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        trans_id, bill_id, amount, Micros(at)));
  }

  absl::StatusOr<bool> MarkPaid(const std::string& bill_id, const std::string& reference, absl::Time at) override {
    return sql::ChangedOne(session_.Execute(
        "UPDATE bills SET paid_at = $2, payment_reference = $3 WHERE id = $1 AND paid_at IS NULL", bill_id,
        Micros(at), reference));
  }


  absl::StatusOr<bool> RecordNotice(const std::string& bill_id, const std::string& kind) override {
    return sql::ChangedOne(session_.Execute(
        "INSERT INTO bill_notices (bill_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING", bill_id, kind));
  }

  absl::Status PutProvider(const v1::Provider& p) override {
    std::string body = p.SerializeAsString();
    auto put = session_.Execute(
        "INSERT INTO providers (code, body) VALUES ($1, $2) ON CONFLICT(code) DO UPDATE SET body = $2", p.code(),
        Blob{body});
    if (!put.ok()) return put.status();
    // Every replica reloads the tariffs when this moves.
    return sql::BumpVersion(session_, SqlBillingStore::kProvidersVersion).status();
  }

  absl::StatusOr<int64_t> LockAndCountOtherAccounts(const std::string& subject, const std::string& provider,
                                                     const std::string& customer) override {
    if (auto s = session_.Lock(absl::StrCat("accounts/", subject)); !s.ok()) return s;
    return session_.QueryInt(
        "SELECT COUNT(*) FROM accounts WHERE subject = $1 AND NOT (provider = $2 AND customer = $3)", 0, subject,
        provider, customer);
  }

  absl::Status PutAccount(const LinkedAccount& a) override {
    std::string body = a.account.SerializeAsString();
    return session_.Execute(
        "INSERT INTO accounts (subject, provider, customer, body) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT(subject, provider, customer) DO UPDATE SET body = $4",
        a.subject, a.account.provider(), a.account.customer_code(), Blob{body}).status();
  }

  absl::StatusOr<bool> DeleteAccount(const std::string& subject, const std::string& provider,
                                     const std::string& customer) override {
    return sql::ChangedOne(session_.Execute("DELETE FROM accounts WHERE subject = $1 AND provider = $2 AND customer = $3",
                                       subject, provider, customer));
  }

  absl::Status Emit(const outbox::Event& event) override { return outbox::Append(session_, event); }
  idempotency::Ledger& Idempotency() override { return ledger_; }

 private:
  Session& session_;
  idempotency::SqlLedger ledger_{session_};
};


}  // namespace

absl::StatusOr<std::unique_ptr<SqlBillingStore>> SqlBillingStore::Open(sql::Database& db) {
  if (auto s = outbox::MigrateWithOutbox(db, "billing", kMigrations); !s.ok()) return s;
  if (auto s = idempotency::MigrateLedger(db); !s.ok()) return s;
  if (auto s = sql::MigrateDataVersions(db); !s.ok()) return s;
  return std::unique_ptr<SqlBillingStore>(new SqlBillingStore(db));
}

absl::Status SqlBillingStore::Write(const std::function<absl::Status(Tx&)>& work) {
  return sql::WriteThrough<SqlTx>(db_, work);
}

absl::StatusOr<std::optional<StoredBill>> SqlBillingStore::LoadBill(const std::string& id) {
  return sql::ReadValue<std::optional<StoredBill>>(db_, [&](Session& session) { return LoadOn(session, id); });
}

absl::StatusOr<std::vector<StoredBill>> SqlBillingStore::AccountBills(const std::string& provider,
                                                                      const std::string& customer, int limit) {
  return sql::ReadValue<std::vector<StoredBill>>(db_, [&](Session& session) {
    return ReadBills(session,
                     absl::StrCat("SELECT ", kBillColumns,
                                  " FROM bills WHERE provider = $1 AND customer = $2 ORDER BY period DESC LIMIT $3"),
                     provider, customer, limit);
  });
}

absl::StatusOr<std::vector<StoredBill>> SqlBillingStore::NeedingNotice(const std::string& today,
                                                                       const std::string& due_by, int limit) {
  return sql::ReadValue<std::vector<StoredBill>>(db_, [&](Session& session) {
    return ReadBills(session,
                    absl::StrCat("SELECT ", kBillColumns,
                                 " FROM bills b WHERE paid_at IS NULL AND due_date <= $1"
                                 " AND NOT EXISTS (SELECT 1 FROM bill_notices n WHERE n.bill_id = b.id"
                                 " AND n.kind = CASE WHEN b.due_date < $2 THEN 'overdue' ELSE 'due_soon' END)"
                                 " ORDER BY due_date, id LIMIT $3"),
                    due_by, today, limit);
  });
}

absl::StatusOr<std::vector<LinkedAccount>> SqlBillingStore::Accounts(const std::string& subject) {
  auto accounts = sql::ReadMessages<v1::UtilityAccount>(
      db_, "SELECT body FROM accounts WHERE subject = $1 ORDER BY provider, customer", 0, "linked account", subject);
  if (!accounts.ok()) return accounts.status();
  std::vector<LinkedAccount> out;
  for (v1::UtilityAccount& a : *accounts) out.push_back({subject, std::move(a)});
  return out;
}

absl::StatusOr<std::vector<std::string>> SqlBillingStore::Holders(const std::string& provider,
                                                                  const std::string& customer) {
  return sql::ReadTexts(db_, "SELECT subject FROM accounts WHERE provider = $1 AND customer = $2 ORDER BY subject",
                        provider, customer);
}

absl::StatusOr<std::vector<v1::Provider>> SqlBillingStore::Providers() {
  return sql::ReadMessages<v1::Provider>(db_, "SELECT body FROM providers ORDER BY code", 0, "provider");
}

}  // namespace laso::billing

#include "services/billing/sqlite_billing_store.h"

#include "absl/strings/str_cat.h"
#include "common/sqlite/migrations.h"
#include "common/sqlite/transaction.h"
#include "common/time/proto_time.h"

namespace laso::billing {
namespace {

using sqlite::Blob;
using sqlite::Connection;
using sqlite::Statement;

const sqlite::Migration kMigrations[] = {
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

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

constexpr char kBillColumns[] = "body, name_sealed, phone_hash, paid_at, payment_reference";

std::optional<StoredBill> ReadBill(Statement& s) {
  StoredBill b;
  if (!b.bill.ParseFromString(s.BlobAt(0))) return std::nullopt;
  b.name_sealed = s.BlobAt(1);
  b.phone_hash = s.Text(2);
  if (!s.IsNull(3)) b.paid_at = absl::FromUnixMicros(s.Int(3));
  b.payment_reference = s.Text(4);
  return b;
}

absl::StatusOr<std::vector<StoredBill>> ReadBills(Statement& s) {
  std::vector<StoredBill> out;
  while (true) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (auto b = ReadBill(s)) out.push_back(std::move(*b));
  }
  s.Reset();
  return out;
}

absl::StatusOr<std::optional<StoredBill>> LoadOn(Connection& conn, const std::string& id) {
  auto stmt = conn.Prepare(absl::StrCat("SELECT ", kBillColumns, " FROM bills WHERE id = ?1"));
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(id);
  auto bills = ReadBills(**stmt);
  if (!bills.ok()) return bills.status();
  if (bills->empty()) return std::optional<StoredBill>();
  return std::optional<StoredBill>(std::move(bills->front()));
}

class SqliteTx : public BillingStore::Tx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}

  absl::Status UpsertBill(const StoredBill& b, absl::Time now) override {
    std::string body = b.bill.SerializeAsString();
    return conn_.Execute(
        "INSERT INTO bills (id, provider, customer, period, due_date, total, name_sealed, phone_hash, body,"
        " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        " ON CONFLICT(id) DO UPDATE SET due_date = ?5, total = ?6, name_sealed = ?7, phone_hash = ?8, body = ?9,"
        " updated_at = ?10",
        b.bill.id(), b.bill.provider(), b.bill.customer_code(), b.bill.period(), b.bill.due_date(), b.bill.total(),
        Blob{b.name_sealed}, b.phone_hash, Blob{body}, Micros(now));
  }

  absl::StatusOr<std::optional<StoredBill>> LoadBill(const std::string& id) override { return LoadOn(conn_, id); }

  absl::StatusOr<bool> RecordPayment(const std::string& trans_id, const std::string& bill_id, int64_t amount,
                                     absl::Time at) override {
    auto s = conn_.Execute(
        "INSERT INTO payments (trans_id, bill_id, amount, at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        trans_id, bill_id, amount, Micros(at));
    if (!s.ok()) return s;
    return conn_.Changes() == 1;
  }

  absl::Status MarkPaid(const std::string& bill_id, const std::string& reference, absl::Time at) override {
    return conn_.Execute("UPDATE bills SET paid_at = ?2, payment_reference = ?3 WHERE id = ?1 AND paid_at IS NULL",
                         bill_id, Micros(at), reference);
  }

  absl::StatusOr<bool> RecordNotice(const std::string& bill_id, const std::string& kind) override {
    auto s = conn_.Execute("INSERT INTO bill_notices (bill_id, kind) VALUES (?1, ?2) ON CONFLICT DO NOTHING", bill_id,
                           kind);
    if (!s.ok()) return s;
    return conn_.Changes() == 1;
  }

  absl::Status PutProvider(const v1::Provider& p) override {
    std::string body = p.SerializeAsString();
    return conn_.Execute("INSERT INTO providers (code, body) VALUES (?1, ?2) ON CONFLICT(code) DO UPDATE SET body = ?2",
                         p.code(), Blob{body});
  }

  absl::Status PutAccount(const LinkedAccount& a) override {
    std::string body = a.account.SerializeAsString();
    return conn_.Execute(
        "INSERT INTO accounts (subject, provider, customer, body) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT(subject, provider, customer) DO UPDATE SET body = ?4",
        a.subject, a.account.provider(), a.account.customer_code(), Blob{body});
  }

  absl::StatusOr<bool> DeleteAccount(const std::string& subject, const std::string& provider,
                                     const std::string& customer) override {
    auto s = conn_.Execute("DELETE FROM accounts WHERE subject = ?1 AND provider = ?2 AND customer = ?3", subject,
                           provider, customer);
    if (!s.ok()) return s;
    return conn_.Changes() == 1;
  }

  absl::Status Emit(const outbox::Event& event) override { return outbox::Append(conn_, event); }

 private:
  Connection& conn_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteBillingStore>> SqliteBillingStore::Open(sqlite::Pool& pool) {
  auto writer = pool.Writer();
  if (auto s = outbox::MigrateWithOutbox(*writer, "billing", kMigrations); !s.ok()) return s;
  return std::unique_ptr<SqliteBillingStore>(new SqliteBillingStore(pool));
}

absl::Status SqliteBillingStore::Write(const std::function<absl::Status(Tx&)>& work) {
  return sqlite::WriteThrough<SqliteTx>(pool_, work);
}

absl::StatusOr<std::optional<StoredBill>> SqliteBillingStore::LoadBill(const std::string& id) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  return LoadOn(**reader, id);
}

absl::StatusOr<std::vector<StoredBill>> SqliteBillingStore::AccountBills(const std::string& provider,
                                                                         const std::string& customer, int limit) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare(absl::StrCat("SELECT ", kBillColumns,
                                              " FROM bills WHERE provider = ?1 AND customer = ?2"
                                              " ORDER BY period DESC LIMIT ?3"));
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(provider, customer, limit);
  return ReadBills(**stmt);
}

absl::StatusOr<std::vector<StoredBill>> SqliteBillingStore::UnpaidDueBy(const std::string& due_by, int limit) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare(absl::StrCat("SELECT ", kBillColumns,
                                              " FROM bills WHERE paid_at IS NULL AND due_date <= ?1"
                                              " AND id NOT IN (SELECT bill_id FROM bill_notices WHERE kind = 'overdue')"
                                              " ORDER BY due_date LIMIT ?2"));
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(due_by, limit);
  return ReadBills(**stmt);
}

absl::StatusOr<std::vector<LinkedAccount>> SqliteBillingStore::Accounts(const std::string& subject) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare("SELECT body FROM accounts WHERE subject = ?1 ORDER BY provider, customer");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(subject);
  std::vector<LinkedAccount> out;
  while (true) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    LinkedAccount a;
    a.subject = subject;
    if (a.account.ParseFromString((*stmt)->BlobAt(0))) out.push_back(std::move(a));
  }
  (*stmt)->Reset();
  return out;
}

absl::StatusOr<std::vector<std::string>> SqliteBillingStore::Holders(const std::string& provider,
                                                                     const std::string& customer) {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare("SELECT subject FROM accounts WHERE provider = ?1 AND customer = ?2");
  if (!stmt.ok()) return stmt.status();
  (void)(*stmt)->BindAll(provider, customer);
  std::vector<std::string> out;
  while (true) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back((*stmt)->Text(0));
  }
  (*stmt)->Reset();
  return out;
}

absl::StatusOr<std::vector<v1::Provider>> SqliteBillingStore::Providers() {
  auto reader = pool_.Reader();
  if (!reader.ok()) return reader.status();
  auto stmt = (*reader)->Prepare("SELECT body FROM providers ORDER BY code");
  if (!stmt.ok()) return stmt.status();
  std::vector<v1::Provider> out;
  while (true) {
    auto row = (*stmt)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    v1::Provider p;
    if (p.ParseFromString((*stmt)->BlobAt(0))) out.push_back(std::move(p));
  }
  (*stmt)->Reset();
  return out;
}

}  // namespace laso::billing

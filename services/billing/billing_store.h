#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/idempotency/retried_write.h"
#include "common/outbox/outbox.h"
#include "laso/billing/v1/billing.pb.h"

namespace laso::billing {

// A bill as stored: the bill (no name or phone in it), the holder's name
// sealed, the registered phone's keyed hash, and the payment if any.
struct StoredBill {
  v1::Bill bill;
  std::string name_sealed;
  std::string phone_hash;
  std::optional<absl::Time> paid_at;
  std::string payment_reference;
};

struct LinkedAccount {
  std::string subject;
  v1::UtilityAccount account;
};

// Where bills live: SQLite (the embedded default) or PostgreSQL.
class BillingStore {
 public:
  virtual ~BillingStore() = default;

  class Tx {
   public:
    virtual ~Tx() = default;
    // Inserts or updates by id; a payment already recorded is kept.
    virtual absl::Status UpsertBill(const StoredBill& bill, absl::Time now) = 0;
    virtual absl::StatusOr<std::optional<StoredBill>> LoadBill(const std::string& id) = 0;
    // False when this transaction id was recorded before.
    virtual absl::StatusOr<bool> RecordPayment(const std::string& trans_id, const std::string& bill_id,
                                               int64_t amount, absl::Time at) = 0;
    // False when the bill was already paid (another callback got there first).
    virtual absl::StatusOr<bool> MarkPaid(const std::string& bill_id, const std::string& reference, absl::Time at) = 0;
    // False when this notice was given before.
    virtual absl::StatusOr<bool> RecordNotice(const std::string& bill_id, const std::string& kind) = 0;
    virtual absl::Status PutProvider(const v1::Provider& provider) = 0;
    virtual absl::Status PutAccount(const LinkedAccount& account) = 0;
    // How many accounts other than (provider, customer) the subject has linked, with the subject's
    // accounts locked until the transaction ends (two links at once take turns).
    virtual absl::StatusOr<int64_t> LockAndCountOtherAccounts(const std::string& subject, const std::string& provider,
                                                               const std::string& customer) = 0;
    virtual absl::StatusOr<bool> DeleteAccount(const std::string& subject, const std::string& provider,
                                               const std::string& customer) = 0;
    virtual absl::Status Emit(const outbox::Event& event) = 0;
    // Writes a phone may retry, remembered by Idempotency-Key.
    virtual idempotency::Ledger& Idempotency() = 0;
  };
  virtual absl::Status Write(const std::function<absl::Status(Tx&)>& work) = 0;

  virtual absl::StatusOr<std::optional<StoredBill>> LoadBill(const std::string& id) = 0;
  // An account's bills, newest period first.
  virtual absl::StatusOr<std::vector<StoredBill>> AccountBills(const std::string& provider,
                                                               const std::string& customer, int limit) = 0;
  // Unpaid bills due on or before `due_by` (YYYY-MM-DD) that lack the notice they are owed
  // `today`: "overdue" once past due, "due_soon" before. Bills already told drop out, so
  // reading again after recording the notices reaches the next ones.
  virtual absl::StatusOr<std::vector<StoredBill>> NeedingNotice(const std::string& today, const std::string& due_by,
                                                                int limit) = 0;
  virtual absl::StatusOr<std::vector<LinkedAccount>> Accounts(const std::string& subject) = 0;
  // Who linked this customer code.
  virtual absl::StatusOr<std::vector<std::string>> Holders(const std::string& provider,
                                                           const std::string& customer) = 0;
  virtual absl::StatusOr<std::vector<v1::Provider>> Providers() = 0;
};

}  // namespace laso::billing

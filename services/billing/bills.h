#pragma once

#include <map>
#include <memory>
#include <regex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/cache/local_cache.h"
#include "common/crypto/hmac_key.h"
#include "common/crypto/pii_vault.h"
#include "common/rpc/caller.h"
#include "common/time/clock.h"
#include "laso/api/httpbody.pb.h"
#include "services/billing/billing_store.h"
#include "services/billing/zalo_checkout.h"

namespace laso::billing {

struct BillingOptions {
  // Shared with the utilities: registered phones arrive as hex HMAC-SHA256
  // under this key over the 84... form (or in clear, and are hashed here).
  std::string phone_hash_key;
  std::string checkout_private_key;
  // Zalo Checkout's `method` for orders, as JSON.
  std::string payment_method = R"({"id":"ZALOPAY_SANDBOX","isCustom":false})";
  int due_soon_days = 3;
  size_t max_import_rows = 100000;
  // Latest bill per customer kept in memory for public lookups (0: none); the
  // service's own imports and payments invalidate it, the TTL bounds staleness
  // across replicas.
  size_t lookup_cache_entries = 100000;
  absl::Duration lookup_cache_ttl = absl::Seconds(10);
  int max_accounts = 20;
};

// The billing service's behaviour, independent of gRPC: providers and their
// tariffs, imports checked against the tariff, residents' linked accounts,
// public lookups, checkout orders and Zalo's payment callbacks, and the
// due-soon and overdue notices.
class Bills {
 public:
  Bills(BillingStore& store, const crypto::PiiVault& vault, BillingOptions options, const Clock* clock);

  absl::Status LoadProviders();
  absl::StatusOr<v1::ListProvidersResponse> ListProviders() const;
  absl::StatusOr<v1::Provider> PutProvider(const rpc::Caller& caller, const v1::PutProviderRequest& request);
  absl::StatusOr<v1::TariffComputation> Compute(const v1::ComputeTariffRequest& request) const;

  absl::StatusOr<v1::ImportBillsResponse> Import(const rpc::Caller& caller, const laso::api::HttpBody& body);

  // Link and unlink sent again with the same Idempotency-Key are done once.
  absl::StatusOr<v1::UtilityAccount> Link(const rpc::Caller& caller, const v1::LinkUtilityAccountRequest& request,
                                          const std::string& idempotency_key = "");
  absl::StatusOr<v1::ListUtilityAccountsResponse> Accounts(const rpc::Caller& caller);
  absl::StatusOr<v1::UnlinkUtilityAccountResponse> Unlink(const rpc::Caller& caller,
                                                          const v1::UnlinkUtilityAccountRequest& request,
                                                          const std::string& idempotency_key = "");
  absl::StatusOr<v1::ListBillsResponse> MyBills(const rpc::Caller& caller, const v1::ListMyBillsRequest& request);
  absl::StatusOr<v1::ListBillsResponse> AccountBills(const rpc::Caller& caller,
                                                     const v1::ListAccountBillsRequest& request);
  absl::StatusOr<v1::BillSummary> Lookup(const v1::LookupBillRequest& request);

  absl::StatusOr<v1::CheckoutOrder> Checkout(const rpc::Caller& caller, const v1::CheckoutBillRequest& request);
  absl::StatusOr<v1::ZaloPaymentCallbackResponse> PaymentCallback(const laso::api::HttpBody& body);

  // Emits bill.due_soon and bill.overdue, once per bill each; returns how many.
  absl::StatusOr<int> SendNotices();

 private:
  struct ProviderEntry {
    v1::Provider provider;
    std::regex customer_code;
  };
  std::shared_ptr<const std::map<std::string, ProviderEntry>> Providers() const;
  absl::StatusOr<const ProviderEntry*> FindProvider(const std::map<std::string, ProviderEntry>& all,
                                                    const std::string& code, const std::string& customer) const;
  std::string PhoneHash(const std::string& normalized_phone) const;
  v1::Bill FullBill(const StoredBill& stored) const;
  v1::BillSummary Summary(const StoredBill& stored) const;
  v1::BillStatus StatusOf(const StoredBill& stored) const;
  // The latest bill of a customer as a lookup shows it (status aside), or null.
  struct Latest {
    v1::BillSummary summary;
    bool paid = false;
  };
  absl::StatusOr<std::shared_ptr<const Latest>> LatestOf(const std::string& provider, const std::string& customer);
  absl::StatusOr<std::optional<LinkedAccount>> LinkOf(const rpc::Caller& caller, const std::string& provider,
                                                      const std::string& customer);

  BillingStore& store_;
  const crypto::PiiVault& vault_;
  BillingOptions options_;
  crypto::HmacSha256Key phone_key_;
  ZaloCheckout checkout_;
  const Clock* clock_;
  cache::LocalCache<Latest> latest_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const std::map<std::string, ProviderEntry>> providers_ ABSL_GUARDED_BY(mu_);
};

}  // namespace laso::billing

#include "services/billing/billing_config.h"

namespace laso::billing {

void AddConfigKeys(config::Schema& s) {
  s.Endpoint("billing.listen", "127.0.0.1:7103", "Where the billing service listens (gRPC): host:port, or unix:/path");
  s.String("billing.database", "billing.db", "The billing service's database: a SQLite file (relative to data_dir) or a postgresql:// URI");
  s.String("billing.providers_file", "deploy/data/billing/providers.json",
           "Providers with their tariff schedules and VAT rates, applied at every start (empty: by API only)");
  s.Secret("billing.phone_hash_key",
           "Key shared with the utilities: registered phones arrive as hex HMAC-SHA256 under it (required)");
  s.Secret("billing.zalo_checkout_private_key", "Zalo Checkout private key: signs orders, verifies callbacks (required)");
  s.String("billing.zalo_payment_method", R"({"id":"ZALOPAY_SANDBOX","isCustom":false})",
           "The `method` of checkout orders (JSON, as Payment.createOrder takes it)");
  s.Int("billing.due_soon_days", 3, 1, 30, "Days before the due date when holders are reminded (bill.due_soon)");
  s.Duration("billing.notice_interval", "10m", "How often bills falling due and overdue are looked for");
  s.Int("billing.lookup_cache_entries", 100000, 0, 10000000,
        "Customers whose latest bill is kept in memory for public lookups (0: none)");
  s.Duration("billing.lookup_cache_ttl", "10s", "How long a cached latest bill may serve (bounds staleness across replicas)");
}

absl::StatusOr<BillingConfig> BillingConfigFrom(const config::Config& c) {
  BillingConfig out;
  out.bills = {.phone_hash_key = c.String("billing.phone_hash_key"),
               .checkout_private_key = c.String("billing.zalo_checkout_private_key"),
               .payment_method = c.String("billing.zalo_payment_method"),
               .due_soon_days = static_cast<int>(c.Int("billing.due_soon_days")),
               .lookup_cache_entries = static_cast<size_t>(c.Int("billing.lookup_cache_entries")),
               .lookup_cache_ttl = c.Duration("billing.lookup_cache_ttl")};
  if (out.bills.phone_hash_key.empty() || out.bills.checkout_private_key.empty()) {
    return absl::FailedPreconditionError(
        "set billing.phone_hash_key and billing.zalo_checkout_private_key "
        "(LASO_BILLING_PHONE_HASH_KEY, LASO_BILLING_ZALO_CHECKOUT_PRIVATE_KEY)");
  }
  out.providers_file = c.String("billing.providers_file");
  out.notice_interval = c.Duration("billing.notice_interval");
  return out;
}

}  // namespace laso::billing

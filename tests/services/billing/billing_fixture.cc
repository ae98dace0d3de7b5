#include "tests/services/billing/billing_fixture.h"

#include "common/testing/outbox_rows.h"
#include "laso/api/httpbody.pb.h"
#include "services/billing/provider_file.h"

namespace laso::billing {

BillingTest::BillingTest() {
  store_ = std::move(*SqlBillingStore::Open(database_.db()));
  vault_ = std::make_unique<crypto::PiiVault>(*crypto::PiiVault::Open(dir_.path(), "billing", &clock_));
  bills_ = std::make_unique<Bills>(
      *store_, *vault_, BillingOptions{.phone_hash_key = kPhoneKey, .checkout_private_key = kCheckoutKey}, &clock_);
  EXPECT_TRUE(LoadProviderFile(std::string(LASO_SOURCE_DIR) + "/deploy/data/billing/providers.json", *store_).ok());
  EXPECT_TRUE(bills_->LoadProviders().ok());
}

nlohmann::json BillingTest::EvnBill(const std::string& customer, int64_t kwh, const std::string& phone) {
  // October 2026 prices (2025-05-10 schedule), VAT 8%.
  static const int64_t kBounds[] = {50, 100, 200, 300, 400};
  static const int64_t kPrices[] = {1984, 2050, 2380, 2998, 3350, 3460};
  int64_t left = kwh, lower = 0, subtotal = 0;
  for (int t = 0; t < 6 && left > 0; ++t) {
    int64_t take = t < 5 ? std::min(left, kBounds[t] - lower) : left;
    subtotal += take * kPrices[t];
    left -= take;
    if (t < 5) lower = kBounds[t];
  }
  int64_t vat = (subtotal * 8 + 50) / 100;
  return {{"provider", "evn-longan"}, {"customerCode", customer}, {"period", "2026-10"},
          {"previousReading", "1000"}, {"currentReading", std::to_string(1000 + kwh)},
          {"total", std::to_string(subtotal + vat)}, {"dueDate", "2026-11-10"},
          {"customerName", "Nguyễn Văn An"}, {"registeredPhone", phone}};
}

v1::ImportBillsResponse BillingTest::ImportOk(const std::string& body) {
  laso::api::HttpBody b;
  b.set_data(body);
  auto r = bills_->Import(Utility(), b);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : v1::ImportBillsResponse();
}

std::vector<nlohmann::json> BillingTest::Outbox() { return testing::OutboxRows(database_.db()); }

LASO_ON_BOTH_ENGINES(BillingTest);

}  // namespace laso::billing

// A provider's bill import (CSV or JSON lines) through Bills::Import, on a
// real SQLite store with the shipped providers and tariffs: every row is
// accepted or rejected with a row number, never half-read, and the body as a
// whole is refused only as INVALID_ARGUMENT.
#include <memory>

#include "common/crypto/pii_vault.h"
#include "common/grpc/identity.h"
#include "common/sqlite/sqlite_database.h"
#include "common/time/clock.h"
#include "laso/api/httpbody.pb.h"
#include "services/billing/bill_rows.h"
#include "services/billing/bills.h"
#include "services/billing/provider_file.h"
#include "services/billing/sql_billing_store.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_dir.h"

namespace {

using namespace laso;

constexpr size_t kMaxRows = 50;

struct Setup {
  FakeClock clock{absl::FromCivil(absl::CivilSecond(2026, 11, 5, 9, 0, 0), absl::UTCTimeZone())};
  std::unique_ptr<sqlite::SqliteDatabase> db;
  std::unique_ptr<billing::SqlBillingStore> store;
  std::unique_ptr<crypto::PiiVault> vault;
  std::unique_ptr<billing::Bills> bills;

  Setup() {
    const std::string& dir = fuzz::ScratchDir("bill_import");
    // Nothing here needs to survive a power cut; the fuzzer needs speed.
    db = std::move(*sqlite::SqliteDatabase::Open({.path = dir + "/billing.db", .synchronous = sqlite::Synchronous::kOff}, 1));
    store = std::move(*billing::SqlBillingStore::Open(*db));
    vault = std::make_unique<crypto::PiiVault>(*crypto::PiiVault::Open(dir, "billing", &clock));
    billing::BillingOptions options{.phone_hash_key = "fuzz-phone-hash-key", .checkout_private_key = "fuzz"};
    options.max_import_rows = kMaxRows;
    bills = std::make_unique<billing::Bills>(*store, *vault, options, &clock);
    auto loaded =
        billing::LoadProviderFile(std::string(LASO_SOURCE_DIR) + "/deploy/data/billing/providers.json", *store);
    if (!loaded.ok() || !bills->LoadProviders().ok()) fuzz::Fail("setup", __FILE__, __LINE__, loaded.ToString());
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Setup* setup = new Setup();
  laso::api::HttpBody body;
  body.set_content_type("text/csv");
  body.set_data(data, size);
  rpc::Caller utility;
  utility.set_subject("staff:evn-longan");
  utility.set_role(rpc::Role::INTEGRATION);

  auto rows = billing::ReadBillRows(body.data(), kMaxRows);
  auto result = setup->bills->Import(utility, body);
  if (!rows.ok()) {
    LASO_FUZZ_CHECK(!result.ok() && result.status().code() == absl::StatusCode::kInvalidArgument,
                    result.status().ToString());
    return 0;
  }
  LASO_FUZZ_CHECK(result.ok(), result.status().ToString());
  LASO_FUZZ_CHECK(result->accepted() + result->rejected() == static_cast<int>(rows->size()), result->DebugString());
  LASO_FUZZ_CHECK(result->errors_size() <= result->rejected(), result->DebugString());
  int last = 0;
  for (const auto& e : result->errors()) {
    LASO_FUZZ_CHECK(e.row() > last && e.row() <= static_cast<int>(rows->size()), result->DebugString());
    LASO_FUZZ_CHECK(!e.message().empty(), result->DebugString());
    last = e.row();
  }
  return 0;
}

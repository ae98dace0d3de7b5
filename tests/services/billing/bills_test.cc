#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/crypto/hash.h"
#include "common/crypto/hmac_key.h"
#include "common/status/status.h"
#include "common/sql/data_versions.h"
#include "common/testing/at_once.h"
#include "tests/services/billing/billing_fixture.h"

namespace laso::billing {
namespace {

std::string Lines(const std::vector<nlohmann::json>& rows) {
  std::string out;
  for (const auto& r : rows) out += r.dump() + "\n";
  return out;
}

TEST_P(BillingTest, ImportChecksEveryTotalWithTheTariff) {
  nlohmann::json wrong = EvnBill("PB06010000002", 250);
  wrong["total"] = "600000";
  auto r = ImportOk(Lines({EvnBill("PB06010000001", 250), wrong, EvnBill("XX0601", 10), EvnBill("PB06010000003", 90)}) +
                    "{not json\n");
  EXPECT_EQ(r.accepted(), 2);
  EXPECT_EQ(r.rejected(), 3);
  ASSERT_EQ(r.errors_size(), 3);
  EXPECT_EQ(r.errors(0).row(), 2);
  EXPECT_EQ(r.errors(0).given_total(), 600000);
  EXPECT_EQ(r.errors(0).computed_total(), 636768);  // 250 kWh at 8% VAT
  EXPECT_EQ(r.errors(1).row(), 3);
  EXPECT_TRUE(absl::StrContains(r.errors(1).message(), "Mã khách hàng")) << r.errors(1).message();
  EXPECT_EQ(r.errors(2).row(), 5);

  v1::LookupBillRequest q;
  q.set_provider("evn-longan");
  q.set_customer_code("PB06010000001");
  auto found = bills_->Lookup(q);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->total(), 636768);
  EXPECT_EQ(found->period(), "2026-10");
  EXPECT_EQ(found->status(), v1::UNPAID);
  EXPECT_EQ(found->masked_name(), "Ng*** V** A");
  q.set_customer_code("PB06010000002");
  EXPECT_EQ(bills_->Lookup(q).status().code(), absl::StatusCode::kNotFound);
}

TEST_P(BillingTest, MeterReadingsOutOfRangeAreRejectedNotWrappedAround) {
  nlohmann::json huge = EvnBill("PB06010000001", 250);
  huge["previousReading"] = "9223372036854775807";  // INT64_MAX: current - previous would overflow
  huge["currentReading"] = "-9223372036854775808";
  nlohmann::json negative = EvnBill("PB06010000002", 250);
  negative["previousReading"] = "-5";
  auto r = ImportOk(Lines({huge, negative, EvnBill("PB06010000003", 250)}));
  EXPECT_EQ(r.accepted(), 1);
  ASSERT_EQ(r.errors_size(), 2);
  EXPECT_TRUE(absl::StrContains(r.errors(0).message(), "chỉ số công tơ")) << r.errors(0).message();
  EXPECT_EQ(r.errors(1).row(), 2);
}

TEST_P(BillingTest, CsvImportAndImportingTwiceChangesNothing) {
  std::string csv =
      "provider,customer_code,period,previous_reading,current_reading,total,due_date,customer_name,registered_phone\n"
      "evn-longan,PB06010000001,2026-10,1000,1250,636768,2026-11-10,\"Nguyễn Văn An\",0901234567\n"
      "nuoc-longan,LA00000001,2026-10,10,35,202125,2026-11-12,\"Trần Thị Bình, chủ hộ\",0912345678\r\n";
  auto first = ImportOk(csv);
  EXPECT_EQ(first.accepted(), 2) << (first.errors_size() ? first.errors(0).message() : "");
  auto again = ImportOk(csv);
  EXPECT_EQ(again.accepted(), 2);
  auto bills = store_->AccountBills("nuoc-longan", "LA00000001", 10);
  ASSERT_EQ(bills->size(), 1u);
  EXPECT_EQ(bills->front().bill.consumption(), 25);
  EXPECT_EQ(bills->front().bill.breakdown_size(), 3);
  auto bad = ImportOk("provider,customer_code,period\nevn-longan,PB06010000001\n");
  EXPECT_EQ(bad.rejected(), 1);
}

TEST_P(BillingTest, LookupFollowsTheNewestImportDespiteItsCache) {
  ImportOk(Lines({EvnBill("PB06010000001", 250)}));
  v1::LookupBillRequest q;
  q.set_provider("evn-longan");
  q.set_customer_code("PB06010000001");
  EXPECT_EQ(bills_->Lookup(q)->period(), "2026-10");  // now cached
  nlohmann::json november = EvnBill("PB06010000001", 90);
  november["period"] = "2026-11";
  november["dueDate"] = "2026-12-10";
  ImportOk(Lines({november}));
  auto latest = bills_->Lookup(q);
  EXPECT_EQ(latest->period(), "2026-11");
  EXPECT_EQ(latest->due_date(), "2026-12-10");
}

TEST_P(BillingTest, OnlyIntegrationsImport) {
  laso::api::HttpBody b;
  b.set_data(Lines({EvnBill("PB06010000001", 250)}));
  EXPECT_EQ(bills_->Import(Resident(), b).status().code(), absl::StatusCode::kPermissionDenied);
}

TEST_P(BillingTest, LinkIsFullOnlyForTheRegisteredPhone) {
  ImportOk(Lines({EvnBill("PB06010000001", 250, "0901234567")}));
  v1::LinkUtilityAccountRequest link;
  link.set_provider("evn-longan");
  link.set_customer_code("PB06010000001");
  link.set_alias("Nhà mình");
  auto mine = bills_->Link(Resident("101", "84901234567"), link);
  ASSERT_TRUE(mine.ok()) << mine.status();
  EXPECT_EQ(mine->level(), v1::FULL);
  link.set_alias("Nhà mẹ");
  auto theirs = bills_->Link(Resident("202", "84912345678"), link);
  ASSERT_TRUE(theirs.ok());
  EXPECT_EQ(theirs->level(), v1::AMOUNTS_ONLY);
  link.set_customer_code("PB06019999999");
  EXPECT_EQ(bills_->Link(Resident(), link).status().code(), absl::StatusCode::kNotFound);

  v1::ListMyBillsRequest unpaid;
  unpaid.set_status(v1::UNPAID);
  auto full = bills_->MyBills(Resident("101", "84901234567"), unpaid);
  ASSERT_EQ(full->bills_size(), 1);
  EXPECT_EQ(full->bills(0).customer_name(), "Nguyễn Văn An");
  EXPECT_EQ(full->bills(0).breakdown_size(), 4);
  EXPECT_EQ(full->bills(0).registered_phone(), "");
  auto partial = bills_->MyBills(Resident("202", "84912345678"), unpaid);
  EXPECT_EQ(partial->bills_size(), 0);
  ASSERT_EQ(partial->summaries_size(), 1);
  EXPECT_EQ(partial->summaries(0).masked_name(), "Ng*** V** A");

  v1::ListAccountBillsRequest detail;
  detail.set_provider("evn-longan");
  detail.set_customer_code("PB06010000001");
  EXPECT_TRUE(bills_->AccountBills(Resident("101", "84901234567"), detail).ok());
  auto refused = bills_->AccountBills(Resident("202", "84912345678"), detail);
  EXPECT_EQ(ReasonOf(refused.status()), "NOT_ACCOUNT_HOLDER");

  v1::UnlinkUtilityAccountRequest unlink;
  unlink.set_provider("evn-longan");
  unlink.set_customer_code("PB06010000001");
  EXPECT_TRUE(bills_->Unlink(Resident("202", "84912345678"), unlink).ok());
  EXPECT_EQ(bills_->Unlink(Resident("202", "84912345678"), unlink).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(bills_->Accounts(Resident("202", "84912345678"))->accounts_size(), 0);
}

TEST_P(BillingTest, LinkAndUnlinkSentAgainWithTheirKeyAnswerAsTheFirstTime) {
  ImportOk(Lines({EvnBill("PB06010000001", 250, "0901234567")}));
  v1::LinkUtilityAccountRequest link;
  link.set_provider("evn-longan");
  link.set_customer_code("PB06010000001");
  auto resident = Resident("101", "84901234567");
  auto first = bills_->Link(resident, link, "link-1");
  ASSERT_TRUE(first.ok()) << first.status();
  clock_.Advance(absl::Minutes(1));
  auto again = bills_->Link(resident, link, "link-1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->SerializeAsString(), first->SerializeAsString());  // the first answer, linked_at and all

  v1::UnlinkUtilityAccountRequest unlink;
  unlink.set_provider("evn-longan");
  unlink.set_customer_code("PB06010000001");
  EXPECT_TRUE(bills_->Unlink(resident, unlink, "unlink-1").ok());
  EXPECT_TRUE(bills_->Unlink(resident, unlink, "unlink-1").ok()) << "a retried unlink is not 'not linked'";
  EXPECT_EQ(bills_->Unlink(resident, unlink, "unlink-2").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(bills_->Accounts(resident)->accounts_size(), 0);
}

// Two replicas: a tariff changed through one is what the other computes with after its next poll.
TEST_P(BillingTest, ATariffChangedThroughOneReplicaReachesTheOther) {
  auto second_db = database_.OpenAnother();
  auto second_store = std::move(*SqlBillingStore::Open(*second_db));
  Bills second(*second_store, *vault_, BillingOptions{.phone_hash_key = kPhoneKey, .checkout_private_key = kCheckoutKey},
               &clock_);
  sql::VersionWatch watch(*second_db, SqlBillingStore::kProvidersVersion, [&] { return second.LoadProviders(); });
  ASSERT_TRUE(watch.Load().ok());
  auto providers = bills_->ListProviders();
  ASSERT_TRUE(providers.ok());
  v1::PutProviderRequest put;
  *put.mutable_provider() = providers->providers(0);
  put.mutable_provider()->set_name("Tên mới của nhà cung cấp");
  ASSERT_TRUE(bills_->PutProvider(Admin(), put).ok());
  auto before = second.ListProviders();
  EXPECT_NE(before->providers(0).name(), "Tên mới của nhà cung cấp");  // not polled yet
  ASSERT_TRUE(watch.Refresh().ok());
  EXPECT_EQ(second.ListProviders()->providers(0).name(), "Tên mới của nhà cung cấp");
}

// 20 accounts at most, counted under a lock in the link's transaction: links sent at once (on
// PostgreSQL, real concurrent connections) cannot pass it.
TEST_P(BillingTest, TwentyFiveLinksAtOnceLinkTwenty) {
  std::vector<nlohmann::json> bills;
  for (int i = 0; i < 25; ++i) bills.push_back(EvnBill(absl::StrFormat("PB0601%07d", i), 120, "0901234567"));
  ImportOk(Lines(bills));
  auto resident = Resident("101", "84901234567");
  std::vector<absl::StatusOr<v1::UtilityAccount>> answers(25);
  testing::RunAtOnce(25, [&](int i) {
    v1::LinkUtilityAccountRequest link;
    link.set_provider("evn-longan");
    link.set_customer_code(absl::StrFormat("PB0601%07d", i));
    answers[i] = bills_->Link(resident, link);
  });
  int linked = 0, refused = 0;
  for (const auto& a : answers) {
    linked += a.ok();
    refused += a.status().code() == absl::StatusCode::kFailedPrecondition;
  }
  EXPECT_EQ(linked, 20);
  EXPECT_EQ(refused, 5);
  EXPECT_EQ(bills_->Accounts(resident)->accounts_size(), 20);
  // Linking one of the twenty again (a new alias) is not a twenty-first.
  v1::LinkUtilityAccountRequest again;
  again.set_provider("evn-longan");
  again.set_customer_code(bills_->Accounts(resident)->accounts(0).customer_code());
  again.set_alias("Nhà ông bà");
  EXPECT_TRUE(bills_->Link(resident, again).ok());
}

TEST_P(BillingTest, RegisteredPhoneMayArriveAsTheSharedKeyedHash) {
  nlohmann::json row = EvnBill("PB06010000001", 120, "");
  row.erase("registeredPhone");
  row["registeredPhoneHash"] = crypto::Hex(crypto::HmacSha256Key(kPhoneKey).Sign("84901234567"));
  ImportOk(Lines({row}));
  v1::LinkUtilityAccountRequest link;
  link.set_provider("evn-longan");
  link.set_customer_code("PB06010000001");
  EXPECT_EQ(bills_->Link(Resident(), link)->level(), v1::FULL);
}

TEST_P(BillingTest, OverdueFromTheClockAndNoticesOnce) {
  ImportOk(Lines({EvnBill("PB06010000001", 250)}));
  v1::LinkUtilityAccountRequest link;
  link.set_provider("evn-longan");
  link.set_customer_code("PB06010000001");
  ASSERT_TRUE(bills_->Link(Resident(), link).ok());
  // 5 November: due on the 10th, more than 3 days away.
  EXPECT_EQ(*bills_->SendNotices(), 0);
  clock_.Advance(absl::Hours(24 * 3));  // the 8th: due soon
  EXPECT_EQ(*bills_->SendNotices(), 1);
  EXPECT_EQ(*bills_->SendNotices(), 0);
  auto events = Outbox();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["type"], "bill.due_soon");
  EXPECT_EQ(events[0]["payload"]["holders"][0], "zalo:101");
  clock_.Advance(absl::Hours(24 * 3));  // the 11th: overdue
  v1::LookupBillRequest q;
  q.set_provider("evn-longan");
  q.set_customer_code("PB06010000001");
  EXPECT_EQ(bills_->Lookup(q)->status(), v1::OVERDUE);
  EXPECT_EQ(*bills_->SendNotices(), 1);
  EXPECT_EQ(*bills_->SendNotices(), 0);
  EXPECT_EQ(Outbox().back()["type"], "bill.overdue");
}

// The scan reads a page at a time; bills already told drop out of the next page. Before,
// it reread the first 5,000 due bills every round, so bill 5,001 was never reminded.
TEST_P(BillingTest, EveryDueBillIsRemindedHoweverManyThereAre) {
  constexpr int kBills = 2300;  // more than two pages of the scan
  std::vector<nlohmann::json> rows;
  for (int i = 0; i < kBills; ++i) rows.push_back(EvnBill(absl::StrFormat("PB0601%07d", i), 100 + i % 50));
  EXPECT_EQ(ImportOk(Lines(rows)).accepted(), kBills);
  clock_.Advance(absl::Hours(24 * 3));  // the 8th: every bill is due soon
  EXPECT_EQ(*bills_->SendNotices(), kBills);
  EXPECT_EQ(*bills_->SendNotices(), 0);
  clock_.Advance(absl::Hours(24 * 3));  // the 11th: every bill is overdue, each told once more
  EXPECT_EQ(*bills_->SendNotices(), kBills);
  EXPECT_EQ(Outbox().size(), 2u * kBills);
}

}  // namespace
}  // namespace laso::billing

#include <nlohmann/json.hpp>

#include "common/crypto/hash.h"
#include "common/crypto/hmac_key.h"
#include "common/status/status.h"
#include "common/testing/at_once.h"
#include "services/billing/zalo_checkout.h"
#include "tests/services/billing/billing_fixture.h"

namespace laso::billing {
namespace {

class PaymentsTest : public BillingTest {
 protected:
  void SetUp() override {
    ImportOk(EvnBill("PB06010000001", 250).dump() + "\n");
    v1::LinkUtilityAccountRequest link;
    link.set_provider("evn-longan");
    link.set_customer_code("PB06010000001");
    ASSERT_TRUE(bills_->Link(Resident(), link).ok());
  }

  // Zalo's callback, signed as Zalo signs it (or not).
  static std::string Callback(int64_t amount, const std::string& trans_id, const std::string& key = kCheckoutKey) {
    nlohmann::ordered_json data = {{"appId", "3068034467539094765"},
                                   {"orderId", "ord-" + trans_id},
                                   {"transId", trans_id},
                                   {"method", "ZALOPAY_SANDBOX"},
                                   {"amount", amount},
                                   {"description", "Thanh toán tiền điện kỳ 10/2026"},
                                   {"message", "Giao dịch thành công"},
                                   {"resultCode", 1},
                                   {"extradata", R"({"billId":"evn-longan.PB06010000001.2026-10","subject":"zalo:101"})"}};
    crypto::HmacSha256Key k(key);
    std::string mac = crypto::Hex(
        k.Sign(MacInput(data, {"appId", "amount", "description", "orderId", "message", "resultCode", "transId"})));
    std::string overall = crypto::Hex(k.Sign(SortedMacInput(data)));
    return nlohmann::ordered_json({{"data", data}, {"mac", mac}, {"overallMac", overall}}).dump();
  }

  v1::ZaloPaymentCallbackResponse Notify(const std::string& body) {
    laso::api::HttpBody b;
    b.set_data(body);
    auto r = bills_->PaymentCallback(b);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : v1::ZaloPaymentCallbackResponse();
  }
};

TEST_P(PaymentsTest, CheckoutOrderIsSignedOverItsSortedFields) {
  v1::CheckoutBillRequest req;
  req.set_id("evn-longan.PB06010000001.2026-10");
  auto order = bills_->Checkout(Resident(), req);
  ASSERT_TRUE(order.ok()) << order.status();
  EXPECT_EQ(order->amount(), 636768);
  std::string input = "amount=636768&desc=" + order->desc() + "&extradata=" + order->extradata() +
                      "&item=" + order->item() + "&method=" + order->method();
  EXPECT_EQ(order->mac(), crypto::Hex(crypto::HmacSha256(kCheckoutKey, input)));
  EXPECT_EQ(order->desc(), "Thanh toán tiền điện kỳ 10/2026 - PB06010000001");
  EXPECT_EQ(bills_->Checkout(Resident("999", "84977777777"), req).status().code(), absl::StatusCode::kPermissionDenied);
}

TEST_P(PaymentsTest, GoodCallbackPaysExactlyOnce) {
  EXPECT_EQ(Notify(Callback(636768, "tx-1")).return_code(), 1);
  v1::LookupBillRequest q;
  q.set_provider("evn-longan");
  q.set_customer_code("PB06010000001");
  EXPECT_EQ(bills_->Lookup(q)->status(), v1::PAID);
  auto replay = Notify(Callback(636768, "tx-1"));
  EXPECT_EQ(replay.return_code(), 1);
  EXPECT_EQ(replay.return_message(), "already handled");
  int paid_events = 0;
  for (const auto& e : Outbox()) paid_events += e["type"] == "bill.paid";
  EXPECT_EQ(paid_events, 1);
  v1::CheckoutBillRequest req;
  req.set_id("evn-longan.PB06010000001.2026-10");
  EXPECT_EQ(ReasonOf(bills_->Checkout(Resident(), req).status()), "ALREADY_PAID");
}

TEST_P(PaymentsTest, BadMacOrWrongAmountChangesNothing) {
  EXPECT_EQ(Notify(Callback(636768, "tx-2", "someone-elses-key")).return_code(), -1);
  std::string tampered = Callback(636768, "tx-3");
  tampered.replace(tampered.find("636768"), 6, "000001");
  EXPECT_EQ(Notify(tampered).return_code(), -1);
  EXPECT_EQ(Notify(Callback(1000, "tx-4")).return_code(), -1);  // signed, but not the bill's total
  EXPECT_EQ(Notify("{}").return_code(), -1);
  v1::LookupBillRequest q;
  q.set_provider("evn-longan");
  q.set_customer_code("PB06010000001");
  EXPECT_EQ(bills_->Lookup(q)->status(), v1::UNPAID);
  EXPECT_TRUE(Outbox().empty());
}

// Zalo may deliver two callbacks for one bill at the same moment (a retry, or two
// payments). On PostgreSQL they run on two connections side by side: one bill is
// PAID once and one bill.paid is told, never two.
TEST_P(PaymentsTest, TwoCallbacksAtOnceGiveOnePaidAndOneEvent) {
  constexpr int kCallbacks = 6;
  std::vector<std::string> bodies;
  for (int i = 0; i < kCallbacks; ++i) bodies.push_back(Callback(636768, absl::StrCat("trans-", i)));
  std::vector<v1::ZaloPaymentCallbackResponse> answers(kCallbacks);
  testing::RunAtOnce(kCallbacks, [&](int i) { answers[i] = Notify(bodies[i]); });
  int success = 0;
  for (const auto& a : answers) success += a.return_message() == "success";
  EXPECT_EQ(success, 1);
  int paid_events = 0;
  for (const auto& e : Outbox()) paid_events += e["type"] == "bill.paid";
  EXPECT_EQ(paid_events, 1);
}

}  // namespace

LASO_ON_BOTH_ENGINES(PaymentsTest);

}  // namespace laso::billing

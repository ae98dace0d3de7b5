// Bills: paying in the Zalo Mini App, and telling holders when bills fall due.
#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/rpc/caller.h"
#include "common/json/fields.h"
#include "common/log/log.h"
#include "common/status/status.h"
#include "common/time/rfc3339.h"
#include "services/billing/bill_rows.h"
#include "services/billing/bills.h"

namespace laso::billing {

namespace {

v1::ZaloPaymentCallbackResponse Answer(int code, std::string message) {
  v1::ZaloPaymentCallbackResponse r;
  r.set_return_code(code);
  r.set_return_message(std::move(message));
  return r;
}

// A JSON value as an integer, whether Zalo sent 15000 or "15000".
std::optional<int64_t> AsInt(const nlohmann::ordered_json& v) {
  int64_t n;
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string() && absl::SimpleAtoi(v.get<std::string>(), &n)) return n;
  return std::nullopt;
}

}  // namespace

absl::StatusOr<v1::CheckoutOrder> Bills::Checkout(const rpc::Caller& caller, const v1::CheckoutBillRequest& req) {
  auto stored = store_.LoadBill(req.id());
  if (!stored.ok()) return stored.status();
  if (!*stored) return absl::NotFoundError("Không tìm thấy hoá đơn.");
  const v1::Bill& b = (*stored)->bill;
  auto link = LinkOf(caller, b.provider(), b.customer_code());
  if (!link.ok()) return link.status();
  if (!*link) {
    return WithReason(absl::PermissionDeniedError("Hãy liên kết mã khách hàng trước khi thanh toán."), "NOT_LINKED");
  }
  if ((*stored)->paid_at) {
    return WithReason(absl::FailedPreconditionError("Hoá đơn này đã được thanh toán."), "ALREADY_PAID");
  }
  auto all = Providers();
  auto provider = all->find(b.provider());
  std::string kind = provider != all->end() && provider->second.provider.kind() == v1::WATER ? "nước" : "điện";
  std::string month = b.period().size() == 7 ? absl::StrCat(b.period().substr(5, 2), "/", b.period().substr(0, 4))
                                             : b.period();
  nlohmann::ordered_json order;
  order["amount"] = b.total();
  order["desc"] = absl::StrCat("Thanh toán tiền ", kind, " kỳ ", month, " - ", b.customer_code());
  order["extradata"] = nlohmann::ordered_json({{"billId", b.id()}, {"subject", caller.subject()}}).dump();
  order["item"] = nlohmann::ordered_json::array({{{"id", b.id()}, {"amount", b.total()}}}).dump();
  order["method"] = options_.payment_method;
  v1::CheckoutOrder out;
  out.set_amount(b.total());
  out.set_desc(order["desc"]);
  out.set_extradata(order["extradata"]);
  out.set_item(order["item"]);
  out.set_method(order["method"]);
  out.set_mac(checkout_.OrderMac(order));
  return out;
}

absl::StatusOr<v1::ZaloPaymentCallbackResponse> Bills::PaymentCallback(const laso::api::HttpBody& body) {
  auto cb = checkout_.VerifyCallback(body.data());
  if (!cb.ok()) return Answer(-1, "invalid callback");
  if (!cb->mac_ok || !cb->overall_mac_ok) {
    log::Warn("payment callback with a bad mac", {});
    return Answer(-1, "mac not equal");
  }
  const auto& data = cb->data;
  auto result_code = AsInt(data.value("resultCode", nlohmann::ordered_json()));
  auto amount = AsInt(data.value("amount", nlohmann::ordered_json()));
  std::string trans_id = data.contains("transId") ? (data["transId"].is_string() ? data["transId"].get<std::string>()
                                                                                 : data["transId"].dump())
                                                  : "";
  std::string extradata = JsonText(data, "extradata");
  auto extra = nlohmann::json::parse(extradata, nullptr, false);
  std::string bill_id = JsonText(extra, "billId");
  if (!amount || trans_id.empty() || bill_id.empty()) return Answer(-1, "missing amount, transId or extradata.billId");
  if (result_code != 1) {
    log::Info("payment not successful", {{"bill", bill_id}, {"resultCode", result_code.value_or(0)}});
    return Answer(1, "noted: payment not successful");
  }
  v1::ZaloPaymentCallbackResponse answer;
  std::string paid_customer;  // CustomerKey of a bill this callback paid
  absl::Time now = clock_->Now();
  auto s = store_.Write([&](BillingStore::Tx& tx) -> absl::Status {
    auto stored = tx.LoadBill(bill_id);
    if (!stored.ok()) return stored.status();
    if (!*stored) {
      answer = Answer(-1, "unknown bill");
      return absl::OkStatus();
    }
    if (*amount != (*stored)->bill.total()) {
      answer = Answer(-1, "amount does not match the bill");
      return absl::OkStatus();
    }
    auto fresh = tx.RecordPayment(trans_id, bill_id, *amount, now);
    if (!fresh.ok()) return fresh.status();
    if (!*fresh || (*stored)->paid_at) {
      answer = Answer(1, "already handled");  // a replay, or a second payment to refund by hand
      if (*fresh) log::Warn("second payment for a paid bill", {{"bill", bill_id}, {"transId", trans_id}});
      return absl::OkStatus();
    }
    auto marked = tx.MarkPaid(bill_id, trans_id, now);
    if (!marked.ok()) return marked.status();
    if (!*marked) {  // paid by a callback that committed after our read: told once, by that one
      answer = Answer(1, "already handled");
      return absl::OkStatus();
    }
    nlohmann::json payload = {{"billId", bill_id},
                              {"provider", (*stored)->bill.provider()},
                              {"customerCode", (*stored)->bill.customer_code()},
                              {"period", (*stored)->bill.period()},
                              {"total", (*stored)->bill.total()},
                              {"transId", trans_id}};
    if (auto e = tx.Emit(outbox::NewEvent("bill.paid", "bill/" + bill_id, payload.dump(), *clock_)); !e.ok()) return e;
    answer = Answer(1, "success");
    paid_customer = CustomerKey((*stored)->bill.provider(), (*stored)->bill.customer_code());
    return absl::OkStatus();
  });
  if (!s.ok()) return s;  // Zalo retries when it gets no answer
  if (!paid_customer.empty()) latest_.Invalidate(paid_customer);
  return answer;
}

absl::StatusOr<int> Bills::SendNotices() {
  absl::CivilDay today = VietnamDay(clock_->Now());
  std::string horizon = FormatIsoDate(today + options_.due_soon_days);
  std::string today_text = FormatIsoDate(today);
  int sent = 0;
  // Page by page: a bill drops out of the next read once its notice is recorded, so however
  // many bills are due, every one is reached. The bound only stops a store that never drains.
  constexpr int kPage = 1000;
  for (int round = 0; round < 10000; ++round) {
    auto due = store_.NeedingNotice(today_text, horizon, kPage);
    if (!due.ok()) return due.status();
    for (const StoredBill& b : *due) {
      std::string kind = b.bill.due_date() < today_text ? "overdue" : "due_soon";
      auto holders = store_.Holders(b.bill.provider(), b.bill.customer_code());
      if (!holders.ok()) return holders.status();
      bool told = false;  // set on the try that commits: a transaction run again starts over
      auto s = store_.Write([&](BillingStore::Tx& tx) -> absl::Status {
        auto fresh = tx.RecordNotice(b.bill.id(), kind);
        if (!fresh.ok()) return fresh.status();
        told = *fresh;
        if (!*fresh) return absl::OkStatus();
        nlohmann::json payload = {{"billId", b.bill.id()},         {"provider", b.bill.provider()},
                                  {"customerCode", b.bill.customer_code()}, {"period", b.bill.period()},
                                  {"total", b.bill.total()},       {"dueDate", b.bill.due_date()},
                                  {"holders", *holders}};
        return tx.Emit(
            outbox::NewEvent(absl::StrCat("bill.", kind), "bill/" + b.bill.id(), payload.dump(), *clock_));
      });
      if (!s.ok()) return s;
      sent += told;
    }
    if (static_cast<int>(due->size()) < kPage) break;
  }
  return sent;
}

}  // namespace laso::billing

#include "services/billing/bills.h"

#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"
#include "common/rpc/caller.h"
#include "common/phone/phone.h"
#include "common/status/page_token.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "services/billing/bill_rows.h"
#include "common/text/name_mask.h"
#include "services/billing/tariff.h"
#include "common/audit/audit.h"

namespace laso::billing {
namespace {

absl::Status NoSuchCustomer() {
  return absl::NotFoundError("Không tìm thấy hoá đơn của mã khách hàng này. Vui lòng kiểm tra mã trên hoá đơn.");
}

}  // namespace

Bills::Bills(BillingStore& store, const crypto::PiiVault& vault, BillingOptions options, const Clock* clock)
    : store_(store), vault_(vault), options_(std::move(options)), phone_key_(options_.phone_hash_key),
      checkout_(options_.checkout_private_key), clock_(clock),
      latest_(options_.lookup_cache_entries, options_.lookup_cache_ttl, clock),
      providers_(std::make_shared<const std::map<std::string, ProviderEntry>>()) {}

std::shared_ptr<const std::map<std::string, Bills::ProviderEntry>> Bills::Providers() const {
  absl::MutexLock lock(&mu_);
  return providers_;
}

absl::Status Bills::LoadProviders() {
  auto stored = store_.Providers();
  if (!stored.ok()) return stored.status();
  auto next = std::make_shared<std::map<std::string, ProviderEntry>>();
  for (auto& p : *stored) {
    std::regex pattern(p.customer_code_pattern().empty() ? ".+" : p.customer_code_pattern());
    std::string code = p.code();
    next->emplace(std::move(code), ProviderEntry{std::move(p), std::move(pattern)});
  }
  absl::MutexLock lock(&mu_);
  providers_ = std::move(next);
  return absl::OkStatus();
}

absl::StatusOr<v1::ListProvidersResponse> Bills::ListProviders() const {
  v1::ListProvidersResponse out;
  for (const auto& [code, entry] : *Providers()) *out.add_providers() = entry.provider;
  return out;
}

absl::StatusOr<v1::Provider> Bills::PutProvider(const rpc::Caller& caller, const v1::PutProviderRequest& req) {
  if (auto s = rpc::RequireRole(caller, {rpc::Role::ADMIN}); !s.ok()) return s;
  const v1::Provider& p = req.provider();
  if (p.code().empty() || p.code().size() > 40) return InvalidField("provider.code", "Mã nhà cung cấp không hợp lệ.");
  if (p.kind() == v1::KIND_UNSPECIFIED) return InvalidField("provider.kind", "Chọn ELECTRICITY hoặc WATER.");
  if (auto s = text::ValidateText("provider.name", p.name(), 1, 200); !s.ok()) return s;
  try {
    std::regex check(p.customer_code_pattern());
  } catch (const std::regex_error&) {
    return InvalidField("provider.customerCodePattern", "Mẫu mã khách hàng không hợp lệ.");
  }
  if (auto s = ValidateTariff(p); !s.ok()) return s;
  auto act = audit::ActOf("billing", caller, "billing.put_provider", absl::StrCat("provider/", p.code()), "", *clock_);
  if (auto s = store_.Write([&](BillingStore::Tx& tx) -> absl::Status {
        if (auto put = tx.PutProvider(p); !put.ok()) return put;
        return act ? tx.Emit(*act) : absl::OkStatus();
      });
      !s.ok()) {
    return s;
  }
  if (auto s = LoadProviders(); !s.ok()) return s;
  return p;
}

absl::StatusOr<const Bills::ProviderEntry*> Bills::FindProvider(const std::map<std::string, ProviderEntry>& all,
                                                                const std::string& code,
                                                                const std::string& customer) const {
  auto it = all.find(code);
  if (it == all.end()) return InvalidField("provider", "Không có nhà cung cấp này.");
  if (customer.size() > 40 || !std::regex_match(customer, it->second.customer_code)) {
    return InvalidField("customerCode", absl::StrCat("Mã khách hàng không đúng mẫu của ", it->second.provider.name(), "."));
  }
  return &it->second;
}

absl::StatusOr<v1::TariffComputation> Bills::Compute(const v1::ComputeTariffRequest& req) const {
  auto all = Providers();
  auto it = all->find(req.provider());
  if (it == all->end()) return absl::NotFoundError("Không có nhà cung cấp này.");
  auto start = ParseIsoDate(req.period_start());
  auto end = ParseIsoDate(req.period_end());
  if (!start.ok()) return InvalidField("periodStart", "Ngày phải có dạng YYYY-MM-DD.");
  if (!end.ok()) return InvalidField("periodEnd", "Ngày phải có dạng YYYY-MM-DD.");
  return ComputeBill(it->second.provider, *start, *end, req.consumption());
}

std::string Bills::PhoneHash(const std::string& normalized_phone) const {
  return crypto::Hex(phone_key_.Sign(normalized_phone));
}

v1::BillStatus Bills::StatusOf(const StoredBill& b) const {
  if (b.paid_at) return v1::PAID;
  return FormatIsoDate(VietnamDay(clock_->Now())) > b.bill.due_date() ? v1::OVERDUE : v1::UNPAID;
}

v1::Bill Bills::FullBill(const StoredBill& stored) const {
  v1::Bill b = stored.bill;
  b.set_status(StatusOf(stored));
  if (stored.paid_at) SetTimestamp(*stored.paid_at, b.mutable_paid_at());
  b.set_payment_reference(stored.payment_reference);
  auto name = vault_.Unseal(stored.name_sealed, "billing.customer_name");
  if (name.ok()) b.set_customer_name(*name);
  auto all = Providers();
  if (auto it = all->find(b.provider()); it != all->end()) b.set_provider_name(it->second.provider.name());
  return b;
}

v1::BillSummary Bills::Summary(const StoredBill& stored) const {
  v1::BillSummary s;
  s.set_id(stored.bill.id());
  s.set_provider(stored.bill.provider());
  s.set_customer_code(stored.bill.customer_code());
  s.set_period(stored.bill.period());
  s.set_total(stored.bill.total());
  s.set_due_date(stored.bill.due_date());
  s.set_status(StatusOf(stored));
  auto name = vault_.Unseal(stored.name_sealed, "billing.customer_name");
  s.set_masked_name(name.ok() ? text::MaskName(*name) : "");
  auto all = Providers();
  if (auto it = all->find(s.provider()); it != all->end()) s.set_provider_name(it->second.provider.name());
  return s;
}

absl::StatusOr<std::shared_ptr<const Bills::Latest>> Bills::LatestOf(const std::string& provider,
                                                                     const std::string& customer) {
  std::string key = CustomerKey(provider, customer);
  if (auto cached = latest_.Get(key)) return cached;
  uint64_t ticket = latest_.Ticket();
  auto bills = store_.AccountBills(provider, customer, 1);
  if (!bills.ok()) return bills.status();
  if (bills->empty()) return std::shared_ptr<const Latest>();
  auto latest = std::make_shared<Latest>();
  latest->summary = Summary(bills->front());
  latest->paid = bills->front().paid_at.has_value();
  latest_.Put(key, latest, ticket);
  return std::shared_ptr<const Latest>(std::move(latest));
}

absl::StatusOr<v1::BillSummary> Bills::Lookup(const v1::LookupBillRequest& req) {
  // Only valid codes are ever cached, so a hit needs no pattern check.
  std::shared_ptr<const Latest> latest = latest_.Get(CustomerKey(req.provider(), req.customer_code()));
  if (latest == nullptr) {
    auto all = Providers();
    auto provider = FindProvider(*all, req.provider(), req.customer_code());
    if (!provider.ok()) return provider.status();
    auto loaded = LatestOf(req.provider(), req.customer_code());
    if (!loaded.ok()) return loaded.status();
    if (*loaded == nullptr) return NoSuchCustomer();
    latest = std::move(*loaded);
  }
  v1::BillSummary out = latest->summary;
  // The status moves with the clock, so it is never cached.
  out.set_status(latest->paid ? v1::PAID
                 : FormatIsoDate(VietnamDay(clock_->Now())) > out.due_date() ? v1::OVERDUE
                                                                              : v1::UNPAID);
  return out;
}

absl::StatusOr<std::optional<LinkedAccount>> Bills::LinkOf(const rpc::Caller& caller, const std::string& provider,
                                                           const std::string& customer) {
  auto accounts = store_.Accounts(caller.subject());
  if (!accounts.ok()) return accounts.status();
  for (auto& a : *accounts) {
    if (a.account.provider() == provider && a.account.customer_code() == customer) {
      return std::optional<LinkedAccount>(std::move(a));
    }
  }
  return std::optional<LinkedAccount>();
}

absl::StatusOr<v1::UtilityAccount> Bills::Link(const rpc::Caller& caller, const v1::LinkUtilityAccountRequest& req,
                                                const std::string& idempotency_key) {
  if (caller.role() != rpc::Role::CITIZEN) return absl::PermissionDeniedError("Chỉ người dân mới liên kết tài khoản.");
  if (auto s = text::ValidateText("alias", req.alias(), 0, 60); !s.ok()) return s;
  auto all = Providers();
  auto provider = FindProvider(*all, req.provider(), req.customer_code());
  if (!provider.ok()) return provider.status();
  auto latest = store_.AccountBills(req.provider(), req.customer_code(), 1);
  if (!latest.ok()) return latest.status();
  if (latest->empty()) return NoSuchCustomer();
  auto phone = phone::Normalize(caller.phone());
  bool full = phone.ok() && crypto::ConstantTimeEquals(PhoneHash(*phone), latest->front().phone_hash);
  LinkedAccount link;
  link.subject = caller.subject();
  v1::UtilityAccount& a = link.account;
  a.set_provider(req.provider());
  a.set_customer_code(req.customer_code());
  a.set_alias(text::ToNfc(req.alias()));
  a.set_level(full ? v1::FULL : v1::AMOUNTS_ONLY);
  a.set_masked_name(Summary(latest->front()).masked_name());
  SetTimestamp(clock_->Now(), a.mutable_linked_at());
  idempotency::RetriedWrite retried(caller, idempotency_key, "LinkUtilityAccount", req);
  auto s = store_.Write([&](BillingStore::Tx& tx) -> absl::Status {
    auto replayed = retried.ReplayInto(tx.Idempotency(), &a);
    if (!replayed.ok() || *replayed) return replayed.status();
    // Counted under a lock in the same transaction: two links at once (two replicas) cannot pass 20.
    auto others = tx.LockAndCountOtherAccounts(caller.subject(), req.provider(), req.customer_code());
    if (!others.ok()) return others.status();
    if (*others >= options_.max_accounts) {
      return absl::FailedPreconditionError("Đã liên kết tối đa 20 mã khách hàng.");
    }
    if (auto put = tx.PutAccount(link); !put.ok()) return put;
    return retried.Remember(tx.Idempotency(), a, clock_->Now());
  });
  if (!s.ok()) return s;
  return a;
}

absl::StatusOr<v1::ListUtilityAccountsResponse> Bills::Accounts(const rpc::Caller& caller) {
  auto accounts = store_.Accounts(caller.subject());
  if (!accounts.ok()) return accounts.status();
  v1::ListUtilityAccountsResponse out;
  for (auto& a : *accounts) *out.add_accounts() = std::move(a.account);
  return out;
}

absl::StatusOr<v1::UnlinkUtilityAccountResponse> Bills::Unlink(const rpc::Caller& caller,
                                                               const v1::UnlinkUtilityAccountRequest& req,
                                                               const std::string& idempotency_key) {
  // An unlink sent again with its Idempotency-Key is answered as the first was, not "not linked".
  idempotency::RetriedWrite retried(caller, idempotency_key, "UnlinkUtilityAccount", req);
  bool removed = false;
  auto s = store_.Write([&](BillingStore::Tx& tx) -> absl::Status {
    auto replayed = retried.Replay(tx.Idempotency());
    if (!replayed.ok()) return replayed.status();
    if ((removed = replayed->has_value())) return absl::OkStatus();
    auto done = tx.DeleteAccount(caller.subject(), req.provider(), req.customer_code());
    if (!done.ok()) return done.status();
    removed = *done;
    return removed ? retried.Remember(tx.Idempotency(), "", clock_->Now()) : absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!removed) return absl::NotFoundError("Bạn chưa liên kết mã khách hàng này.");
  return v1::UnlinkUtilityAccountResponse();
}

absl::StatusOr<v1::ListBillsResponse> Bills::MyBills(const rpc::Caller& caller, const v1::ListMyBillsRequest& req) {
  auto accounts = store_.Accounts(caller.subject());
  if (!accounts.ok()) return accounts.status();
  v1::ListBillsResponse out;
  for (const LinkedAccount& a : *accounts) {
    auto bills = store_.AccountBills(a.account.provider(), a.account.customer_code(), 12);
    if (!bills.ok()) return bills.status();
    for (const StoredBill& b : *bills) {
      v1::BillStatus status = StatusOf(b);
      if (req.status() == v1::UNPAID && status == v1::PAID) continue;
      if (req.status() == v1::PAID && status != v1::PAID) continue;
      if (req.status() == v1::OVERDUE && status != v1::OVERDUE) continue;
      if (a.account.level() == v1::FULL) {
        *out.add_bills() = FullBill(b);
      } else {
        *out.add_summaries() = Summary(b);
      }
    }
  }
  return out;
}

absl::StatusOr<v1::ListBillsResponse> Bills::AccountBills(const rpc::Caller& caller,
                                                          const v1::ListAccountBillsRequest& req) {
  auto link = LinkOf(caller, req.provider(), req.customer_code());
  if (!link.ok()) return link.status();
  if (!*link || (*link)->account.level() != v1::FULL) {
    return WithReason(absl::PermissionDeniedError("Chỉ chủ hộ (số điện thoại đăng ký với nhà cung cấp) mới xem được "
                                                  "chi tiết hoá đơn."),
                      "NOT_ACCOUNT_HOLDER");
  }
  auto limit = PageSize(req.page_size(), 24, 120);
  if (!limit.ok()) return limit.status();
  auto bills = store_.AccountBills(req.provider(), req.customer_code(), *limit);
  if (!bills.ok()) return bills.status();
  v1::ListBillsResponse out;
  for (const StoredBill& b : *bills) *out.add_bills() = FullBill(b);
  return out;
}

}  // namespace laso::billing

// Bills::Import: bills from a provider, each total checked with the tariff engine.
#include "absl/strings/str_cat.h"
#include "common/rpc/caller.h"
#include "common/phone/phone.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/rfc3339.h"
#include "services/billing/bill_rows.h"
#include "services/billing/bills.h"
#include "services/billing/tariff.h"

namespace laso::billing {

namespace {

constexpr int kMaxErrors = 100;
// Meter readings are counters of at most 12 digits; bounds keep their difference exact.
constexpr int64_t kMaxMeterReading = 999'999'999'999;

// "2026-10" -> its first and last day.
bool PeriodDays(const std::string& period, absl::CivilDay* first, absl::CivilDay* last) {
  absl::CivilMonth month;
  if (period.size() != 7 || !absl::ParseCivilTime(period, &month)) return false;
  *first = absl::CivilDay(month);
  *last = absl::CivilDay(month + 1) - 1;
  return true;
}

}  // namespace

absl::StatusOr<v1::ImportBillsResponse> Bills::Import(const rpc::Caller& caller, const laso::api::HttpBody& body) {
  if (auto s = rpc::RequireRole(caller, {rpc::Role::INTEGRATION, rpc::Role::ADMIN}); !s.ok()) return s;
  auto rows = ReadBillRows(body.data(), options_.max_import_rows);
  if (!rows.ok()) return rows.status();
  auto all = Providers();
  v1::ImportBillsResponse out;
  auto reject = [&](const BillRow& row, std::string message, int64_t given = 0, int64_t computed = 0) {
    out.set_rejected(out.rejected() + 1);
    if (out.errors_size() >= kMaxErrors) return;
    v1::ImportError* e = out.add_errors();
    e->set_row(row.number);
    e->set_message(std::move(message));
    e->set_given_total(given);
    e->set_computed_total(computed);
  };

  std::vector<StoredBill> accepted;
  accepted.reserve(rows->size());
  for (BillRow& row : *rows) {
    if (!row.error.empty()) {
      reject(row, row.error);
      continue;
    }
    v1::Bill& b = row.bill;
    auto provider = FindProvider(*all, b.provider(), b.customer_code());
    if (!provider.ok()) {
      reject(row, std::string(provider.status().message()));
      continue;
    }
    absl::CivilDay first, last;
    if (!PeriodDays(b.period(), &first, &last)) {
      reject(row, "period phải có dạng YYYY-MM");
      continue;
    }
    auto start = b.period_start().empty() ? absl::StatusOr<absl::CivilDay>(first) : ParseIsoDate(b.period_start());
    auto end = b.period_end().empty() ? absl::StatusOr<absl::CivilDay>(last) : ParseIsoDate(b.period_end());
    auto due = ParseIsoDate(b.due_date());
    if (!start.ok() || !end.ok() || !due.ok()) {
      reject(row, "periodStart, periodEnd và dueDate phải có dạng YYYY-MM-DD");
      continue;
    }
    if (b.current_reading() != 0 || b.previous_reading() != 0) {
      if (b.previous_reading() < 0 || b.current_reading() < 0 || b.previous_reading() > kMaxMeterReading ||
          b.current_reading() > kMaxMeterReading) {
        reject(row, "chỉ số công tơ phải từ 0 đến 999.999.999.999");
        continue;
      }
      int64_t used = b.current_reading() - b.previous_reading();
      if (b.consumption() == 0) b.set_consumption(used);
      if (used != b.consumption()) {
        reject(row, absl::StrCat("chỉ số mới trừ chỉ số cũ là ", used, ", không phải ", b.consumption()));
        continue;
      }
    }
    auto computed = ComputeBill((*provider)->provider, *start, *end, b.consumption());
    if (!computed.ok()) {
      reject(row, std::string(computed.status().message()));
      continue;
    }
    if (computed->total() != b.total()) {
      reject(row, "tổng tiền không khớp biểu giá", b.total(), computed->total());
      continue;
    }
    if (!text::IsValidUtf8(b.customer_name()) || b.customer_name().size() > 300) {
      reject(row, "tên khách hàng không hợp lệ");
      continue;
    }
    StoredBill stored;
    if (!b.registered_phone_hash().empty()) {
      if (b.registered_phone_hash().size() != 64) {
        reject(row, "registeredPhoneHash phải là 64 chữ số hex");
        continue;
      }
      stored.phone_hash = b.registered_phone_hash();
    } else if (!b.registered_phone().empty()) {
      auto phone = phone::Normalize(b.registered_phone());
      if (!phone.ok()) {
        reject(row, "registeredPhone không hợp lệ");
        continue;
      }
      stored.phone_hash = PhoneHash(*phone);
    }
    auto sealed = vault_.Seal(text::ToNfc(b.customer_name()), "billing.customer_name");
    if (!sealed.ok()) return sealed.status();
    stored.name_sealed = std::move(*sealed);
    b.set_id(BillId(b.provider(), b.customer_code(), b.period()));
    b.set_period_start(FormatIsoDate(*start));
    b.set_period_end(FormatIsoDate(*end));
    *b.mutable_breakdown() = computed->lines();
    b.set_subtotal(computed->subtotal());
    b.set_vat(computed->vat());
    b.clear_customer_name();
    b.clear_registered_phone();
    b.clear_registered_phone_hash();
    b.clear_status();
    b.clear_paid_at();
    b.clear_payment_reference();
    stored.bill = std::move(b);
    accepted.push_back(std::move(stored));
  }

  absl::Time now = clock_->Now();
  auto written = store_.Write([&](BillingStore::Tx& tx) -> absl::Status {
    for (const StoredBill& b : accepted) {
      if (auto s = tx.UpsertBill(b, now); !s.ok()) return s;
    }
    return absl::OkStatus();
  });
  if (!written.ok()) return written;
  for (const StoredBill& b : accepted) latest_.Invalidate(CustomerKey(b.bill.provider(), b.bill.customer_code()));
  out.set_accepted(static_cast<int32_t>(accepted.size()));
  return out;
}

}  // namespace laso::billing

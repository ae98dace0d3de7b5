#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "laso/billing/v1/billing.pb.h"

namespace laso::billing {

// One row of an import as sent: a Bill, or why it could not be read.
struct BillRow {
  int number = 0;  // 1-based, data rows only (a CSV header is not counted)
  v1::Bill bill;
  std::string error;  // empty when read
};

// Bills from an import body: JSON lines (proto3 JSON of Bill, one per line)
// or CSV with a header row naming Bill fields (customerCode or customer_code).
// Blank lines are skipped. More than `max_rows` rows is an error.
absl::StatusOr<std::vector<BillRow>> ReadBillRows(absl::string_view body, size_t max_rows);

// "evn-longan/PB06010012345": one customer of one provider.
std::string CustomerKey(const std::string& provider, const std::string& customer_code);

// "evn-longan.PB06010012345.2026-10".
std::string BillId(const std::string& provider, const std::string& customer_code, const std::string& period);

}  // namespace laso::billing

#include "services/billing/bill_rows.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/status/status.h"

namespace laso::billing {
namespace {

// RFC 4180 fields of one line: quotes around a field, "" inside quotes.
std::vector<std::string> CsvFields(absl::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::string CamelCase(absl::string_view name) {
  std::string out;
  bool upper = false;
  for (char c : absl::StripAsciiWhitespace(name)) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? absl::ascii_toupper(c) : c;
      upper = false;
    }
  }
  return out;
}

// Sets a Bill field from CSV text by its JSON name.
std::string SetField(v1::Bill& bill, const std::string& field, const std::string& value) {
  if (value.empty()) return "";
  auto int_field = [&](auto setter) -> std::string {
    int64_t n;
    if (!absl::SimpleAtoi(value, &n)) return absl::StrCat(field, " phải là số nguyên");
    (bill.*setter)(n);
    return "";
  };
  if (field == "provider") bill.set_provider(value);
  else if (field == "customerCode") bill.set_customer_code(value);
  else if (field == "period") bill.set_period(value);
  else if (field == "periodStart") bill.set_period_start(value);
  else if (field == "periodEnd") bill.set_period_end(value);
  else if (field == "dueDate") bill.set_due_date(value);
  else if (field == "customerName") bill.set_customer_name(value);
  else if (field == "registeredPhone") bill.set_registered_phone(value);
  else if (field == "registeredPhoneHash") bill.set_registered_phone_hash(value);
  else if (field == "previousReading") return int_field(&v1::Bill::set_previous_reading);
  else if (field == "currentReading") return int_field(&v1::Bill::set_current_reading);
  else if (field == "consumption") return int_field(&v1::Bill::set_consumption);
  else if (field == "subtotal") return int_field(&v1::Bill::set_subtotal);
  else if (field == "vat") return int_field(&v1::Bill::set_vat);
  else if (field == "total") return int_field(&v1::Bill::set_total);
  else return absl::StrCat("cột không biết: ", field);
  return "";
}

}  // namespace

std::string CustomerKey(const std::string& provider, const std::string& customer_code) {
  return absl::StrCat(provider, "/", customer_code);
}

std::string BillId(const std::string& provider, const std::string& customer_code, const std::string& period) {
  return absl::StrCat(provider, ".", customer_code, ".", period);
}

absl::StatusOr<std::vector<BillRow>> ReadBillRows(absl::string_view body, size_t max_rows) {
  std::vector<BillRow> rows;
  absl::string_view first = absl::StripLeadingAsciiWhitespace(body);
  bool jsonl = !first.empty() && first[0] == '{';
  std::vector<std::string> header;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(body, '\n')) {
    line = absl::StripTrailingAsciiWhitespace(line);  // also \r
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    if (!jsonl && header.empty()) {
      for (const std::string& name : CsvFields(line)) header.push_back(CamelCase(name));
      continue;
    }
    if (rows.size() == max_rows) {
      return InvalidField("body", absl::StrCat("Tối đa ", max_rows, " dòng mỗi lần nhập."));
    }
    BillRow row;
    row.number = ++number;
    if (jsonl) {
      google::protobuf::util::JsonParseOptions options;
      auto parsed = google::protobuf::util::JsonStringToMessage(std::string(line), &row.bill, options);
      if (!parsed.ok()) row.error = absl::StrCat("JSON không hợp lệ: ", parsed.message().ToString());
    } else {
      std::vector<std::string> fields = CsvFields(line);
      if (fields.size() != header.size()) {
        row.error = absl::StrCat("có ", fields.size(), " cột, tiêu đề có ", header.size());
      }
      for (size_t i = 0; i < fields.size() && i < header.size() && row.error.empty(); ++i) {
        row.error = SetField(row.bill, header[i], fields[i]);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace laso::billing

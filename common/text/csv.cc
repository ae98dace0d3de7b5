#include "common/text/csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace laso::text {

CsvWriter::CsvWriter(const std::vector<std::string>& header) {
  out_.append(kUtf8Bom.data(), kUtf8Bom.size());
  for (const std::string& h : header) Value(h);
  EndRow();
  rows_ = 0;
}

void CsvWriter::Field(absl::string_view value) {
  if (row_started_) out_ += ',';
  row_started_ = true;
  if (value.find_first_of(",\"\r\n") == absl::string_view::npos) {
    out_.append(value.data(), value.size());
    return;
  }
  out_ += '"';
  out_.append(absl::StrReplaceAll(value, {{"\"", "\"\""}}));
  out_ += '"';
}

CsvWriter& CsvWriter::Text(absl::string_view value) {
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    Field(absl::StrCat("'", value));
  } else {
    Field(value);
  }
  return *this;
}

CsvWriter& CsvWriter::Value(absl::string_view value) {
  Field(value);
  return *this;
}

CsvWriter& CsvWriter::Number(double value, int decimals) {
  Field(absl::StrFormat("%.*f", decimals, value));
  return *this;
}

CsvWriter& CsvWriter::Number(int64_t value) {
  Field(absl::StrCat(value));
  return *this;
}

void CsvWriter::EndRow() {
  out_.append("\r\n");
  row_started_ = false;
  ++rows_;
}

}  // namespace laso::text

#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

// CSV for spreadsheets (RFC 4180): comma-separated, CRLF line ends, fields
// quoted when they hold a comma, a quote or a line break. Files start with a
// UTF-8 byte order mark, without which Excel reads Vietnamese as Latin-1.
namespace laso::text {

inline constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

class CsvWriter {
 public:
  // Starts with the BOM and the header row.
  explicit CsvWriter(const std::vector<std::string>& header);

  // Text someone typed: a leading =, +, - or @ (or a tab or carriage return) is
  // prefixed with ' so a spreadsheet shows it instead of running it as a formula.
  CsvWriter& Text(absl::string_view value);
  // Our own values (codes, numbers, times): written as they are.
  CsvWriter& Value(absl::string_view value);
  // With this many decimals (a point, never a comma).
  CsvWriter& Number(double value, int decimals);
  CsvWriter& Number(int64_t value);
  void EndRow();

  const std::string& data() const { return out_; }
  // What was written since the last Take (the whole file the first time).
  std::string Take() {
    std::string out = std::move(out_);
    out_.clear();
    return out;
  }
  int rows() const { return rows_; }  // not counting the header

 private:
  void Field(absl::string_view value);

  std::string out_;
  bool row_started_ = false;
  int rows_ = 0;
};

}  // namespace laso::text

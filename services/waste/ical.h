#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"

// Writing iCalendar (RFC 5545) feeds: CRLF line ends, lines folded at 75
// octets without splitting a UTF-8 character, TEXT values escaped, times in
// Asia/Ho_Chi_Minh with its VTIMEZONE.
namespace laso::waste {

inline constexpr char kVietnamTzid[] = "Asia/Ho_Chi_Minh";

class ICalendarWriter {
 public:
  explicit ICalendarWriter(const std::string& name);
  // A raw content line "NAME;PARAMS:VALUE" (the value already in its type's form).
  void Line(const std::string& line);
  // NAME:escaped text.
  void Text(const std::string& name, const std::string& value);
  // NAME;TZID=Asia/Ho_Chi_Minh:YYYYMMDDTHHMMSS for each time, comma-separated.
  void LocalTimes(const std::string& name, const std::vector<absl::Time>& times);
  std::string Finish();

  static std::string Escape(const std::string& text);
  static std::string UtcStamp(absl::Time t);    // 20261123T093000Z
  static std::string LocalStamp(absl::Time t);  // 20261123T163000 (Vietnam)

 private:
  std::string out_;
};

}  // namespace laso::waste

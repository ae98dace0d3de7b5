#include "common/text/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "absl/strings/str_cat.h"
#include "common/status/status.h"

namespace laso::text {
namespace {

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFCInstance(status);
}

const icu::Normalizer2& Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFDInstance(status);
}

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, U8_MAX_LENGTH, c, error);
  if (!error) out->append(buf, len);
}

}  // namespace

size_t CodePointCount(absl::string_view utf8) {
  size_t count = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string ToNfc(absl::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  icu::UnicodeString out = Nfc().normalize(in, status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::string FoldForSearch(absl::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  icu::UnicodeString decomposed = Nfd().normalize(in, status);
  if (U_FAILURE(status)) decomposed = in;
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (c == 0x0111 || c == 0x0110) c = 'd';  // đ, Đ have no decomposition
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    AppendUtf8(u_tolower(c), &out);
  }
  return out;
}

absl::Status ValidateText(absl::string_view field, absl::string_view value, size_t min_chars,
                          size_t max_chars) {
  if (!IsValidUtf8(value)) return InvalidField(field, "Nội dung không phải văn bản UTF-8 hợp lệ.");
  size_t n = CodePointCount(value);
  if (n < min_chars || n > max_chars) {
    return InvalidField(field, absl::StrCat("Độ dài phải từ ", min_chars, " đến ", max_chars,
                                            " ký tự (hiện có ", n, ")."));
  }
  for (unsigned char c : value) {
    if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) {
      return InvalidField(field, "Nội dung chứa ký tự điều khiển không hợp lệ.");
    }
  }
  return absl::OkStatus();
}

}  // namespace laso::text

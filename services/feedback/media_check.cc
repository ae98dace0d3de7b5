#include "services/feedback/media_check.h"

#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"

namespace laso::feedback {
namespace {

constexpr absl::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

uint32_t Be32(absl::string_view s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) |
         (uint32_t(uint8_t(s[at + 2])) << 8) | uint32_t(uint8_t(s[at + 3]));
}
uint16_t Be16(absl::string_view s, size_t at) { return uint16_t((uint8_t(s[at]) << 8) | uint8_t(s[at + 1])); }
uint32_t Le32(absl::string_view s, size_t at) {
  return uint32_t(uint8_t(s[at])) | (uint32_t(uint8_t(s[at + 1])) << 8) | (uint32_t(uint8_t(s[at + 2])) << 16) |
         (uint32_t(uint8_t(s[at + 3])) << 24);
}
void PutLe32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = char((v >> (8 * i)) & 0xff);
}

absl::Status Unsupported() {
  return WithReason(InvalidField("file", "Chỉ nhận ảnh JPEG, PNG, WebP, HEIC (tối đa 10 MB) và video MP4 (tối đa 30 MB)."),
                    "UNSUPPORTED_MEDIA");
}

absl::Status Truncated() {
  return WithReason(InvalidField("file", "Tệp bị hỏng hoặc tải lên chưa hết. Vui lòng gửi lại."), "TRUNCATED_MEDIA");
}

absl::Status TooLarge(int64_t limit) {
  return WithReason(absl::OutOfRangeError(absl::StrCat("Tệp quá lớn: tối đa ", limit / (1024 * 1024), " MB.")),
                    "FILE_TOO_LARGE");
}

// ISO base media (MP4, HEIC): the brands of the leading ftyp box.
std::optional<std::string> IsoBrandType(absl::string_view b) {
  if (b.size() < 16 || b.substr(4, 4) != "ftyp") return std::nullopt;
  uint32_t size = Be32(b, 0);
  if (size < 16 || size > b.size()) size = static_cast<uint32_t>(std::min<size_t>(b.size(), 64));
  auto is_heif = [](absl::string_view brand) {
    return brand == "heic" || brand == "heix" || brand == "hevc" || brand == "hevx" || brand == "heim" ||
           brand == "heis" || brand == "mif1" || brand == "msf1";
  };
  auto is_mp4 = [](absl::string_view brand) {
    return brand == "isom" || brand == "iso2" || brand == "iso4" || brand == "iso5" || brand == "iso6" ||
           brand == "mp41" || brand == "mp42" || brand == "avc1" || brand == "M4V " || brand == "dash" ||
           brand == "3gp4" || brand == "3gp5" || brand == "3gp6" || brand == "qt  ";
  };
  absl::string_view major = b.substr(8, 4);
  if (is_heif(major)) return std::string("image/heic");
  if (is_mp4(major)) return std::string("video/mp4");
  for (size_t at = 16; at + 4 <= size; at += 4) {
    absl::string_view brand = b.substr(at, 4);
    if (is_heif(brand)) return std::string("image/heic");
  }
  for (size_t at = 16; at + 4 <= size; at += 4) {
    if (is_mp4(b.substr(at, 4))) return std::string("video/mp4");
  }
  return std::nullopt;
}

// Top-level boxes must tile the file exactly; `needed` must be among them.
absl::Status CheckIsoBoxes(absl::string_view b, absl::string_view needed) {
  size_t at = 0;
  bool found = false;
  while (at < b.size()) {
    if (b.size() - at < 8) return Truncated();
    uint64_t size = Be32(b, at);
    absl::string_view type = b.substr(at + 4, 4);
    size_t header = 8;
    if (size == 1) {
      if (b.size() - at < 16) return Truncated();
      size = (uint64_t(Be32(b, at + 8)) << 32) | Be32(b, at + 12);
      header = 16;
    } else if (size == 0) {
      size = b.size() - at;
    }
    if (size < header || size > b.size() - at) return Truncated();
    if (type == needed) found = true;
    at += size;
  }
  return found ? absl::OkStatus() : Truncated();
}

// The EXIF orientation (1-8) of a JPEG APP1 Exif payload, if it has one.
std::optional<uint16_t> ExifOrientation(absl::string_view app1) {
  if (app1.size() < 6 + 8 || app1.substr(0, 6) != absl::string_view("Exif\0\0", 6)) return std::nullopt;
  absl::string_view tiff = app1.substr(6);
  bool le = tiff.substr(0, 2) == "II";
  if (!le && tiff.substr(0, 2) != "MM") return std::nullopt;
  auto u16 = [&](size_t at) -> uint16_t {
    return le ? uint16_t(uint8_t(tiff[at]) | (uint8_t(tiff[at + 1]) << 8)) : Be16(tiff, at);
  };
  auto u32 = [&](size_t at) -> uint32_t { return le ? Le32(tiff, at) : Be32(tiff, at); };
  uint32_t ifd = u32(4);
  if (ifd + 2 > tiff.size()) return std::nullopt;
  uint16_t entries = u16(ifd);
  for (uint16_t i = 0; i < entries; ++i) {
    size_t e = ifd + 2 + size_t(i) * 12;
    if (e + 12 > tiff.size()) return std::nullopt;
    if (u16(e) == 0x0112) {
      uint16_t v = u16(e + 8);
      if (v >= 1 && v <= 8) return v;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// An APP1 segment holding only the orientation.
std::string OrientationSegment(uint16_t orientation) {
  std::string payload("Exif\0\0", 6);
  payload += std::string("MM\0\x2a\0\0\0\x08", 8);         // big-endian TIFF, IFD0 at 8
  payload += std::string("\0\x01", 2);                      // one entry
  payload += std::string("\x01\x12\0\x03\0\0\0\x01", 8);    // Orientation, SHORT, count 1
  payload += char(orientation >> 8);
  payload += char(orientation & 0xff);
  payload += std::string("\0\0", 2);                        // value padding
  payload += std::string("\0\0\0\0", 4);                    // no next IFD
  uint16_t length = static_cast<uint16_t>(payload.size() + 2);
  return absl::StrCat(std::string("\xff\xe1", 2), std::string(1, char(length >> 8)),
                      std::string(1, char(length & 0xff)), payload);
}

absl::StatusOr<std::string> CleanJpeg(absl::string_view b) {
  std::string out("\xff\xd8", 2);
  std::optional<uint16_t> orientation;
  size_t at = 2;
  while (true) {
    if (at + 2 > b.size()) return Truncated();
    if (uint8_t(b[at]) != 0xff) return Truncated();
    uint8_t marker = uint8_t(b[at + 1]);
    if (marker == 0xff) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xd9) return Truncated();  // EOI before any image data
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      absl::StrAppend(&out, b.substr(at, 2));
      at += 2;
      continue;
    }
    if (at + 4 > b.size()) return Truncated();
    size_t length = Be16(b, at + 2);
    if (length < 2 || at + 2 + length > b.size()) return Truncated();
    absl::string_view payload = b.substr(at + 4, length - 2);
    bool drop = false;
    if (marker == 0xe1) {  // Exif or XMP
      if (!orientation) orientation = ExifOrientation(payload);
      drop = true;
    } else if (marker == 0xed || marker == 0xfe) {  // IPTC, comments
      drop = true;
    }
    if (marker == 0xda) {  // start of scan: the image data runs to EOI
      if (orientation && *orientation != 1) out += OrientationSegment(*orientation);
      absl::string_view rest = b.substr(at);
      size_t end = rest.rfind(absl::string_view("\xff\xd9", 2));
      if (end == absl::string_view::npos || end < 2 + length) return Truncated();
      // Anything after EOI but padding is another file glued on; drop it.
      absl::StrAppend(&out, rest.substr(0, end + 2));
      return out;
    }
    if (!drop) absl::StrAppend(&out, b.substr(at, 2 + length));
    at += 2 + length;
  }
}

absl::StatusOr<std::string> CleanPng(absl::string_view b) {
  std::string out(kPngSignature);
  size_t at = kPngSignature.size();
  while (true) {
    if (b.size() - at < 12) return Truncated();
    uint32_t length = Be32(b, at);
    if (length > b.size() - at - 12) return Truncated();
    absl::string_view type = b.substr(at + 4, 4);
    size_t whole = 12 + size_t(length);
    bool drop = type == "eXIf" || type == "tEXt" || type == "zTXt" || type == "iTXt" || type == "tIME";
    if (!drop) absl::StrAppend(&out, b.substr(at, whole));
    at += whole;
    if (type == "IEND") return out;
  }
}

absl::StatusOr<std::string> CleanWebp(absl::string_view b) {
  if (b.size() < 20) return Truncated();
  uint64_t riff = Le32(b, 4);
  if (riff + 8 > b.size()) return Truncated();
  b = b.substr(0, riff + 8);
  std::string out(b.substr(0, 12));
  size_t at = 12;
  std::optional<size_t> vp8x_at;
  while (at < b.size()) {
    if (b.size() - at < 8) return Truncated();
    uint64_t length = Le32(b, at + 4);
    uint64_t whole = 8 + length + (length & 1);
    if (8 + length > b.size() - at) return Truncated();
    whole = std::min<uint64_t>(whole, b.size() - at);
    absl::string_view type = b.substr(at, 4);
    if (type == "EXIF" || type == "XMP ") {
      at += whole;
      continue;
    }
    if (type == "VP8X") vp8x_at = out.size();
    absl::StrAppend(&out, b.substr(at, whole));
    at += whole;
  }
  if (vp8x_at && out.size() > *vp8x_at + 8) out[*vp8x_at + 8] = char(uint8_t(out[*vp8x_at + 8]) & ~0x0c);
  PutLe32(out, 4, static_cast<uint32_t>(out.size() - 8));
  return out;
}

}  // namespace

std::string SniffContentType(absl::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == absl::string_view("\xff\xd8\xff", 3)) return "image/jpeg";
  if (absl::StartsWith(b, kPngSignature)) return "image/png";
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return "image/webp";
  if (auto iso = IsoBrandType(b)) return *iso;
  return "";
}

absl::StatusOr<CheckedMedia> CheckMedia(absl::string_view bytes) {
  CheckedMedia m;
  m.content_type = SniffContentType(bytes);
  if (m.content_type.empty()) return Unsupported();
  int64_t limit = m.content_type == "video/mp4" ? kMaxVideoBytes : kMaxImageBytes;
  if (static_cast<int64_t>(bytes.size()) > limit) return TooLarge(limit);
  absl::StatusOr<std::string> cleaned;
  if (m.content_type == "image/jpeg") {
    cleaned = CleanJpeg(bytes);
  } else if (m.content_type == "image/png") {
    cleaned = CleanPng(bytes);
  } else if (m.content_type == "image/webp") {
    cleaned = CleanWebp(bytes);
  } else {
    absl::Status boxes = CheckIsoBoxes(bytes, m.content_type == "video/mp4" ? "moov" : "meta");
    if (!boxes.ok()) return boxes;
    cleaned = std::string(bytes);
  }
  if (!cleaned.ok()) return cleaned.status();
  m.bytes = std::move(*cleaned);
  return m;
}

}  // namespace laso::feedback

#include "tests/services/feedback/media_samples.h"

#include "absl/strings/str_cat.h"

namespace laso::feedback::samples {
namespace {

std::string Be16(size_t v) { return {char((v >> 8) & 0xff), char(v & 0xff)}; }
std::string Be32(size_t v) { return {char((v >> 24) & 0xff), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)}; }
std::string Le32(size_t v) { return {char(v & 0xff), char((v >> 8) & 0xff), char((v >> 16) & 0xff), char((v >> 24) & 0xff)}; }

std::string Segment(unsigned char marker, const std::string& payload) {
  return absl::StrCat(std::string{char(0xff), char(marker)}, Be16(payload.size() + 2), payload);
}

std::string PngChunk(const std::string& type, const std::string& data) {
  return absl::StrCat(Be32(data.size()), type, data, std::string("\0\0\0\0", 4));  // CRC not checked
}

std::string Box(const std::string& type, const std::string& data) { return absl::StrCat(Be32(data.size() + 8), type, data); }

}  // namespace

std::string JpegWithExif() {
  // Little-endian TIFF: IFD0 with Orientation = 6 and a GPS IFD pointer.
  std::string tiff = absl::StrCat(std::string("II\x2a\0\x08\0\0\0", 8), std::string("\x02\0", 2),
                                  std::string("\x12\x01\x03\0\x01\0\0\0\x06\0\0\0", 12),   // orientation 6
                                  std::string("\x25\x88\x04\0\x01\0\0\0\x26\0\0\0", 12),   // GPS IFD at 38
                                  std::string("\0\0\0\0", 4), "GPS 10.5366N 106.4137E");
  std::string exif = absl::StrCat(std::string("Exif\0\0", 6), tiff);
  return absl::StrCat(std::string("\xff\xd8", 2), Segment(0xe0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14)),
                      Segment(0xe1, exif), Segment(0xe1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS</x:xmpmeta>"),
                      Segment(0xfe, "Canon EOS secret camera serial 12345"), Segment(0xdb, std::string(65, '\x01')),
                      Segment(0xda, std::string("\x01\x01\0\0\x3f\0", 6)), std::string(300, '\x55'),
                      std::string("\xff\x00", 2), std::string(100, '\x66'), std::string("\xff\xd9", 2));
}

std::string PngWithText() {
  return absl::StrCat(std::string("\x89PNG\r\n\x1a\n", 8), PngChunk("IHDR", std::string(13, '\x01')),
                      PngChunk("tEXt", std::string("Comment\0taken at home", 21)),
                      PngChunk("eXIf", "MM GPS 10.5 106.4"), PngChunk("IDAT", std::string(200, '\x22')),
                      PngChunk("IEND", ""));
}

std::string WebpWithExif() {
  std::string vp8x = absl::StrCat("VP8X", Le32(10), std::string("\x08\0\0\0\x01\0\0\x01\0\0", 10));
  std::string image = absl::StrCat("VP8 ", Le32(20), std::string(20, '\x33'));
  std::string exif = absl::StrCat("EXIF", Le32(17), "GPS 10.5 106.4 ok", std::string(1, '\0'));
  std::string body = absl::StrCat("WEBP", vp8x, image, exif);
  return absl::StrCat("RIFF", Le32(body.size()), body);
}

std::string Mp4(size_t payload_bytes) {
  return absl::StrCat(Box("ftyp", absl::StrCat("isom", Be32(512), "isomiso2avc1mp41")),
                      Box("moov", std::string(64, '\x01')), Box("mdat", std::string(payload_bytes, '\x02')));
}

std::string Heic() {
  return absl::StrCat(Box("ftyp", absl::StrCat("heic", Be32(0), "mif1heic")), Box("meta", std::string(80, '\x01')),
                      Box("mdat", std::string(400, '\x03')));
}

}  // namespace laso::feedback::samples

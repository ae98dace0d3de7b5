#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// What residents may attach to a report, judged by the bytes, never by a file
// name or a Content-Type header: JPEG, PNG, WebP and HEIC photos up to 10 MB
// and MP4 videos up to 30 MB, whole (a truncated upload is refused), with
// the metadata that gives away where and with what a photo was taken (EXIF
// with GPS, XMP, IPTC, text chunks) removed from JPEG, PNG and WebP. A JPEG
// keeps its orientation so that photos from phones do not turn sideways.
namespace laso::feedback {

inline constexpr int64_t kMaxImageBytes = 10 * 1024 * 1024;
inline constexpr int64_t kMaxVideoBytes = 30 * 1024 * 1024;

struct CheckedMedia {
  std::string content_type;  // image/jpeg, image/png, image/webp, image/heic, video/mp4
  std::string bytes;         // as stored: metadata removed
};

// INVALID_ARGUMENT (reasons UNSUPPORTED_MEDIA, TRUNCATED_MEDIA) or
// OUT_OF_RANGE (FILE_TOO_LARGE), with a message a resident can read.
absl::StatusOr<CheckedMedia> CheckMedia(absl::string_view bytes);

// The content type the bytes look like, or "" when none we take.
std::string SniffContentType(absl::string_view bytes);

}  // namespace laso::feedback

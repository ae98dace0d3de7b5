#include "services/feedback/media_check.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "common/status/status.h"
#include "tests/services/feedback/media_samples.h"

namespace laso::feedback {
namespace {

TEST(MediaCheckTest, JpegLosesExifXmpAndCommentButKeepsOrientation) {
  std::string jpeg = samples::JpegWithExif();
  auto m = CheckMedia(jpeg);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->content_type, "image/jpeg");
  EXPECT_FALSE(absl::StrContains(m->bytes, "GPS"));
  EXPECT_FALSE(absl::StrContains(m->bytes, "Canon"));
  EXPECT_FALSE(absl::StrContains(m->bytes, "xmpmeta"));
  EXPECT_TRUE(absl::StrContains(m->bytes, "JFIF"));
  // A fresh EXIF block with only the orientation (6: rotate 90°).
  EXPECT_TRUE(absl::StrContains(m->bytes, std::string("\x01\x12\0\x03\0\0\0\x01\0\x06", 10)));
  EXPECT_TRUE(absl::EndsWith(m->bytes, std::string("\xff\xd9", 2)));
  EXPECT_LT(m->bytes.size(), jpeg.size());
  // Cleaning what is clean changes nothing further.
  auto again = CheckMedia(m->bytes);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bytes, m->bytes);
}

TEST(MediaCheckTest, TruncatedJpegIsRefused) {
  std::string jpeg = samples::JpegWithExif();
  for (size_t cut : {jpeg.size() - 1, jpeg.size() / 2, size_t(30), size_t(4)}) {
    auto m = CheckMedia(jpeg.substr(0, cut));
    ASSERT_FALSE(m.ok()) << cut;
    EXPECT_EQ(ReasonOf(m.status()), "TRUNCATED_MEDIA") << cut;
  }
}

TEST(MediaCheckTest, PngNamedJpgIsAPngAndLosesItsText) {
  auto m = CheckMedia(samples::PngWithText());  // whatever the file was called
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->content_type, "image/png");
  EXPECT_FALSE(absl::StrContains(m->bytes, "GPS"));
  EXPECT_FALSE(absl::StrContains(m->bytes, "taken at home"));
  EXPECT_TRUE(absl::StrContains(m->bytes, "IDAT"));
  EXPECT_TRUE(absl::StrContains(m->bytes, "IEND"));
  EXPECT_EQ(ReasonOf(CheckMedia(samples::PngWithText().substr(0, 100)).status()), "TRUNCATED_MEDIA");
}

TEST(MediaCheckTest, WebpLosesExifAndItsFlag) {
  std::string webp = samples::WebpWithExif();
  auto m = CheckMedia(webp);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->content_type, "image/webp");
  EXPECT_FALSE(absl::StrContains(m->bytes, "GPS"));
  EXPECT_EQ(m->bytes[20] & 0x08, 0);                          // VP8X: no EXIF flag
  EXPECT_EQ(uint8_t(m->bytes[4]) + 8u, m->bytes.size());      // RIFF size follows
  EXPECT_FALSE(CheckMedia(webp.substr(0, webp.size() - 10)).ok());
}

TEST(MediaCheckTest, VideoAndHeicByTheirBoxes) {
  auto mp4 = CheckMedia(samples::Mp4(1000));
  ASSERT_TRUE(mp4.ok()) << mp4.status();
  EXPECT_EQ(mp4->content_type, "video/mp4");
  auto heic = CheckMedia(samples::Heic());
  ASSERT_TRUE(heic.ok()) << heic.status();
  EXPECT_EQ(heic->content_type, "image/heic");
  std::string cut = samples::Mp4(1000);
  EXPECT_EQ(ReasonOf(CheckMedia(cut.substr(0, cut.size() - 1)).status()), "TRUNCATED_MEDIA");
}

TEST(MediaCheckTest, SizeLimitsDependOnKind) {
  auto big_video = CheckMedia(samples::Mp4(31 * 1024 * 1024));
  EXPECT_EQ(big_video.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ReasonOf(big_video.status()), "FILE_TOO_LARGE");
  EXPECT_TRUE(CheckMedia(samples::Mp4(20 * 1024 * 1024)).ok());  // a 20 MB video is fine
  std::string big_jpeg = samples::JpegWithExif();
  big_jpeg.insert(big_jpeg.size() - 2, std::string(11 * 1024 * 1024, '\x55'));
  EXPECT_EQ(ReasonOf(CheckMedia(big_jpeg).status()), "FILE_TOO_LARGE");
}

TEST(MediaCheckTest, OtherContentIsRefusedWhateverItClaims) {
  for (std::string bytes : {std::string("GIF89a......"), std::string("%PDF-1.7"), std::string("<html>"),
                            std::string("MZ\x90\0", 4), std::string()}) {
    EXPECT_EQ(ReasonOf(CheckMedia(bytes).status()), "UNSUPPORTED_MEDIA") << bytes;
  }
}

}  // namespace
}  // namespace laso::feedback

#include "services/privacy/notice.h"

#include <fstream>

#include <gtest/gtest.h>

#include "common/testing/temp_dir.h"

namespace laso::privacy {
namespace {

std::string Source(const std::string& relative) { return std::string(LASO_SOURCE_DIR) + "/" + relative; }

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

constexpr char kPurposes[] = R"(
[[purposes]]
code = "services"
required = true
title = "Cung cấp dịch vụ"
description = "Tiếp nhận phản ánh."
retention = "2 năm."

[[purposes]]
code = "zalo_messages"
title = "Tin nhắn Zalo"
description = "Báo kết quả."
retention = "90 ngày."
)";

std::string Notice(int version, const std::string& purposes = kPurposes) {
  return "version = " + std::to_string(version) +
         "\npublished_on = 2026-01-01\ntitle = \"Thông báo\"\ncontroller = \"UBND tỉnh\"\ncontact = \"1022\"\n"
         "text = \"Nội dung.\"\n" +
         purposes;
}

TEST(NoticeTest, TheShippedNoticeLoadsWithOneRequiredPurpose) {
  auto notices = Notices::LoadDir(Source("deploy/data/privacy"));
  ASSERT_TRUE(notices.ok()) << notices.status();
  const v1::PrivacyNotice& current = notices->current();
  EXPECT_GE(current.version(), 1);
  EXPECT_EQ(current.published_on(), "2026-01-01");
  const v1::Purpose* services = FindPurpose(current, "services");
  ASSERT_NE(services, nullptr);
  EXPECT_TRUE(services->required());
  ASSERT_NE(FindPurpose(current, "zalo_messages"), nullptr);
  ASSERT_NE(FindPurpose(current, "location_reminders"), nullptr);
  EXPECT_FALSE(FindPurpose(current, "location_reminders")->required());
  EXPECT_FALSE(services->data().empty());
}

TEST(NoticeTest, TheHighestVersionIsCurrentAndEarlierOnesStayReadable) {
  testing::TempDir dir;
  WriteFile(dir.File("notice-v1.toml"), Notice(1));
  WriteFile(dir.File("notice-v2.toml"), Notice(2));
  WriteFile(dir.File("README.md"), "not a notice");
  auto notices = Notices::LoadDir(dir.path());
  ASSERT_TRUE(notices.ok()) << notices.status();
  EXPECT_EQ(notices->current().version(), 2);
  ASSERT_NE(notices->Version(1), nullptr);
  EXPECT_EQ(notices->Version(3), nullptr);
}

TEST(NoticeTest, AMalformedNoticeStopsTheLoadNamingFileAndField) {
  struct Case {
    std::string body, expected;
  } cases[] = {
      {Notice(2), "differs from the file name"},
      {Notice(1, ""), "no [[purposes]]"},
      {Notice(1, "[[purposes]]\ncode = \"x y\"\n"), "lower_snake_case"},
      {Notice(1, std::string(kPurposes) + "\n[[purposes]]\ncode = \"services\"\n"), "twice"},
      {Notice(1, "[[purposes]]\ncode = \"a_b\"\ntitle = \"t\"\ndescription = \"d\"\nretention = \"r\"\n"),
       "exactly one purpose must be required"},
      {"version = 1\npublished_on = 2026-01-01\n", "missing text 'title'"},
      {"version = [", "at line"},
  };
  for (const Case& c : cases) {
    testing::TempDir dir;
    WriteFile(dir.File("notice-v1.toml"), c.body);
    auto notices = Notices::LoadDir(dir.path());
    ASSERT_FALSE(notices.ok()) << c.body;
    EXPECT_NE(notices.status().message().find(c.expected), std::string::npos) << notices.status();
    EXPECT_NE(notices.status().message().find("notice-v1.toml"), std::string::npos) << notices.status();
  }
  testing::TempDir empty;
  EXPECT_EQ(Notices::LoadDir(empty.path()).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Notices::LoadDir(empty.File("missing")).status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace laso::privacy

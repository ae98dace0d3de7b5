#include "common/status/page_token.h"

#include <gtest/gtest.h>

#include "common/status/status.h"

namespace laso {
namespace {

TEST(PageTokenTest, RoundTripsAndRefusesGarbage) {
  EXPECT_EQ(*DecodePageToken(EncodePageToken(12345)), 12345);
  EXPECT_EQ(*DecodePageToken(""), 0);
  EXPECT_EQ(DecodePageToken("not-a-token").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PageTokenTest, PageSizeFollowsAip158) {
  EXPECT_EQ(*PageSize(0, 20, 100), 20);  // unset: the default
  EXPECT_EQ(*PageSize(7, 20, 100), 7);
  EXPECT_EQ(*PageSize(5000, 20, 100), 100);  // too many: the most we serve
  auto negative = PageSize(-1, 20, 100);
  ASSERT_EQ(negative.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldViolations(negative.status())[0].field, "pageSize");
}

}  // namespace
}  // namespace laso

#include "common/grpc/grpc_status.h"

#include <gtest/gtest.h>

#include "common/status/status.h"

namespace laso {
namespace {

TEST(GrpcStatusTest, GrpcRoundTripKeepsCodeMessageAndDetails) {
  absl::Status s = WithReason(InvalidField("phone", "Số điện thoại không hợp lệ."), "PHONE_INVALID");
  grpc::Status g = ToGrpcStatus(s);
  EXPECT_EQ(g.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(g.error_message(), "Số điện thoại không hợp lệ.");
  EXPECT_FALSE(g.error_details().empty());
  absl::Status back = FromGrpcStatus(g);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(back.message(), s.message());
  EXPECT_EQ(FieldViolations(back), FieldViolations(s));
  EXPECT_EQ(ReasonOf(back), "PHONE_INVALID");
}

TEST(GrpcStatusTest, InputQuotedInAMessageIsKeptUtf8) {
  // A message that quotes the caller's bytes (here not UTF-8) must still serialize as details.
  absl::Status s = InvalidField("rrule", "RRULE không hợp lệ: BYDAY \xff\xc3(\xed\xa0\x80 xong");
  EXPECT_EQ(s.message(), "RRULE không hợp lệ: BYDAY \uFFFD\uFFFD(\uFFFD\uFFFD\uFFFD xong");
  absl::Status back = FromGrpcStatus(ToGrpcStatus(s));
  ASSERT_EQ(FieldViolations(back).size(), 1u);
  EXPECT_EQ(FieldViolations(back)[0].description, s.message());
}

TEST(GrpcStatusTest, OkMapsToOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
  EXPECT_TRUE(ToGrpcStatus(absl::NotFoundError("x")).error_details().empty());
}

}  // namespace
}  // namespace laso

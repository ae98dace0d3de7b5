#include "common/status/status.h"

#include <gtest/gtest.h>

namespace laso {
namespace {

TEST(StatusTest, InvalidFieldNamesTheField) {
  absl::Status s = InvalidField("description", "Mô tả phải có từ 10 ký tự.");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "Mô tả phải có từ 10 ký tự.");
  ASSERT_EQ(FieldViolations(s).size(), 1u);
  EXPECT_EQ(FieldViolations(s)[0], (FieldViolation{"description", "Mô tả phải có từ 10 ký tự."}));
}

TEST(StatusTest, ViolationsAccumulate) {
  absl::Status s = InvalidField("a", "bad a");
  s = AddFieldViolation(s, "b", "bad b");
  EXPECT_EQ(FieldViolations(s), (std::vector<FieldViolation>{{"a", "bad a"}, {"b", "bad b"}}));
  EXPECT_TRUE(FieldViolations(absl::OkStatus()).empty());
  EXPECT_TRUE(AddFieldViolation(absl::OkStatus(), "x", "y").ok());
}

TEST(StatusTest, GrpcRoundTripKeepsCodeMessageAndDetails) {
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

TEST(StatusTest, InputQuotedInAMessageIsKeptUtf8) {
  // A message that quotes the caller's bytes (here not UTF-8) must still serialize as details.
  absl::Status s = InvalidField("rrule", "RRULE không hợp lệ: BYDAY \xff\xc3(\xed\xa0\x80 xong");
  EXPECT_EQ(s.message(), "RRULE không hợp lệ: BYDAY \uFFFD\uFFFD(\uFFFD\uFFFD\uFFFD xong");
  absl::Status back = FromGrpcStatus(ToGrpcStatus(s));
  ASSERT_EQ(FieldViolations(back).size(), 1u);
  EXPECT_EQ(FieldViolations(back)[0].description, s.message());
}

TEST(StatusTest, OkMapsToOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
  EXPECT_TRUE(ToGrpcStatus(absl::NotFoundError("x")).error_details().empty());
}

TEST(StatusTest, HttpMappingFollowsTheDesignTable) {
  using C = absl::StatusCode;
  const std::pair<C, int> table[] = {
      {C::kOk, 200},           {C::kInvalidArgument, 400}, {C::kFailedPrecondition, 400},
      {C::kOutOfRange, 400},   {C::kUnauthenticated, 401}, {C::kPermissionDenied, 403},
      {C::kNotFound, 404},     {C::kAlreadyExists, 409},   {C::kAborted, 409},
      {C::kResourceExhausted, 429}, {C::kCancelled, 499},  {C::kUnknown, 500},
      {C::kInternal, 500},     {C::kDataLoss, 500},        {C::kUnimplemented, 501},
      {C::kUnavailable, 503},  {C::kDeadlineExceeded, 504}};
  for (const auto& [code, http] : table) {
    EXPECT_EQ(HttpStatusForCode(code), http) << absl::StatusCodeToString(code);
  }
}

absl::StatusOr<int> Half(int x) {
  if (x % 2) return absl::InvalidArgumentError("odd");
  return x / 2;
}

absl::StatusOr<int> Quarter(int x) {
  LASO_ASSIGN_OR_RETURN(int half, Half(x));
  LASO_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

absl::Status CheckEven(int x) {
  LASO_RETURN_IF_ERROR(Half(x).status());
  return absl::OkStatus();
}

TEST(StatusTest, Macros) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_FALSE(CheckEven(3).ok());
}

}  // namespace
}  // namespace laso

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

#include "common/status/status.h"

#include <algorithm>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/text/utf8.h"
#include "google/rpc/error_details.pb.h"
#include "laso/api/error_info.pb.h"

namespace laso {
namespace {

constexpr char kBadRequestUrl[] = "type.googleapis.com/google.rpc.BadRequest";
constexpr char kErrorInfoUrl[] = "type.googleapis.com/laso.api.ErrorInfo";
constexpr char kReasonDomain[] = "laso.vn";

template <typename Message>
bool ReadPayload(const absl::Status& status, absl::string_view url, Message* out) {
  auto payload = status.GetPayload(url);
  return payload.has_value() && out->ParseFromString(std::string(*payload));
}

}  // namespace

absl::Status InvalidField(absl::string_view field, absl::string_view description) {
  return AddFieldViolation(absl::InvalidArgumentError(text::ScrubUtf8(description)), field, description);
}

absl::Status AddFieldViolation(absl::Status status, absl::string_view field,
                               absl::string_view description) {
  if (status.ok()) return status;
  google::rpc::BadRequest bad_request;
  ReadPayload(status, kBadRequestUrl, &bad_request);
  auto* violation = bad_request.add_field_violations();
  violation->set_field(text::ScrubUtf8(field));
  violation->set_description(text::ScrubUtf8(description));
  status.SetPayload(kBadRequestUrl, absl::Cord(bad_request.SerializeAsString()));
  return status;
}

std::vector<FieldViolation> FieldViolations(const absl::Status& status) {
  std::vector<FieldViolation> out;
  google::rpc::BadRequest bad_request;
  if (!ReadPayload(status, kBadRequestUrl, &bad_request)) return out;
  for (const auto& v : bad_request.field_violations()) {
    out.push_back({v.field(), v.description()});
  }
  return out;
}

absl::Status WithReason(absl::Status status, absl::string_view reason) {
  if (status.ok()) return status;
  laso::api::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(kReasonDomain);
  status.SetPayload(kErrorInfoUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

std::string ReasonOf(const absl::Status& status) {
  laso::api::ErrorInfo info;
  return ReadPayload(status, kErrorInfoUrl, &info) ? info.reason() : std::string();
}

absl::Status WithRetryAfter(absl::Status status, absl::Duration wait) {
  if (status.ok()) return status;
  laso::api::ErrorInfo info;
  ReadPayload(status, kErrorInfoUrl, &info);
  info.set_domain(kReasonDomain);
  int64_t seconds = std::max<int64_t>(1, absl::ToInt64Seconds(absl::Ceil(wait, absl::Seconds(1))));
  (*info.mutable_metadata())["retryAfterSeconds"] = absl::StrCat(seconds);
  status.SetPayload(kErrorInfoUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

absl::Duration RetryAfterOf(const absl::Status& status) {
  laso::api::ErrorInfo info;
  if (!ReadPayload(status, kErrorInfoUrl, &info)) return absl::ZeroDuration();
  auto it = info.metadata().find("retryAfterSeconds");
  int64_t seconds = 0;
  if (it == info.metadata().end() || !absl::SimpleAtoi(it->second, &seconds) || seconds <= 0) return absl::ZeroDuration();
  return absl::Seconds(seconds);
}

int HttpStatusForCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk: return 200;
    case absl::StatusCode::kCancelled: return 499;
    case absl::StatusCode::kUnknown: return 500;
    case absl::StatusCode::kInvalidArgument: return 400;
    case absl::StatusCode::kDeadlineExceeded: return 504;
    case absl::StatusCode::kNotFound: return 404;
    case absl::StatusCode::kAlreadyExists: return 409;
    case absl::StatusCode::kPermissionDenied: return 403;
    case absl::StatusCode::kResourceExhausted: return 429;
    case absl::StatusCode::kFailedPrecondition: return 400;
    case absl::StatusCode::kAborted: return 409;
    case absl::StatusCode::kOutOfRange: return 400;
    case absl::StatusCode::kUnimplemented: return 501;
    case absl::StatusCode::kInternal: return 500;
    case absl::StatusCode::kUnavailable: return 503;
    case absl::StatusCode::kDataLoss: return 500;
    case absl::StatusCode::kUnauthenticated: return 401;
    default: return 500;
  }
}

}  // namespace laso

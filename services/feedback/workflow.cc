#include "services/feedback/workflow.h"

#include "absl/strings/match.h"

#include "absl/strings/str_cat.h"
#include "common/status/status.h"

namespace laso::feedback {
namespace {

using v1::Status;

bool In(Status s, std::initializer_list<Status> set) {
  for (Status x : set) {
    if (x == s) return true;
  }
  return false;
}

absl::Status Refuse(Status from, absl::string_view what) {
  return WithReason(absl::FailedPreconditionError(
                        absl::StrCat("Phản ánh đang ở trạng thái \"", StatusLabel(from), "\" nên không thể ", what, ".")),
                    "WRONG_STATE");
}

}  // namespace

absl::Status CheckAction(Status from, Action action) {
  switch (action) {
    case Action::kAssign:
      if (In(from, {v1::RECEIVED, v1::ASSIGNED, v1::IN_PROGRESS, v1::REOPENED})) return absl::OkStatus();
      return Refuse(from, "chuyển cơ quan xử lý");
    case Action::kReject:
      if (In(from, {v1::RECEIVED, v1::ASSIGNED, v1::REOPENED})) return absl::OkStatus();
      return Refuse(from, "từ chối");
    case Action::kAccept:
      if (In(from, {v1::ASSIGNED, v1::REOPENED})) return absl::OkStatus();
      return Refuse(from, "nhận xử lý");
    case Action::kRespondPublic:
    case Action::kRespondPrivate:
      if (In(from, {v1::ASSIGNED, v1::IN_PROGRESS, v1::REOPENED})) return absl::OkStatus();
      return Refuse(from, "trả lời");
    case Action::kTransfer:
      if (In(from, {v1::ASSIGNED, v1::IN_PROGRESS, v1::REOPENED})) return absl::OkStatus();
      return Refuse(from, "chuyển trả tổng đài");
    case Action::kReopen:
      if (from == v1::ANSWERED) return absl::OkStatus();
      return Refuse(from, "mở lại (chỉ mở lại phản ánh đã được trả lời)");
    case Action::kClose:
      if (from == v1::ANSWERED) return absl::OkStatus();
      return Refuse(from, "đóng");
    case Action::kRate:
      if (In(from, {v1::ANSWERED, v1::CLOSED})) return absl::OkStatus();
      return Refuse(from, "đánh giá (chỉ đánh giá sau khi có trả lời)");
    case Action::kSupport:
      if (IsOpen(from) || from == v1::ANSWERED) return absl::OkStatus();
      return Refuse(from, "ủng hộ");
    case Action::kPrioritize:
      if (IsOpen(from)) return absl::OkStatus();
      return Refuse(from, "đổi mức ưu tiên");
    case Action::kRecategorize:
      if (IsOpen(from)) return absl::OkStatus();
      return Refuse(from, "đổi lĩnh vực");
    case Action::kMove:
      if (IsOpen(from)) return absl::OkStatus();
      return Refuse(from, "sửa vị trí");
    case Action::kModerate:
      return absl::OkStatus();
  }
  return Refuse(from, "thực hiện thao tác này");
}

Status After(Status from, Action action, Status reject_as) {
  switch (action) {
    case Action::kAssign: return v1::ASSIGNED;
    case Action::kAccept: return v1::IN_PROGRESS;
    case Action::kRespondPublic: return v1::ANSWERED;
    case Action::kTransfer: return v1::RECEIVED;
    case Action::kReject: return reject_as;
    case Action::kReopen: return v1::REOPENED;
    case Action::kClose: return v1::CLOSED;
    default: return from;
  }
}

bool IsOpen(Status s) { return In(s, {v1::RECEIVED, v1::ASSIGNED, v1::IN_PROGRESS, v1::REOPENED}); }

bool IsOpen311Closed(Status s) { return In(s, {v1::ANSWERED, v1::CLOSED, v1::REJECTED, v1::DUPLICATE}); }

std::string StatusLabel(Status s) {
  switch (s) {
    case v1::RECEIVED: return "Đã tiếp nhận";
    case v1::ASSIGNED: return "Đã chuyển cơ quan xử lý";
    case v1::IN_PROGRESS: return "Đang xử lý";
    case v1::ANSWERED: return "Đã trả lời";
    case v1::CLOSED: return "Đã đóng";
    case v1::REOPENED: return "Mở lại";
    case v1::REJECTED: return "Từ chối";
    case v1::DUPLICATE: return "Trùng phản ánh khác";
    default: return "Không xác định";
  }
}

std::string StaffUsername(const rpc::Caller& caller) {
  constexpr absl::string_view kPrefix = "staff:";
  absl::string_view subject = caller.subject();
  return absl::StartsWith(subject, kPrefix) ? std::string(subject.substr(kPrefix.size())) : "";
}

void SetActor(const rpc::Caller& caller, v1::Update* update) {
  update->set_actor_role(rpc::RoleName(caller.role()));
  if (caller.role() == rpc::Role::CITIZEN || caller.role() == rpc::Role::ANONYMOUS) return;  // the reporter is known already
  update->set_actor(caller.subject());
  update->set_actor_name(caller.name());
}

}  // namespace laso::feedback

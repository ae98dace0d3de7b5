#include "services/feedback/corrections.h"

#include "absl/strings/str_cat.h"
#include "common/geo/geo.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"
#include "services/feedback/deadlines.h"
#include "services/feedback/labels.h"

namespace laso::feedback {
namespace {

absl::Status CheckReason(const std::string& reason) {
  if (auto s = text::ValidateText("reason", reason, 5, 2000); !s.ok()) {
    return InvalidField("reason", "Vui lòng ghi lý do (ít nhất 5 ký tự).");
  }
  return absl::OkStatus();
}

}  // namespace

void Corrections::Recount(const v1::Category& category, v1::Feedback* report) const {
  ApplyDeadlines(DeadlinesFor(ctx_.calendar, ctx_.options.due_time_of_day, category, report->priority(),
                              ClockStart(*report)),
                 report);
}

absl::StatusOr<v1::Feedback> Corrections::SetPriority(const rpc::Caller& caller,
                                                      const v1::SetFeedbackPriorityRequest& req) {
  if (req.priority() == v1::PRIORITY_UNSPECIFIED || !v1::Priority_IsValid(req.priority())) {
    return InvalidField("priority", "Mức ưu tiên là LOW, NORMAL, HIGH hoặc URGENT.");
  }
  if (auto s = CheckReason(req.reason()); !s.ok()) return s;
  auto catalog = ctx_.catalog.Snapshot();
  return acts_.Act(caller, req.id(), Action::kPrioritize,
                   [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
                     v1::Feedback& it = *f.mutable_item();
                     if (it.priority() == req.priority()) return absl::OkStatus();  // nothing to record
                     auto category = catalog->categories.find(it.category_code());
                     if (category == catalog->categories.end()) return absl::InternalError("category of the report is gone");
                     u.set_action("prioritize");
                     u.set_public_(false);
                     u.set_message(absl::StrCat("Mức ưu tiên: ", PriorityLabel(it.priority()), " → ",
                                                PriorityLabel(req.priority()), ". ", text::ToNfc(req.reason())));
                     it.set_priority(req.priority());
                     Recount(category->second, &it);
                     return absl::OkStatus();
                   },
                   "");
}

absl::StatusOr<v1::Feedback> Corrections::Recategorize(const rpc::Caller& caller,
                                                       const v1::RecategorizeFeedbackRequest& req) {
  if (auto s = CheckReason(req.reason()); !s.ok()) return s;
  auto catalog = ctx_.catalog.Snapshot();
  auto category = catalog->categories.find(req.category_code());
  if (category == catalog->categories.end() || !category->second.active()) {
    return InvalidField("categoryCode", "Lĩnh vực không có hoặc đã ngừng sử dụng.");
  }
  return acts_.Act(
      caller, req.id(), Action::kRecategorize,
      [&](StoredFeedback& f, FeedbackStore::Tx& tx, v1::Update& u) -> absl::Status {
        v1::Feedback& it = *f.mutable_item();
        if (it.category_code() == category->first) {
          return InvalidField("categoryCode", "Phản ánh đã thuộc lĩnh vực này.");
        }
        u.set_action("recategorize");
        u.set_message(absl::StrCat("Điều chỉnh lĩnh vực: ", it.category_name(), " → ", category->second.name_vi(), ". ",
                                   text::ToNfc(req.reason())));
        // A priority that was only the old category's default becomes the new one's.
        auto old_category = catalog->categories.find(it.category_code());
        if (old_category != catalog->categories.end() && it.priority() == DefaultPriority(old_category->second)) {
          it.set_priority(DefaultPriority(category->second));
        }
        it.set_category_code(category->first);
        it.set_category_name(category->second.name_vi());
        Recount(category->second, &it);
        // Routed again by the new category's rules; a banned reporter's reports stay with the desk.
        std::string agency = it.held() ? "" : RouteToAgency(category->second, it.ward_code());
        if (agency == it.agency_code()) return absl::OkStatus();
        auto known = catalog->agencies.find(agency);
        it.clear_assignee();
        it.clear_assignee_name();
        if (known == catalog->agencies.end()) {
          // No rule for it: back to the operators, who choose.
          it.clear_agency_code();
          it.clear_agency_name();
          it.set_status(v1::RECEIVED);
          return absl::OkStatus();
        }
        it.clear_acknowledged_at();  // the new agency has not seen it (the deadlines were counted above)
        // The correction first, then the routing it caused.
        v1::Update* fixed = it.add_updates();
        *fixed = u;
        fixed->set_status(v1::ASSIGNED);
        u.clear_action();
        RouteByRules(ToTime(u.time()), known->second, &it);
        return acts_.Emit(tx, f, "feedback.assigned");
      },
      "");
}

absl::StatusOr<v1::Feedback> Corrections::Move(const rpc::Caller& caller, const v1::MoveFeedbackRequest& req) {
  if (auto s = CheckReason(req.reason()); !s.ok()) return s;
  geo::LatLng at{req.location().latitude(), req.location().longitude()};
  if (!req.has_location() || !geo::IsValid(at)) return InvalidField("location", "Vị trí không hợp lệ.");
  if (!ctx_.options.boundary.Contains(at)) {
    return WithReason(InvalidField("location", "Vị trí nằm ngoài địa bàn tỉnh."), "OUTSIDE_PROVINCE");
  }
  if (auto s = text::ValidateText("address", req.address(), 0, 500); !s.ok()) return s;
  auto catalog = ctx_.catalog.Snapshot();
  const v1::Ward* ward = nullptr;
  if (!req.ward_code().empty()) {
    auto w = catalog->wards.find(req.ward_code());
    if (w == catalog->wards.end()) return InvalidField("wardCode", "Không có phường/xã này.");
    ward = &w->second;
  } else {
    ward = NearestWard(*catalog, at);
  }
  return acts_.Act(caller, req.id(), Action::kMove,
                   [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
                     v1::Feedback& it = *f.mutable_item();
                     *it.mutable_location() = req.location();
                     if (!req.address().empty()) it.set_address(text::ToNfc(req.address()));
                     if (ward != nullptr) {
                       it.set_ward_code(ward->code());
                       it.set_ward_name(ward->name());
                     }
                     u.set_action("move");
                     u.set_message(absl::StrCat("Điều chỉnh vị trí", ward != nullptr ? absl::StrCat(" (", ward->name(), ")") : "",
                                                ". ", text::ToNfc(req.reason())));
                     return absl::OkStatus();
                   },
                   "");
}

}  // namespace laso::feedback

// FeedbackViews: reading reports, by whoever may see them.
#include "services/feedback/feedback_views.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/status/page_token.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/date_range.h"
#include "common/time/rfc3339.h"

namespace laso::feedback {

using rpc::Role;

absl::StatusOr<FeedbackFilter> WorkListFilter(const rpc::Caller& caller, const v1::ListFeedbackRequest& req,
                                              absl::Time now) {
  if (auto s = rpc::RequireRole(caller, {Role::OPERATOR, Role::OFFICER, Role::SUPERVISOR, Role::ADMIN}); !s.ok()) return s;
  if (auto s = text::ValidateText("text", req.text(), 0, 200); !s.ok()) return s;
  FeedbackFilter filter;
  for (int s : req.status()) {
    if (!v1::Status_IsValid(s)) return InvalidField("status", "Trạng thái không hợp lệ.");
    filter.statuses.push_back(s);
  }
  filter.category = req.category();
  filter.ward = req.ward();
  filter.agency = req.agency();
  if (caller.role() == Role::OFFICER || caller.role() == Role::SUPERVISOR) {
    // An officer's list is their agency's, whatever they ask for.
    if (!req.agency().empty() && req.agency() != caller.agency()) {
      return WithReason(absl::PermissionDeniedError("Cán bộ chỉ xem phản ánh của cơ quan mình."), "NOT_YOUR_AGENCY");
    }
    if (caller.agency().empty()) return absl::PermissionDeniedError("Tài khoản cán bộ chưa gắn với cơ quan nào.");
    filter.agency = caller.agency();
  }
  if (req.overdue_only()) filter.overdue_at = now;
  if (!v1::Channel_IsValid(req.channel()) || !v1::Priority_IsValid(req.min_priority())) {
    return InvalidField("channel", "Kênh hoặc mức ưu tiên không hợp lệ.");
  }
  filter.channel = req.channel();
  filter.min_priority = req.min_priority();
  // "me": the reports assigned to the caller (an officer's own work list).
  filter.assignee = req.assignee() == "me" ? StaffUsername(caller) : req.assignee();
  if (req.assignee() == "me" && filter.assignee.empty()) return InvalidField("assignee", "Chỉ cán bộ có danh sách của mình.");
  filter.folded_text = text::FoldForSearch(req.text());
  if (!req.from().empty() || !req.to().empty()) {
    auto days = ParseDayRange(req.from(), req.to(), now);
    if (!days.ok()) return days.status();
    if (!req.from().empty()) filter.received_from = days->begin();
    if (!req.to().empty()) filter.received_to = days->end();
  }
  return filter;
}

std::string EncodeUrgencyToken(const UrgencyCursor& at) {
  std::string out;
  absl::WebSafeBase64Escape(absl::StrCat("u1|", at.priority, "|", at.due_at_us, "|", at.seq), &out);
  return out;
}

absl::StatusOr<UrgencyCursor> DecodeUrgencyToken(const std::string& token) {
  UrgencyCursor at;
  if (token.empty()) return at;
  std::string raw;
  std::vector<std::string> parts;
  if (token.size() <= 96 && absl::WebSafeBase64Unescape(token, &raw)) parts = absl::StrSplit(raw, '|');
  if (parts.size() != 4 || parts[0] != "u1" || !absl::SimpleAtoi(parts[1], &at.priority) ||
      !absl::SimpleAtoi(parts[2], &at.due_at_us) || !absl::SimpleAtoi(parts[3], &at.seq) || at.seq <= 0) {
    return InvalidField("pageToken", "pageToken không hợp lệ.");
  }
  return at;
}

absl::StatusOr<v1::ListFeedbackResponse> FeedbackViews::List(const rpc::Caller& caller,
                                                             const v1::ListFeedbackRequest& req) const {
  auto filter = WorkListFilter(caller, req, ctx_.clock->Now());
  if (!filter.ok()) return filter.status();
  auto size = PageSize(req.page_size(), 50, 200);
  if (!size.ok()) return size.status();
  if (!v1::ListOrder_IsValid(req.order())) return InvalidField("order", "Thứ tự không hợp lệ.");
  filter->count_by_status = req.with_status_counts();
  if (req.order() == v1::URGENCY) {
    auto after = DecodeUrgencyToken(req.page_token());
    if (!after.ok()) return after.status();
    auto page = ctx_.store.ListByUrgency(*filter, *after, *size);
    if (!page.ok()) return page.status();
    UrgencyCursor next = page->next_urgency;
    v1::ListFeedbackResponse out = acts_.Page(caller, std::move(*page));
    if (next.seq > 0) out.set_next_page_token(EncodeUrgencyToken(next));
    return out;
  }
  auto before = DecodePageToken(req.page_token());
  if (!before.ok()) return before.status();
  auto page = ctx_.store.List(*filter, *before, *size);
  if (!page.ok()) return page.status();
  return acts_.Page(caller, std::move(*page));
}

absl::StatusOr<v1::Feedback> FeedbackViews::Get(const rpc::Caller& caller, const v1::GetFeedbackRequest& req) const {
  if (!IsValidCode(req.id())) return ReportNotFound();
  auto stored = ctx_.store.Load(req.id());
  if (!stored.ok()) return stored.status();
  if (!*stored) return ReportNotFound();
  Audience audience = acts_.AudienceOf(caller, **stored);
  if (audience == Audience::kPublic && (*stored)->item().hidden()) return ReportNotFound();
  v1::Feedback view = ViewOf(**stored, audience, ctx_.vault, ctx_.clock->Now());
  if (caller.role() == Role::CITIZEN) {
    auto supported = ctx_.store.HasSupported(req.id(), caller.subject());
    if (supported.ok()) view.set_supported_by_me(*supported);
  }
  return view;
}

absl::StatusOr<v1::ListFeedbackResponse> FeedbackViews::ListMine(const rpc::Caller& caller,
                                                             const v1::ListMyFeedbackRequest& req) const {
  auto before = DecodePageToken(req.page_token());
  if (!before.ok()) return before.status();
  FeedbackFilter filter;
  filter.reporter_phone_hash = PhoneHashOf(ctx_.vault, caller);
  filter.filed_by = caller.subject();
  auto size = PageSize(req.page_size(), 20, 100);
  if (!size.ok()) return size.status();
  auto page = ctx_.store.List(filter, *before, *size);
  if (!page.ok()) return page.status();
  return acts_.Page(caller, std::move(*page));
}

absl::StatusOr<v1::ListFeedbackResponse> FeedbackViews::Nearby(const rpc::Caller& caller,
                                                           const v1::NearbyFeedbackRequest& req) const {
  geo::LatLng at{req.lat(), req.lng()};
  if (!geo::IsValid(at) || (req.lat() == 0 && req.lng() == 0)) return InvalidField("lat", "Toạ độ không hợp lệ.");
  if (req.category().empty()) return InvalidField("category", "Vui lòng chọn lĩnh vực.");
  double r = ctx_.options.nearby_radius_m;
  double dlat = r / 111320.0;
  double dlng = r / (111320.0 * std::max(0.01, std::cos(req.lat() * M_PI / 180)));
  auto found = ctx_.store.InBox(req.category(), true, req.lat() - dlat, req.lat() + dlat, req.lng() - dlng,
                            req.lng() + dlng, 500);
  if (!found.ok()) return found.status();
  std::vector<std::pair<double, const StoredFeedback*>> near;
  for (const StoredFeedback& f : *found) {
    double m = geo::DistanceMeters(at, {f.item().location().latitude(), f.item().location().longitude()});
    if (m <= r) near.emplace_back(m, &f);
  }
  std::sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (static_cast<int>(near.size()) > ctx_.options.nearby_max) near.resize(ctx_.options.nearby_max);
  v1::ListFeedbackResponse out;
  absl::Time now = ctx_.clock->Now();
  for (const auto& [m, f] : near) *out.add_items() = ViewOf(*f, acts_.AudienceOf(caller, *f), ctx_.vault, now);
  out.set_total_size(out.items_size());
  return out;
}

absl::StatusOr<v1::ListFeedbackResponse> FeedbackViews::ListPublic(const v1::ListPublicFeedbackRequest& req) const {
  auto before = DecodePageToken(req.page_token());
  if (!before.ok()) return before.status();
  FeedbackFilter filter;
  filter.public_only = true;
  filter.category = req.category();
  filter.ward = req.ward();
  if (req.ids_size() > 100) return InvalidField("ids", "Tối đa 100 mã phản ánh một lần.");
  for (const auto& id : req.ids()) {
    if (!IsValidCode(id)) return InvalidField("ids", "Mã phản ánh không hợp lệ.");
    filter.ids.push_back(id);
  }
  absl::Time now = ctx_.clock->Now();
  if (!req.start_date().empty()) {
    auto t = ParseRfc3339(req.start_date());
    if (!t.ok()) return InvalidField("startDate", "start_date phải là thời điểm RFC 3339.");
    filter.received_from = *t;
  }
  if (!req.end_date().empty()) {
    auto t = ParseRfc3339(req.end_date());
    if (!t.ok()) return InvalidField("endDate", "end_date phải là thời điểm RFC 3339.");
    filter.received_to = *t;
  }
  // Open311: without ids or dates, the last 90 days.
  if (filter.ids.empty() && !filter.received_from && !filter.received_to) filter.received_from = now - absl::Hours(24 * 90);
  if (req.state() == "open") {
    filter.statuses = {v1::RECEIVED, v1::ASSIGNED, v1::IN_PROGRESS, v1::REOPENED};
  } else if (req.state() == "closed") {
    filter.statuses = {v1::ANSWERED, v1::CLOSED, v1::REJECTED, v1::DUPLICATE};
  } else if (!req.state().empty()) {
    return InvalidField("state", "status chỉ nhận open hoặc closed.");
  }
  auto size = PageSize(req.page_size(), 1000, 1000);
  if (!size.ok()) return size.status();
  if (req.page() < 0 || req.page() > 100000) return InvalidField("page", "page không hợp lệ.");
  int64_t offset = req.page() > 0 ? int64_t(req.page() - 1) * *size : 0;
  auto page = ctx_.store.List(filter, req.page() > 0 ? 0 : *before, *size, offset);
  if (!page.ok()) return page.status();
  if (req.page() > 0) page->next_seq = 0;  // numbered pages: the caller asks for page + 1
  return acts_.Page(rpc::Caller(), std::move(*page));
}

absl::StatusOr<v1::Contact> FeedbackViews::RevealReporter(const rpc::Caller& caller,
                                                           const v1::RevealReporterRequest& req) const {
  if (auto s = rpc::RequireRole(caller, {Role::OPERATOR, Role::OFFICER, Role::SUPERVISOR, Role::ADMIN}); !s.ok()) return s;
  if (auto s = text::ValidateText("reason", req.reason(), 0, 500); !s.ok()) return s;
  if (!IsValidCode(req.id())) return ReportNotFound();
  v1::Contact contact;
  auto written = ctx_.store.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
    auto loaded = tx.Load(req.id());
    if (!loaded.ok()) return loaded.status();
    if (!*loaded) return ReportNotFound();
    const StoredFeedback& f = **loaded;
    if (acts_.AudienceOf(caller, f) != Audience::kStaff) {
      return WithReason(absl::PermissionDeniedError("Phản ánh này không thuộc cơ quan của bạn."), "NOT_YOUR_AGENCY");
    }
    contact.Clear();
    std::vector<std::string> fields;
    for (auto [sealed, context, field, into] :
         {std::tuple{&f.reporter_name_sealed(), "feedback.reporter_name", "reporter.name", contact.mutable_name()},
          std::tuple{&f.reporter_phone_sealed(), "feedback.reporter_phone", "reporter.phone", contact.mutable_phone()}}) {
      if (sealed->empty()) continue;
      auto plain = ctx_.vault.Unseal(*sealed, context);
      if (!plain.ok()) return plain.status();
      *into = *std::move(plain);
      fields.push_back(field);
    }
    if (fields.empty()) return absl::OkStatus();  // nothing personal left to show (anonymised by retention)
    return acts_.Audit(tx, caller, f, "read", std::move(fields), req.reason());
  });
  if (!written.ok()) return written;
  return contact;
}

}  // namespace laso::feedback

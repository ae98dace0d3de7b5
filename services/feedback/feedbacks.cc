#include "services/feedback/feedbacks.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/ascii.h"
#include "common/status/macros.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/crypto/hash.h"
#include "common/rpc/caller.h"
#include "common/phone/phone.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "common/status/page_token.h"

namespace laso::feedback {
namespace {

using rpc::Role;

absl::Status NotFound() { return absl::NotFoundError("Không tìm thấy phản ánh."); }

// How the report came in: operators say (a call, an email, the portal); for everyone else the gateway
// saw the client (the Mini App's origin, Open311, a browser, the app).
absl::StatusOr<v1::Channel> IntakeChannel(const rpc::Caller& caller, v1::Channel given) {
  bool desk = caller.role() == Role::OPERATOR || caller.role() == Role::ADMIN;
  if (given != v1::CHANNEL_UNSPECIFIED) {
    if (!v1::Channel_IsValid(given)) return InvalidField("channel", "Kênh tiếp nhận không hợp lệ.");
    if (!desk) return InvalidField("channel", "Chỉ tổng đài viên ghi kênh tiếp nhận.");
    return given;
  }
  if (caller.client() == "open311") return v1::OPEN311;
  if (caller.client() == "zalo-mini-app") return v1::ZALO_MINI_APP;
  if (caller.client() == "web") return v1::WEB;
  return desk ? v1::HOTLINE : v1::APP;
}

// A one-stop dossier code as the one-stop system prints them ("H15.50-261105-0001", "000.00.20.H39-261105-0001").
bool ValidDossierReference(absl::string_view code) {
  if (code.size() > 40) return false;
  for (char c : code) {
    if (!absl::ascii_isalnum(c) && c != '.' && c != '-' && c != '/') return false;
  }
  return true;
}


}  // namespace

std::string PhoneHashOf(const crypto::PiiVault& vault, const rpc::Caller& caller) {
  auto phone = phone::Normalize(caller.phone());
  return phone.ok() ? vault.LookupHash(*phone) : "";
}

absl::Time Feedbacks::DueAfter(absl::Time start, int working_days) const {
  absl::CivilDay day = calendar_.AddWorkingDays(VietnamDay(start), working_days);
  return VietnamStartOfDay(day) + options_.due_time_of_day;
}

Audience Feedbacks::AudienceOf(const rpc::Caller& caller, const StoredFeedback& stored) const {
  switch (caller.role()) {
    case Role::OPERATOR:
    case Role::ADMIN:
      return Audience::kStaff;
    case Role::OFFICER:
    case Role::SUPERVISOR:
      return !caller.agency().empty() && caller.agency() == stored.item().agency_code() ? Audience::kStaff
                                                                                       : Audience::kPublic;
    case Role::CITIZEN:
    case Role::INTEGRATION: {
      if (!caller.subject().empty() && caller.subject() == stored.filed_by()) return Audience::kReporter;
      std::string hash = PhoneHashOf(vault_, caller);
      return !hash.empty() && hash == stored.reporter_phone_hash() ? Audience::kReporter : Audience::kPublic;
    }
    default:
      return Audience::kPublic;
  }
}

absl::Status Feedbacks::Emit(FeedbackStore::Tx& tx, const StoredFeedback& stored, const std::string& type) const {
  const v1::Feedback& it = stored.item();
  nlohmann::json payload = {{"id", it.id()},
                            {"status", v1::Status_Name(it.status())},
                            {"statusLabel", StatusLabel(it.status())},
                            {"category", it.category_code()},
                            {"categoryName", it.category_name()},
                            {"agency", it.agency_code()},
                            {"agencyName", it.agency_name()},
                            {"ward", it.ward_code()},
                            {"dueAt", FormatRfc3339(ToTime(it.due_at()))}};
  // A report an operator took by phone, or an integration passed on, names the
  // filer's staff account: the reporter is reached by phone alone.
  nlohmann::json recipient = nlohmann::json::object();
  if (it.updates_size() > 0 && it.updates(0).actor_role() == rpc::RoleName(Role::CITIZEN)) {
    recipient["subject"] = stored.filed_by();
  }
  if (!stored.reporter_phone_sealed().empty()) {
    // The notifier reaches the reporter by phone; it travels sealed, never in clear.
    auto phone = vault_.Unseal(stored.reporter_phone_sealed(), "feedback.reporter_phone");
    if (!phone.ok()) return phone.status();
    auto sealed = events_vault_.Seal(*phone, "event.recipient_phone");
    if (!sealed.ok()) return sealed.status();
    recipient["phoneSealed"] = absl::Base64Escape(*sealed);
  }
  payload["recipient"] = recipient;
  if (!it.answer().empty()) payload["answer"] = it.answer();
  return tx.Emit(outbox::NewEvent(type, absl::StrCat("feedback/", it.id()), payload.dump(), *clock_));
}

absl::StatusOr<v1::CreateFeedbackResponse> Feedbacks::Create(const rpc::Caller& caller,
                                                             const v1::CreateFeedbackRequest& req,
                                                             const std::string& idempotency_key) {
  // Who reports, and how to reach them.
  std::string phone, name;
  if (caller.role() == Role::CITIZEN) {
    if (caller.phone().empty()) {
      return WithReason(absl::PermissionDeniedError("Vui lòng xác minh số điện thoại trước khi gửi phản ánh "
                                                    "(Tài khoản → Xác minh số điện thoại)."),
                        "PHONE_NOT_VERIFIED");
    }
    if (req.has_reporter()) return InvalidField("reporter", "Người dân không khai người phản ánh: hệ thống dùng số điện thoại đã xác minh.");
    auto normalized = phone::Normalize(caller.phone());
    if (!normalized.ok()) return absl::PermissionDeniedError("Số điện thoại đã xác minh không hợp lệ.");
    phone = *normalized;
    name = caller.name();
  } else if (caller.role() == Role::OPERATOR || caller.role() == Role::INTEGRATION || caller.role() == Role::ADMIN) {
    auto normalized = phone::Normalize(req.reporter().phone());
    if (!normalized.ok()) return InvalidField("reporter.phone", "Số điện thoại của người phản ánh không hợp lệ.");
    phone = *normalized;
    if (auto s = text::ValidateText("reporter.name", req.reporter().name(), 0, 200); !s.ok()) return s;
    name = text::ToNfc(req.reporter().name());
  } else {
    return absl::PermissionDeniedError("Bạn không có quyền gửi phản ánh.");
  }

  // What and where.
  auto catalog = catalog_.Snapshot();
  auto category = catalog->categories.find(req.category_code());
  if (category == catalog->categories.end() || !category->second.active()) {
    return InvalidField("categoryCode", "Lĩnh vực phản ánh không có hoặc đã ngừng nhận phản ánh.");
  }
  if (category->second.has_closed_until() && clock_->Now() < ToTime(category->second.closed_until())) {
    // Known already (an outage being handled): the app shows the desk's notice instead of filing a report.
    return WithReason(absl::FailedPreconditionError(category->second.notice()), "CATEGORY_CLOSED");
  }
  if (auto s = text::ValidateText("description", req.description(), 10, 4000); !s.ok()) {
    return InvalidField("description", "Nội dung phản ánh phải từ 10 đến 4.000 ký tự.");
  }
  if (auto s = text::ValidateText("address", req.address(), 0, 500); !s.ok()) return s;
  // A place on the map, or only a ward (and an address): complaints about procedures have no point.
  geo::LatLng at{req.location().latitude(), req.location().longitude()};
  bool has_point = req.has_location();
  if (has_point && !geo::IsValid(at)) return InvalidField("location", "Vị trí không hợp lệ.");
  if (!has_point && req.ward_code().empty() && req.address().empty()) {
    return InvalidField("location", "Vui lòng chọn vị trí trên bản đồ, hoặc cho biết phường/xã hay địa chỉ nơi xảy ra sự việc.");
  }
  if (has_point && !options_.boundary.Contains(at)) {
    return WithReason(InvalidField("location", "Vị trí nằm ngoài địa bàn tỉnh."), "OUTSIDE_PROVINCE");
  }
  const v1::Ward* ward = nullptr;
  if (!req.ward_code().empty()) {
    auto w = catalog->wards.find(req.ward_code());
    if (w == catalog->wards.end()) return InvalidField("wardCode", "Không có phường/xã này.");
    ward = &w->second;
  } else if (has_point) {
    ward = NearestWard(*catalog, at);
  }
  LASO_ASSIGN_OR_RETURN(v1::Channel channel, IntakeChannel(caller, req.channel()));
  if (req.priority() != v1::PRIORITY_UNSPECIFIED && caller.role() != Role::OPERATOR && caller.role() != Role::ADMIN) {
    return InvalidField("priority", "Chỉ tổng đài viên đặt mức ưu tiên.");
  }
  if (!v1::Priority_IsValid(req.priority())) return InvalidField("priority", "Mức ưu tiên là LOW, NORMAL, HIGH hoặc URGENT.");
  if (!req.dossier_code().empty() && !ValidDossierReference(req.dossier_code())) {
    return InvalidField("dossierCode", "Mã hồ sơ gồm tối đa 40 ký tự: chữ, số, dấu chấm, gạch ngang, gạch chéo.");
  }
  if (auto s = ValidateAnswers(category->second, req.answers()); !s.ok()) return s;
  auto attachments = attachments_.Resolve(caller, req.attachment_ids(), kMaxAttachments);
  if (!attachments.ok()) return attachments.status();

  // Sealed before the transaction: the writer's time is for the disk.
  auto sealed_phone = vault_.Seal(phone, "feedback.reporter_phone");
  if (!sealed_phone.ok()) return sealed_phone.status();
  auto sealed_name = name.empty() ? absl::StatusOr<std::string>("") : vault_.Seal(name, "feedback.reporter_name");
  if (!sealed_name.ok()) return sealed_name.status();
  std::string phone_hash = vault_.LookupHash(phone);
  idempotency::RetriedWrite retried(caller, idempotency_key, "CreateFeedback", req);

  absl::Time now = clock_->Now();
  v1::CreateFeedbackResponse response;
  absl::Status written = store_.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
    auto replayed = retried.ReplayInto(tx.Idempotency(), &response);
    if (!replayed.ok() || *replayed) return replayed.status();
    auto banned = tx.IsBanned(phone_hash);
    if (!banned.ok()) return banned.status();
    int year = static_cast<int>(VietnamDay(now).year());
    auto number = tx.NextNumber(year);
    if (!number.ok()) return number.status();

    StoredFeedback f;
    v1::Feedback& it = *f.mutable_item();
    it.set_id(absl::StrFormat("1022-%d-%06d", year, *number));
    it.set_category_code(category->first);
    it.set_category_name(category->second.name_vi());
    it.set_description(text::ToNfc(req.description()));
    if (has_point) *it.mutable_location() = req.location();
    it.set_address(text::ToNfc(req.address()));
    it.set_channel(channel);
    it.set_priority(req.priority() != v1::PRIORITY_UNSPECIFIED ? req.priority() : v1::NORMAL);
    it.set_dossier_code(req.dossier_code());
    if (ward != nullptr) {
      it.set_ward_code(ward->code());
      it.set_ward_name(ward->name());
    }
    for (auto& a : *attachments) *it.add_attachments() = a;
    it.set_anonymous(req.anonymous());
    *it.mutable_answers() = req.answers();
    SetTimestamp(now, it.mutable_received_at());
    SetTimestamp(DueAfter(now, category->second.answer_days()), it.mutable_due_at());
    SetTimestamp(now, it.mutable_updated_at());
    it.set_held(*banned);
    it.set_status(v1::RECEIVED);
    f.set_reporter_name_sealed(*sealed_name);
    f.set_reporter_phone_sealed(*sealed_phone);
    f.set_reporter_phone_hash(phone_hash);
    f.set_filed_by(caller.subject());

    v1::Update* received = it.add_updates();
    SetTimestamp(now, received->mutable_time());
    SetActor(caller, received);
    received->set_action("receive");
    received->set_public_(true);
    received->set_status(v1::RECEIVED);
    received->set_message("Tổng đài 1022 đã tiếp nhận phản ánh.");
    if (auto s = Emit(tx, f, "feedback.received"); !s.ok()) return s;

    std::string agency = *banned ? "" : RouteToAgency(category->second, it.ward_code());
    auto known = catalog->agencies.find(agency);
    if (known != catalog->agencies.end()) {
      it.set_status(v1::ASSIGNED);
      it.set_agency_code(agency);
      it.set_agency_name(known->second.name());
      v1::Update* assigned = it.add_updates();
      SetTimestamp(now, assigned->mutable_time());
      assigned->set_actor_role("system");
      assigned->set_action("assign");
      assigned->set_public_(true);
      assigned->set_status(v1::ASSIGNED);
      assigned->set_agency_code(agency);
      assigned->set_message(absl::StrCat("Đã chuyển đến ", known->second.name(), "."));
      if (auto s = Emit(tx, f, "feedback.assigned"); !s.ok()) return s;
    }
    if (auto s = tx.Save(f); !s.ok()) return s;
    response.set_id(it.id());
    response.set_status(it.status());
    *response.mutable_due_at() = it.due_at();
    return retried.Remember(tx.Idempotency(), response, now);
  });
  if (!written.ok()) return written;
  return response;
}

absl::StatusOr<v1::Feedback> Feedbacks::Get(const rpc::Caller& caller, const v1::GetFeedbackRequest& req) {
  if (!IsValidCode(req.id())) return NotFound();
  auto stored = store_.Load(req.id());
  if (!stored.ok()) return stored.status();
  if (!*stored) return NotFound();
  Audience audience = AudienceOf(caller, **stored);
  if (audience == Audience::kPublic && (*stored)->item().hidden()) return NotFound();
  v1::Feedback view = ViewOf(**stored, audience, vault_, clock_->Now());
  if (caller.role() == Role::CITIZEN) {
    auto supported = store_.HasSupported(req.id(), caller.subject());
    if (supported.ok()) view.set_supported_by_me(*supported);
  }
  return view;
}

v1::ListFeedbackResponse Feedbacks::Page(const rpc::Caller& caller, FeedbackPage page) {
  v1::ListFeedbackResponse out;
  absl::Time now = clock_->Now();
  for (const StoredFeedback& f : page.items) *out.add_items() = ViewOf(f, AudienceOf(caller, f), vault_, now);
  if (page.next_seq > 0) out.set_next_page_token(EncodePageToken(page.next_seq));
  out.set_total_size(static_cast<int32_t>(page.total));
  return out;
}

absl::StatusOr<v1::ListFeedbackResponse> Feedbacks::ListMine(const rpc::Caller& caller,
                                                             const v1::ListMyFeedbackRequest& req) {
  auto before = DecodePageToken(req.page_token());
  if (!before.ok()) return before.status();
  FeedbackFilter filter;
  filter.reporter_phone_hash = PhoneHashOf(vault_, caller);
  filter.filed_by = caller.subject();
  auto size = PageSize(req.page_size(), 20, 100);
  if (!size.ok()) return size.status();
  auto page = store_.List(filter, *before, *size);
  if (!page.ok()) return page.status();
  return Page(caller, std::move(*page));
}

absl::StatusOr<v1::ListFeedbackResponse> Feedbacks::Nearby(const rpc::Caller& caller,
                                                           const v1::NearbyFeedbackRequest& req) {
  geo::LatLng at{req.lat(), req.lng()};
  if (!geo::IsValid(at) || (req.lat() == 0 && req.lng() == 0)) return InvalidField("lat", "Toạ độ không hợp lệ.");
  if (req.category().empty()) return InvalidField("category", "Vui lòng chọn lĩnh vực.");
  double r = options_.nearby_radius_m;
  double dlat = r / 111320.0;
  double dlng = r / (111320.0 * std::max(0.01, std::cos(req.lat() * M_PI / 180)));
  auto found = store_.InBox(req.category(), true, req.lat() - dlat, req.lat() + dlat, req.lng() - dlng,
                            req.lng() + dlng, 500);
  if (!found.ok()) return found.status();
  std::vector<std::pair<double, const StoredFeedback*>> near;
  for (const StoredFeedback& f : *found) {
    double m = geo::DistanceMeters(at, {f.item().location().latitude(), f.item().location().longitude()});
    if (m <= r) near.emplace_back(m, &f);
  }
  std::sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (static_cast<int>(near.size()) > options_.nearby_max) near.resize(options_.nearby_max);
  v1::ListFeedbackResponse out;
  absl::Time now = clock_->Now();
  for (const auto& [m, f] : near) *out.add_items() = ViewOf(*f, AudienceOf(caller, *f), vault_, now);
  out.set_total_size(out.items_size());
  return out;
}

absl::StatusOr<v1::ListFeedbackResponse> Feedbacks::ListPublic(const v1::ListPublicFeedbackRequest& req) {
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
  absl::Time now = clock_->Now();
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
  auto page = store_.List(filter, req.page() > 0 ? 0 : *before, *size, offset);
  if (!page.ok()) return page.status();
  if (req.page() > 0) page->next_seq = 0;  // numbered pages: the caller asks for page + 1
  return Page(rpc::Caller(), std::move(*page));
}

absl::StatusOr<v1::Feedback> Feedbacks::Support(const rpc::Caller& caller, const v1::FeedbackActionRequest& req) {
  return Act(caller, req.id(), Action::kSupport,
             [&](StoredFeedback& f, FeedbackStore::Tx& tx, v1::Update&) -> absl::Status {
               auto added = tx.AddSupport(f.item().id(), caller.subject());
               if (!added.ok()) return added.status();
               if (*added) f.mutable_item()->set_support_count(f.item().support_count() + 1);
               return absl::OkStatus();
             },
             "");
}

absl::StatusOr<v1::Feedback> Feedbacks::Rate(const rpc::Caller& caller, const v1::RateFeedbackRequest& req,
                                             const std::string& idempotency_key) {
  if (req.stars() < 1 || req.stars() > 5) return InvalidField("stars", "Đánh giá từ 1 đến 5 sao.");
  if (auto s = text::ValidateText("comment", req.comment(), 0, 1000); !s.ok()) return s;
  idempotency::RetriedWrite retried(caller, idempotency_key, "RateFeedback", req);
  return Act(caller, req.id(), Action::kRate,
             [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
               v1::Rating* r = f.mutable_item()->mutable_rating();
               r->set_stars(req.stars());
               r->set_comment(text::ToNfc(req.comment()));
               SetTimestamp(clock_->Now(), r->mutable_time());
               u.set_action("rate");
               u.set_message(absl::StrCat("Người phản ánh đánh giá ", req.stars(), "/5."));
               return absl::OkStatus();
             },
             "", v1::REJECTED, &retried);
}

absl::StatusOr<v1::Feedback> Feedbacks::Reopen(const rpc::Caller& caller, const v1::FeedbackActionRequest& req,
                                               const std::string& idempotency_key) {
  if (auto s = text::ValidateText("reason", req.reason(), 5, 2000); !s.ok()) {
    return InvalidField("reason", "Vui lòng cho biết lý do mở lại (ít nhất 5 ký tự).");
  }
  idempotency::RetriedWrite retried(caller, idempotency_key, "ReopenFeedback", req);
  return Act(caller, req.id(), Action::kReopen,
             [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
               absl::Time now = clock_->Now();
               v1::Feedback& it = *f.mutable_item();
               if (now > ToTime(it.answered_at()) + options_.reopen_window) {
                 return WithReason(absl::FailedPreconditionError("Đã quá 7 ngày kể từ khi trả lời nên không thể mở lại. "
                                                                 "Vui lòng gửi phản ánh mới."),
                                   "REOPEN_WINDOW_PASSED");
               }
               auto catalog = catalog_.Snapshot();
               auto category = catalog->categories.find(it.category_code());
               int days = category != catalog->categories.end() ? category->second.answer_days() : 5;
               SetTimestamp(DueAfter(now, days), it.mutable_due_at());
               it.set_reopen_count(it.reopen_count() + 1);
               it.clear_reopen_until();
               u.set_action("reopen");
               u.set_message(text::ToNfc(req.reason()));
               return absl::OkStatus();
             },
             "", v1::REJECTED, &retried);
}

absl::Status Feedbacks::MayAct(const rpc::Caller& caller, const StoredFeedback& f, Action action) const {
  Audience audience = AudienceOf(caller, f);
  switch (action) {
    case Action::kSupport:
      if (caller.role() != Role::CITIZEN) return absl::PermissionDeniedError("Chỉ người dân mới ủng hộ phản ánh.");
      return f.item().hidden() && audience != Audience::kReporter ? NotFound() : absl::OkStatus();
    case Action::kRate:
    case Action::kReopen:
      if (audience != Audience::kReporter || caller.role() != Role::CITIZEN) {
        return absl::PermissionDeniedError("Chỉ người gửi phản ánh mới thực hiện được thao tác này.");
      }
      return absl::OkStatus();
    case Action::kAssign:
      // An agency's supervisor hands its reports to its own officers (Assign keeps the agency for them).
      if (caller.role() == Role::SUPERVISOR) {
        if (caller.agency().empty() || caller.agency() != f.item().agency_code()) {
          return WithReason(absl::PermissionDeniedError("Phản ánh này không thuộc cơ quan của bạn."), "NOT_YOUR_AGENCY");
        }
        return absl::OkStatus();
      }
      return rpc::RequireRole(caller, {Role::OPERATOR, Role::ADMIN});
    case Action::kReject:
      return rpc::RequireRole(caller, {Role::OPERATOR, Role::ADMIN});
    case Action::kAccept:
    case Action::kRespondPublic:
    case Action::kRespondPrivate:
    case Action::kTransfer:
      if ((caller.role() != Role::OFFICER && caller.role() != Role::SUPERVISOR) || caller.agency().empty() ||
          caller.agency() != f.item().agency_code()) {
        return WithReason(absl::PermissionDeniedError("Phản ánh này không thuộc cơ quan của bạn."), "NOT_YOUR_AGENCY");
      }
      return absl::OkStatus();
    case Action::kModerate:
      return rpc::RequireRole(caller, {Role::ADMIN});
    case Action::kClose:
      return absl::OkStatus();  // the service's own sweeper
  }
  return absl::PermissionDeniedError("Bạn không có quyền thực hiện thao tác này.");
}

absl::StatusOr<v1::Feedback> Feedbacks::Act(const rpc::Caller& caller, const std::string& id, Action action,
                                            Change change, const std::string& event_type, v1::Status reject_as,
                                            const idempotency::RetriedWrite* retried) {
  if (!IsValidCode(id)) return NotFound();
  absl::Time now = clock_->Now();
  StoredFeedback result;
  std::string emitted = event_type;
  absl::Status written = store_.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
    auto loaded = tx.Load(id);
    if (!loaded.ok()) return loaded.status();
    if (!*loaded) return NotFound();
    StoredFeedback& f = **loaded;
    if (auto s = MayAct(caller, f, action); !s.ok()) return s;
    if (retried != nullptr) {
      auto replayed = retried->Replay(tx.Idempotency());
      if (!replayed.ok()) return replayed.status();
      if (*replayed) {  // done before: nothing changes, the answer is the report now
        result = std::move(f);
        return absl::OkStatus();
      }
    }
    if (auto s = CheckAction(f.item().status(), action); !s.ok()) return s;
    v1::Update update;
    SetTimestamp(now, update.mutable_time());
    SetActor(caller, &update);
    update.set_public_(true);
    f.mutable_item()->set_status(After(f.item().status(), action, reject_as));
    if (auto s = change(f, tx, update); !s.ok()) return s;
    if (!update.action().empty()) {
      update.set_status(f.item().status());
      *f.mutable_item()->add_updates() = std::move(update);
    }
    SetTimestamp(now, f.mutable_item()->mutable_updated_at());
    if (auto s = tx.Save(f); !s.ok()) return s;
    if (!emitted.empty()) {
      if (auto s = Emit(tx, f, emitted); !s.ok()) return s;
    }
    result = std::move(f);
    return retried == nullptr ? absl::OkStatus() : retried->Remember(tx.Idempotency(), "", now);
  });
  if (!written.ok()) return written;
  return ViewOf(result, AudienceOf(caller, result), vault_, now);
}

}  // namespace laso::feedback

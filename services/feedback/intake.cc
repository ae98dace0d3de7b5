// Intake: a new report, validated, routed and given its deadlines.
#include "services/feedback/intake.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/phone/phone.h"
#include "common/status/macros.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "services/feedback/deadlines.h"

namespace laso::feedback {
namespace {

using rpc::Role;

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

absl::StatusOr<v1::CreateFeedbackResponse> Intake::Create(const rpc::Caller& caller,
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
  auto catalog = ctx_.catalog.Snapshot();
  auto category = catalog->categories.find(req.category_code());
  if (category == catalog->categories.end() || !category->second.active()) {
    return InvalidField("categoryCode", "Lĩnh vực phản ánh không có hoặc đã ngừng nhận phản ánh.");
  }
  if (category->second.has_closed_until() && ctx_.clock->Now() < ToTime(category->second.closed_until())) {
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
  if (has_point && !ctx_.options.boundary.Contains(at)) {
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
  auto attachments = ctx_.attachments.Resolve(caller, req.attachment_ids(), kMaxAttachments);
  if (!attachments.ok()) return attachments.status();

  // Sealed before the transaction: the writer's time is for the disk.
  auto sealed_phone = ctx_.vault.Seal(phone, "feedback.reporter_phone");
  if (!sealed_phone.ok()) return sealed_phone.status();
  auto sealed_name = name.empty() ? absl::StatusOr<std::string>("") : ctx_.vault.Seal(name, "feedback.reporter_name");
  if (!sealed_name.ok()) return sealed_name.status();
  std::string phone_hash = ctx_.vault.LookupHash(phone);
  idempotency::RetriedWrite retried(caller, idempotency_key, "CreateFeedback", req);

  absl::Time now = ctx_.clock->Now();
  v1::CreateFeedbackResponse response;
  absl::Status written = ctx_.store.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
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
    it.set_priority(req.priority() != v1::PRIORITY_UNSPECIFIED ? req.priority() : DefaultPriority(category->second));
    it.set_dossier_code(req.dossier_code());
    if (ward != nullptr) {
      it.set_ward_code(ward->code());
      it.set_ward_name(ward->name());
    }
    for (auto& a : *attachments) *it.add_attachments() = a;
    it.set_anonymous(req.anonymous());
    it.set_publish_name(req.publish_name() && !req.anonymous());
    *it.mutable_answers() = req.answers();
    SetTimestamp(now, it.mutable_received_at());
    ApplyDeadlines(DeadlinesFor(ctx_.calendar, ctx_.options.due_time_of_day, category->second, it.priority(), now), &it);
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
    if (auto s = acts_.Emit(tx, f, "feedback.received"); !s.ok()) return s;
    // An operator taking a hotline call files it for the caller.
    if (auto s = acts_.Audit(tx, caller, f, "feedback.receive"); !s.ok()) return s;

    std::string agency = *banned ? "" : RouteToAgency(category->second, it.ward_code());
    auto known = catalog->agencies.find(agency);
    if (known != catalog->agencies.end()) {
      RouteByRules(now, known->second, &it);
      if (auto s = acts_.Emit(tx, f, "feedback.assigned"); !s.ok()) return s;
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

}  // namespace laso::feedback

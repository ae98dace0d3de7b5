#include "services/privacy/consent_book.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"

namespace laso::privacy {
namespace {

constexpr int kHistoryShown = 100;

const ConsentRow* RowFor(const std::vector<ConsentRow>& rows, const std::string& purpose) {
  for (const auto& r : rows) {
    if (r.purpose == purpose) return &r;
  }
  return nullptr;
}

}  // namespace

absl::Status RequireResident(const rpc::Caller& caller) {
  if (caller.role() != rpc::Role::CITIZEN || !absl::StartsWith(caller.subject(), "zalo:")) {
    return absl::PermissionDeniedError("Chỉ người dân đăng nhập bằng Zalo mới có dữ liệu cá nhân ở đây.");
  }
  return absl::OkStatus();
}

std::vector<std::string> GrantedOptional(const v1::PrivacyNotice& notice, const std::vector<ConsentRow>& rows) {
  std::vector<std::string> out;
  for (const auto& p : notice.purposes()) {
    const ConsentRow* row = RowFor(rows, p.code());
    if (!p.required() && row != nullptr && row->granted) out.push_back(p.code());
  }
  return out;
}

absl::StatusOr<v1::PrivacyNotice> ConsentBook::Notice(const v1::GetPrivacyNoticeRequest& req) const {
  if (req.version() == 0) return notices_.current();
  if (req.version() < 0) return InvalidField("version", "Số phiên bản phải là số dương.");
  const v1::PrivacyNotice* notice = notices_.Version(req.version());
  if (notice == nullptr) return absl::NotFoundError(absl::StrCat("Không có thông báo phiên bản ", req.version(), "."));
  return *notice;
}

absl::StatusOr<v1::Consents> ConsentBook::View(const std::string& subject, const std::vector<ConsentRow>& rows,
                                               bool with_history) {
  const v1::PrivacyNotice& notice = notices_.current();
  v1::Consents out;
  out.set_notice_version(notice.version());
  for (const auto& p : notice.purposes()) {
    v1::PurposeConsent* c = out.add_purposes();
    c->set_purpose(p.code());
    c->set_required(p.required());
    if (const ConsentRow* row = RowFor(rows, p.code())) {
      c->set_granted(row->granted);
      c->set_notice_version(row->notice_version);
      SetTimestamp(row->changed_at, c->mutable_changed_at());
      if (p.required() && row->granted) out.set_accepted_version(row->notice_version);
    }
  }
  out.set_acceptance_needed(out.accepted_version() != notice.version());
  if (!with_history) return out;
  auto history = store_.History(subject, kHistoryShown);
  if (!history.ok()) return history.status();
  for (const ChangeRow& h : *history) {
    v1::ConsentChange* c = out.add_history();
    c->set_purpose(h.purpose);
    c->set_granted(h.granted);
    c->set_notice_version(h.notice_version);
    SetTimestamp(h.at, c->mutable_at());
    c->set_client(h.client);
  }
  return out;
}

absl::StatusOr<v1::Consents> ConsentBook::Mine(const rpc::Caller& caller, const v1::GetMyConsentsRequest& req) {
  if (auto s = RequireResident(caller); !s.ok()) return s;
  auto rows = store_.Consents(caller.subject());
  if (!rows.ok()) return rows.status();
  return View(caller.subject(), *rows, !req.without_history());
}

absl::StatusOr<std::vector<Choice>> ConsentBook::CheckChoices(const v1::UpdateMyConsentsRequest& req) const {
  const v1::PrivacyNotice& notice = notices_.current();
  if (req.notice_version() != notice.version()) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "Thông báo về dữ liệu cá nhân đã có phiên bản mới (", notice.version(),
                          "). Vui lòng đọc lại và đồng ý với phiên bản mới.")),
                      "NOTICE_CHANGED");
  }
  std::set<std::string> seen;
  std::vector<Choice> out;
  for (int i = 0; i < req.choices_size(); ++i) {
    const auto& c = req.choices(i);
    std::string field = absl::StrCat("choices[", i, "].purpose");
    const v1::Purpose* p = FindPurpose(notice, c.purpose());
    if (p == nullptr) return InvalidField(field, "Thông báo không có mục đích này.");
    if (!seen.insert(c.purpose()).second) return InvalidField(field, "Mỗi mục đích chỉ được chọn một lần.");
    if (p->required() && !c.granted()) {
      return InvalidField(absl::StrCat("choices[", i, "].granted"),
                          "Mục đích này là bắt buộc để dùng ứng dụng. Nếu không đồng ý, bạn có thể yêu cầu xóa "
                          "dữ liệu của mình.");
    }
    out.push_back(Choice{c.purpose(), c.granted()});
  }
  for (const auto& p : notice.purposes()) {
    if (!seen.count(p.code())) {
      return InvalidField("choices", absl::StrCat("Thiếu lựa chọn cho mục đích \"", p.title(), "\" (", p.code(), ")."));
    }
  }
  return out;
}

outbox::Event ConsentBook::ChangedEvent(const std::string& subject, const std::vector<ConsentRow>& after) const {
  nlohmann::json payload = {{"subject", subject},
                            {"noticeVersion", notices_.current().version()},
                            {"granted", GrantedOptional(notices_.current(), after)},
                            {"at", FormatRfc3339(clock_->Now())}};
  return outbox::NewEvent(kConsentChangedEvent, subject, payload.dump(), *clock_);
}

absl::StatusOr<v1::Consents> ConsentBook::Update(const rpc::Caller& caller, const v1::UpdateMyConsentsRequest& req) {
  if (auto s = RequireResident(caller); !s.ok()) return s;
  auto choices = CheckChoices(req);
  if (!choices.ok()) return choices.status();
  const std::string& subject = caller.subject();
  auto after = store_.Record(subject, req.notice_version(), *choices, caller.client(), clock_->Now(),
                             [&](const std::vector<ConsentRow>& rows) {
                               return std::vector<outbox::Event>{ChangedEvent(subject, rows)};
                             });
  if (!after.ok()) return after.status();
  auto out = View(subject, *after);
  if (!out.ok()) return out.status();

  auth::ResidentClaims claims = auth::ResidentClaims::Of(caller);
  claims.consent_version = out->accepted_version();
  claims.consents = GrantedOptional(notices_.current(), *after);
  auto issued = tokens_.IssueSession(claims);
  if (!issued.ok()) return issued.status();
  auth::v1::Session* session = out->mutable_session();
  session->set_session_token(issued->token);
  SetTimestamp(issued->expires_at, session->mutable_expires_at());
  session->mutable_user()->set_id(claims.zalo_id);
  session->mutable_user()->set_name(claims.name);
  session->mutable_user()->set_phone(claims.phone);
  return out;
}

}  // namespace laso::privacy

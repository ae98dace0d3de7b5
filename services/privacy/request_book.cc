#include "services/privacy/request_book.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/audit/audit.h"
#include "common/auth/revocations.h"
#include "common/crypto/random.h"
#include "common/log/log.h"
#include "common/metrics/retention.h"
#include "common/outbox/outbox.h"
#include "common/phone/phone.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"

namespace laso::privacy {
namespace {

using nlohmann::json;
using personal::Kind;

constexpr char kAnswerContext[] = "privacy.answer";
// A pending export is answered again rather than started twice; after this, a
// new one may start (a service was down).
constexpr absl::Duration kExportPatience = absl::Minutes(10);
constexpr int kAccessLogPage = 500;
constexpr int kSignInsShown = 1000;

v1::DataExport ExportView(const RequestRow& row, absl::Time now) {
  v1::DataExport out;
  out.set_id(row.id);
  bool expired = row.expires_at && *row.expires_at <= now;
  out.set_status(expired ? "EXPIRED" : row.done ? "READY" : "PENDING");
  SetTimestamp(row.requested_at, out.mutable_requested_at());
  if (row.done_at) SetTimestamp(*row.done_at, out.mutable_ready_at());
  if (row.expires_at) SetTimestamp(*row.expires_at, out.mutable_expires_at());
  if (row.done && !expired) out.set_download_path("/v1/me/data-export:download");
  return out;
}

v1::Erasure ErasureView(const RequestRow& row) {
  v1::Erasure out;
  out.set_id(row.id);
  out.set_status(row.done ? "DONE" : "PENDING");
  SetTimestamp(row.requested_at, out.mutable_requested_at());
  if (row.done_at) SetTimestamp(*row.done_at, out.mutable_done_at());
  return out;
}

absl::Status NoExport() { return absl::NotFoundError("Bạn chưa yêu cầu bản sao dữ liệu, hoặc bản sao đã hết hạn."); }

}  // namespace

absl::StatusOr<std::vector<AnswerRow>> RequestBook::Answers(const RequestRow& row,
                                                            std::vector<v1::ServiceAnswer>* into, bool with_summaries) {
  auto answers = AnswersOf(db_, row.id);
  if (!answers.ok()) return answers.status();
  for (const std::string& service : personal::Holders()) {
    v1::ServiceAnswer& a = into->emplace_back();
    a.set_service(service);
    for (const AnswerRow& answer : *answers) {
      if (answer.service != service) continue;
      a.set_done(true);
      SetTimestamp(answer.at, a.mutable_at());
      if (with_summaries) {
        auto body = vault_.Unseal(answer.body_sealed, kAnswerContext);
        if (body.ok()) a.set_summary(*body);
      }
    }
  }
  return answers;
}

absl::StatusOr<std::optional<RequestRow>> RequestBook::LatestExport(const rpc::Caller& caller) {
  if (auto s = RequireResident(caller); !s.ok()) return s;
  return LatestRequest(db_, audit_.PersonKey(caller.subject()), Kind::kExport);
}

absl::StatusOr<v1::Consents> RequestBook::BeginSession(const rpc::Caller& caller, const v1::BeginSessionRequest& req) {
  if (auto s = RequireResident(caller); !s.ok()) return s;
  const std::string how = req.how() == "zalo_phone" ? "zalo_phone" : "zalo";
  if (auto s = RecordSignIn(db_, audit_.PersonKey(caller.subject()),
                            {0, clock_->Now(), how, caller.client(), caller.client_ip()});
      !s.ok()) {
    return s;
  }
  v1::GetMyConsentsRequest standing;
  standing.set_without_history(true);
  return consents_.Mine(caller, standing);
}

absl::StatusOr<v1::DataExport> RequestBook::StartExport(const rpc::Caller& caller) {
  auto latest = LatestExport(caller);
  if (!latest.ok()) return latest.status();
  const absl::Time now = clock_->Now();
  if (*latest && !(*latest)->done && now - (*latest)->requested_at < kExportPatience) return Export(caller);
  RequestRow row;
  row.id = crypto::NewUlid(now);
  row.kind = Kind::kExport;
  row.person_key = audit_.PersonKey(caller.subject());
  row.requested_at = now;
  row.requested_by = caller.subject();
  personal::Request request{row.id, Kind::kExport, {caller.subject(), caller.phone()}};
  auto s = db_.Write([&](sql::Session& session) -> absl::Status {
    if (auto inserted = InsertRequest(session, row); !inserted.ok()) return inserted;
    return outbox::Append(session, personal::RequestEvent(request, events_vault_, *clock_));
  });
  if (!s.ok()) return s;
  v1::DataExport out = ExportView(row, now);
  std::vector<v1::ServiceAnswer> services;
  for (const std::string& service : personal::Holders()) services.emplace_back().set_service(service);
  for (auto& a : services) *out.add_services() = std::move(a);
  return out;
}

absl::StatusOr<v1::DataExport> RequestBook::Export(const rpc::Caller& caller) {
  auto latest = LatestExport(caller);
  if (!latest.ok()) return latest.status();
  if (!*latest) return NoExport();
  v1::DataExport out = ExportView(**latest, clock_->Now());
  std::vector<v1::ServiceAnswer> services;
  if (auto answers = Answers(**latest, &services, false); !answers.ok()) return answers.status();
  for (auto& a : services) *out.add_services() = std::move(a);
  return out;
}

absl::StatusOr<laso::api::HttpBody> RequestBook::Download(const rpc::Caller& caller) {
  auto latest = LatestExport(caller);
  if (!latest.ok()) return latest.status();
  const absl::Time now = clock_->Now();
  if (!*latest || ((*latest)->expires_at && *(*latest)->expires_at <= now)) return NoExport();
  const RequestRow& row = **latest;
  if (!row.done) {
    return WithReason(absl::FailedPreconditionError("Bản sao dữ liệu đang được chuẩn bị, vui lòng thử lại sau ít giây."),
                      "EXPORT_NOT_READY");
  }
  auto answers = AnswersOf(db_, row.id);
  if (!answers.ok()) return answers.status();
  json services = json::object();
  for (const AnswerRow& a : *answers) {
    auto body = vault_.Unseal(a.body_sealed, kAnswerContext);
    if (!body.ok()) return body.status();
    services[a.service] = json::parse(*body, nullptr, false);
  }
  auto consents = consents_.Mine(caller);
  if (!consents.ok()) return consents.status();
  json access_log = json::array();
  v1::ListMyAccessLogRequest page;
  page.set_page_size(kAccessLogPage);
  while (true) {
    auto entries = audit_.Mine(caller, page);
    if (!entries.ok()) return entries.status();
    for (const auto& e : entries->entries()) access_log.push_back(personal::JsonOf(e));
    if (entries->next_page_token().empty()) break;
    page.set_page_token(entries->next_page_token());
  }
  auto sign_ins = SignInsOf(db_, row.person_key, kSignInsShown);
  if (!sign_ins.ok()) return sign_ins.status();
  json signed_in = json::array();
  for (const SignInRow& r : *sign_ins) {
    signed_in.push_back({{"at", FormatRfc3339(r.at)}, {"how", r.how}, {"client", r.client}, {"ip", r.ip}});
  }
  json doc = {{"title", "Bản sao dữ liệu cá nhân của bạn trên laso"},
              {"generatedAt", FormatRfc3339(now)},
              {"requestedAt", FormatRfc3339(row.requested_at)},
              {"account", {{"subject", caller.subject()}, {"name", caller.name()}, {"phone", caller.phone()}}},
              {"consents", personal::JsonOf(*consents)},
              {"accessLog", access_log},
              {"signIns", signed_in},
              {"services", services}};
  laso::api::HttpBody out;
  out.set_content_type("application/json; charset=utf-8");
  out.set_data(doc.dump(2));
  return out;
}

absl::StatusOr<v1::Erasure> RequestBook::Erase(const personal::Person& person, const rpc::Caller& by,
                                               const std::string& reason) {
  const absl::Time now = clock_->Now();
  RequestRow row;
  row.id = crypto::NewUlid(now);
  row.kind = Kind::kErase;
  row.person_key = audit_.PersonKey(person.subject);
  row.session_key = auth::ErasedKey(person.subject);
  row.requested_at = now;
  row.requested_by = by.subject() == person.subject ? "resident" : by.subject();
  auto s = db_.Write([&](sql::Session& session) -> absl::Status {
    if (auto inserted = InsertRequest(session, row); !inserted.ok()) return inserted;
    if (auto forgotten = ForgetPerson(session, person.subject, row.person_key); !forgotten.ok()) {
      return forgotten.status();
    }
    if (auto forgotten = ForgetSignIns(session, row.person_key); !forgotten.ok()) return forgotten.status();
    // The consent changes this service announced name them; the request itself carries them sealed.
    if (auto scrubbed = outbox::ScrubSubject(session, person.subject); !scrubbed.ok()) return scrubbed.status();
    if (auto a = outbox::Append(session, personal::RequestEvent({row.id, Kind::kErase, person}, events_vault_, *clock_));
        !a.ok()) {
      return a;
    }
    if (!audit::IsAudited(by)) return absl::OkStatus();
    // This service keeps the log: the entry goes in directly, naming the person by key alone.
    outbox::Event event = audit::EventOf("privacy", by,
                                         {"privacy.erase", absl::StrCat("erasure/", row.id), {}, person.subject, reason},
                                         *clock_);
    return audit_.Take(session, {outbox::StreamEvent{"", event.id, event.type, event.subject, "", "privacy",
                                                     event.payload}})
        .status();
  });
  if (!s.ok()) return s;
  log::Info("erasure requested", {{"erasure", row.id}, {"by", row.requested_by}});
  if (sessions_ != nullptr) {
    // At once; the periodic republish covers a Redis that is away now.
    if (auto p = sessions_->Publish({{row.session_key, now}}); !p.ok()) {
      log::Warn("erased sessions not published yet", {{"error", std::string(p.message())}});
    }
  }
  v1::Erasure out = ErasureView(row);
  for (const std::string& service : personal::Holders()) out.add_services()->set_service(service);
  return out;
}

absl::StatusOr<v1::Erasure> RequestBook::EraseMe(const rpc::Caller& caller, const v1::EraseMeRequest& req) {
  if (auto s = RequireResident(caller); !s.ok()) return s;
  if (!req.confirm()) {
    return InvalidField("confirm", "Việc xóa dữ liệu không thể hoàn tác: gửi confirm=true để xác nhận.");
  }
  return Erase({caller.subject(), caller.phone()}, caller, "");
}

absl::StatusOr<v1::Erasure> RequestBook::EraseResident(const rpc::Caller& caller, const v1::EraseResidentRequest& req) {
  if (auto s = rpc::RequireRole(caller, {rpc::Role::ADMIN}); !s.ok()) return s;
  std::string subject = absl::StartsWith(req.subject(), "zalo:") ? req.subject() : absl::StrCat("zalo:", req.subject());
  std::string id = subject.substr(5);
  bool digits = !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return InvalidField("subject", "Mã Zalo của người dân gồm các chữ số (\"zalo:<id>\" hoặc chỉ <id>).");
  std::string phone;
  if (!req.phone().empty()) {
    auto normalized = phone::Normalize(req.phone());
    if (!normalized.ok()) return InvalidField("phone", "Số điện thoại không hợp lệ.");
    phone = *normalized;
  }
  if (auto s = text::ValidateText("reason", req.reason(), 5, 500); !s.ok()) return s;
  return Erase({subject, phone}, caller, req.reason());
}

absl::StatusOr<v1::Erasure> RequestBook::GetErasure(const rpc::Caller& caller, const v1::GetErasureRequest& req) {
  if (auto s = rpc::RequireRole(caller, {rpc::Role::ADMIN, rpc::Role::DPO}); !s.ok()) return s;
  auto row = LoadRequest(db_, req.id());
  if (!row.ok()) return row.status();
  if (!*row || (*row)->kind != Kind::kErase) return absl::NotFoundError("Không có yêu cầu xóa dữ liệu này.");
  v1::Erasure out = ErasureView(**row);
  std::vector<v1::ServiceAnswer> services;
  if (auto answers = Answers(**row, &services, true); !answers.ok()) return answers.status();
  for (auto& a : services) *out.add_services() = std::move(a);
  return out;
}

absl::StatusOr<int> RequestBook::Take(sql::Session& session, const std::vector<outbox::StreamEvent>& events) const {
  int completed = 0;
  for (const outbox::StreamEvent& event : events) {
    if (event.type != personal::kAnsweredEvent) continue;
    auto answer = personal::ParseAnswer(event.payload, events_vault_);
    if (!answer.ok()) {
      log::Error("a privacy answer does not parse; it is left out",
                 {{"event", event.id}, {"source", event.source}, {"error", std::string(answer.status().message())}});
      continue;
    }
    auto sealed = vault_.Seal(answer->body.dump(), kAnswerContext);
    if (!sealed.ok()) return sealed.status();
    auto done = RecordAnswer(session, answer->request_id, {answer->service, clock_->Now(), *sealed}, clock_->Now(),
                             options_.keep_exports);
    if (!done.ok()) return done.status();
    if (*done) {
      ++completed;
      log::Info(answer->kind == Kind::kErase ? "erasure done in every service" : "export ready",
                {{"request", answer->request_id}});
    }
  }
  return completed;
}

absl::StatusOr<int64_t> RequestBook::Sweep() {
  const absl::Time now = clock_->Now();
  auto exports = DeleteExpiredExports(db_, now);
  if (!exports.ok()) return exports.status();
  metrics::CountErased("privacy.exports", *exports);
  auto sign_ins = PruneSignIns(db_, now - options_.keep_sign_ins);
  if (!sign_ins.ok()) return sign_ins.status();
  metrics::CountErased("privacy.sign_ins", *sign_ins);
  if (sessions_ != nullptr) {
    auto keys = ForgetSessionKeys(db_, now - sessions_->token_life() - absl::Minutes(2));
    if (!keys.ok()) return keys.status();
    metrics::CountErased("privacy.session_keys", *keys);
  }
  return *exports;
}

absl::Status RequestBook::RepublishErasedSessions() {
  if (sessions_ == nullptr) return absl::OkStatus();
  auto keys = ErasedSessionKeys(db_, clock_->Now() - sessions_->token_life());
  if (!keys.ok()) return keys.status();
  return sessions_->Publish(*keys);
}

}  // namespace laso::privacy

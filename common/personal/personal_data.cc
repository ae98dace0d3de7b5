#include "common/personal/personal_data.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace laso::personal {
namespace {

using nlohmann::json;

constexpr char kPhoneContext[] = "privacy.phone";
constexpr char kSubjectContext[] = "privacy.subject";
constexpr char kBodyContext[] = "privacy.answer";

absl::StatusOr<Kind> KindOf(const json& doc) {
  std::string kind = doc.value("kind", "");
  if (kind == "export") return Kind::kExport;
  if (kind == "erase") return Kind::kErase;
  return absl::InvalidArgumentError(absl::StrCat("privacy event: unknown kind \"", kind, "\""));
}

std::string Sealed(const crypto::PiiVault& vault, const std::string& plain, const char* context) {
  if (plain.empty()) return "";
  auto sealed = vault.Seal(plain, context);
  return sealed.ok() ? absl::Base64Escape(*sealed) : "";
}

absl::StatusOr<std::string> Unsealed(const crypto::PiiVault& vault, const std::string& text, const char* context) {
  if (text.empty()) return std::string();
  std::string raw;
  if (!absl::Base64Unescape(text, &raw)) return absl::InvalidArgumentError("privacy event: a sealed value is not base64");
  return vault.Unseal(raw, context);
}

}  // namespace

std::string KindName(Kind kind) { return kind == Kind::kExport ? "export" : "erase"; }

outbox::Event RequestEvent(const Request& request, const crypto::PiiVault& events_vault, const Clock& clock) {
  // The person travels sealed: the event stays in outboxes and the stream for a while.
  json payload = {{"id", request.id},
                  {"kind", KindName(request.kind)},
                  {"subjectSealed", Sealed(events_vault, request.person.subject, kSubjectContext)},
                  {"phoneSealed", Sealed(events_vault, request.person.phone, kPhoneContext)}};
  return outbox::NewEvent(kRequestedEvent, absl::StrCat("privacy-request/", request.id), payload.dump(), clock);
}

absl::StatusOr<Request> ParseRequest(absl::string_view payload, const crypto::PiiVault& events_vault) {
  json doc = json::parse(payload, nullptr, false);
  if (!doc.is_object()) return absl::InvalidArgumentError("privacy request: not a JSON object");
  Request out;
  out.id = doc.value("id", "");
  auto subject = Unsealed(events_vault, doc.value("subjectSealed", ""), kSubjectContext);
  if (!subject.ok()) return subject.status();
  out.person.subject = *subject;
  if (out.id.empty() || out.person.subject.empty()) return absl::InvalidArgumentError("privacy request: no id or subject");
  auto kind = KindOf(doc);
  if (!kind.ok()) return kind.status();
  out.kind = *kind;
  auto phone = Unsealed(events_vault, doc.value("phoneSealed", ""), kPhoneContext);
  if (!phone.ok()) return phone.status();
  out.person.phone = *phone;
  return out;
}

outbox::Event AnswerEvent(const Answer& answer, const crypto::PiiVault& events_vault, const Clock& clock) {
  json payload = {{"requestId", answer.request_id},
                  {"kind", KindName(answer.kind)},
                  {"service", answer.service},
                  {"bodySealed", Sealed(events_vault, answer.body.dump(), kBodyContext)}};
  return outbox::NewEvent(kAnsweredEvent, absl::StrCat("privacy-request/", answer.request_id), payload.dump(), clock);
}

absl::StatusOr<Answer> ParseAnswer(absl::string_view payload, const crypto::PiiVault& events_vault) {
  json doc = json::parse(payload, nullptr, false);
  if (!doc.is_object()) return absl::InvalidArgumentError("privacy answer: not a JSON object");
  Answer out;
  out.request_id = doc.value("requestId", "");
  out.service = doc.value("service", "");
  if (out.request_id.empty() || out.service.empty()) return absl::InvalidArgumentError("privacy answer: no request or service");
  auto kind = KindOf(doc);
  if (!kind.ok()) return kind.status();
  out.kind = *kind;
  auto body = Unsealed(events_vault, doc.value("bodySealed", ""), kBodyContext);
  if (!body.ok()) return body.status();
  out.body = json::parse(*body, nullptr, false);
  if (out.body.is_discarded()) return absl::InvalidArgumentError("privacy answer: the body is not JSON");
  return out;
}

nlohmann::json JsonOf(const google::protobuf::Message& message) {
  std::string text;
  (void)google::protobuf::util::MessageToJsonString(message, &text);
  return nlohmann::json::parse(text, nullptr, false);
}

rpc::Caller AsResident(const Person& person) {
  rpc::Caller caller;
  caller.set_role(rpc::Role::CITIZEN);
  caller.set_subject(person.subject);
  caller.set_phone(person.phone);
  return caller;
}

}  // namespace laso::personal

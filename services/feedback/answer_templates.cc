#include "services/feedback/answer_templates.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/rpc/caller.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "services/feedback/catalog_admin.h"

namespace laso::feedback {
namespace {

constexpr const char* kPlaceholders[] = {"{id}",      "{category}", "{agency}",        "{agency_phone}",
                                         "{ward}",    "{address}",  "{received_date}", "{due_date}"};

std::string VietnamDate(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%d/%m/%Y", ToTime(t), VietnamTime());
}

bool Fits(const v1::AnswerTemplate& t, const std::string& category) {
  return category.empty() || t.category_code().empty() || t.category_code() == category;
}

}  // namespace

absl::Status ValidateAnswerTemplate(const v1::AnswerTemplate& t, const CatalogData& known) {
  if (!IsValidCode(t.code())) return InvalidField("template.code", "Mã mẫu trả lời chỉ gồm chữ, số, '-', '_' và '.'.");
  if (!t.category_code().empty() && !known.categories.count(t.category_code())) {
    return InvalidField("template.categoryCode", absl::StrCat("Không có lĩnh vực ", t.category_code(), "."));
  }
  if (auto s = text::ValidateText("template.title", t.title(), 1, 200); !s.ok()) return s;
  if (auto s = text::ValidateText("template.body", t.body(), 5, 4000); !s.ok()) return s;
  // Every {…} must be one we fill in: a typo would reach the resident as it is.
  const std::string& body = t.body();
  for (size_t open = body.find('{'); open != std::string::npos; open = body.find('{', open + 1)) {
    size_t close = body.find('}', open);
    std::string name = close == std::string::npos ? body.substr(open) : body.substr(open, close - open + 1);
    bool known_name = false;
    for (const char* p : kPlaceholders) known_name = known_name || name == p;
    if (!known_name) {
      return InvalidField("template.body",
                          absl::StrCat("Không có trường ", name, ". Dùng {id}, {category}, {agency}, {agency_phone}, "
                                       "{ward}, {address}, {received_date} hoặc {due_date}."));
    }
  }
  return absl::OkStatus();
}

std::string FillAnswerTemplate(const std::string& body, const v1::Feedback& report, const CatalogData& catalog) {
  auto agency = catalog.agencies.find(report.agency_code());
  std::string agency_phone = agency == catalog.agencies.end() ? "" : agency->second.phone();
  return absl::StrReplaceAll(body, {{"{id}", report.id()},
                                    {"{category}", report.category_name()},
                                    {"{agency}", report.agency_name()},
                                    {"{agency_phone}", agency_phone.empty() ? "1022" : agency_phone},
                                    {"{ward}", report.ward_name()},
                                    {"{address}", report.address()},
                                    {"{received_date}", VietnamDate(report.received_at())},
                                    {"{due_date}", VietnamDate(report.due_at())}});
}

absl::StatusOr<v1::ListAnswerTemplatesResponse> AnswerTemplates::List(const rpc::Caller& caller,
                                                                      const v1::ListAnswerTemplatesRequest& req) const {
  using rpc::Role;
  if (auto s = rpc::RequireRole(caller, {Role::OPERATOR, Role::OFFICER, Role::SUPERVISOR, Role::ADMIN}); !s.ok()) return s;
  v1::ListAnswerTemplatesResponse out;
  auto catalog = ctx_.catalog.Snapshot();  // held: a range-for over a temporary's member would dangle
  for (const auto& [code, t] : catalog->answer_templates) {
    if ((t.active() || req.include_inactive()) && Fits(t, req.category())) *out.add_templates() = t;
  }
  return out;
}

absl::StatusOr<v1::AnswerTemplate> AnswerTemplates::Put(const rpc::Caller& caller,
                                                        const v1::PutAnswerTemplateRequest& req) {
  v1::ImportCatalogRequest one;
  *one.add_answer_templates() = req.template_();
  auto done = catalog_admin_.ImportCatalog(caller, one);
  if (!done.ok()) return done.status();
  return ctx_.catalog.Snapshot()->answer_templates.at(req.template_().code());
}

absl::StatusOr<v1::ListAnswerTemplatesResponse> AnswerTemplates::Drafts(
    const rpc::Caller& caller, const v1::DraftFeedbackAnswersRequest& req) const {
  if (!IsValidCode(req.id())) return ReportNotFound();
  auto stored = ctx_.store.Load(req.id());
  if (!stored.ok()) return stored.status();
  if (!*stored) return ReportNotFound();
  if (acts_.AudienceOf(caller, **stored) != Audience::kStaff) {
    return WithReason(absl::PermissionDeniedError("Phản ánh này không thuộc cơ quan của bạn."), "NOT_YOUR_AGENCY");
  }
  auto catalog = ctx_.catalog.Snapshot();
  const v1::Feedback& report = (*stored)->item();
  v1::ListAnswerTemplatesResponse out;
  for (const auto& [code, t] : catalog->answer_templates) {
    if (!t.active() || !Fits(t, report.category_code())) continue;
    v1::AnswerTemplate* draft = out.add_templates();
    *draft = t;
    draft->set_body(FillAnswerTemplate(t.body(), report, *catalog));
  }
  // The category's own first, then the general ones.
  std::stable_sort(out.mutable_templates()->begin(), out.mutable_templates()->end(),
                   [](const v1::AnswerTemplate& a, const v1::AnswerTemplate& b) {
                     return !a.category_code().empty() && b.category_code().empty();
                   });
  return out;
}

}  // namespace laso::feedback

#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "services/feedback/catalog.h"
#include "services/feedback/report_acts.h"

// Prepared answers: Vietnamese texts per category, edited by admins, offered
// to operators and officers with the report's details filled in.
namespace laso::feedback {

// Code, title and body present, the category known, only known placeholders.
absl::Status ValidateAnswerTemplate(const v1::AnswerTemplate& answer_template, const CatalogData& known);

// The body with {id}, {category}, {agency}, {agency_phone}, {ward}, {address},
// {received_date} and {due_date} (dd/mm/yyyy, Vietnam) filled in for the report.
std::string FillAnswerTemplate(const std::string& body, const v1::Feedback& report, const CatalogData& catalog);

class CatalogAdmin;

class AnswerTemplates {
 public:
  AnswerTemplates(const FeedbackContext& ctx, const ReportActs& acts, CatalogAdmin& catalog_admin)
      : ctx_(ctx), acts_(acts), catalog_admin_(catalog_admin) {}

  // Staff: the templates for a category and those for every category.
  absl::StatusOr<v1::ListAnswerTemplatesResponse> List(const rpc::Caller& caller,
                                                       const v1::ListAnswerTemplatesRequest& request) const;
  // Admins: creates or replaces one.
  absl::StatusOr<v1::AnswerTemplate> Put(const rpc::Caller& caller, const v1::PutAnswerTemplateRequest& request);
  // Those that fit the report, filled in for it; for staff who may see the report in full.
  absl::StatusOr<v1::ListAnswerTemplatesResponse> Drafts(const rpc::Caller& caller,
                                                         const v1::DraftFeedbackAnswersRequest& request) const;

 private:
  const FeedbackContext& ctx_;
  const ReportActs& acts_;
  CatalogAdmin& catalog_admin_;
};

}  // namespace laso::feedback

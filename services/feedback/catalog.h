#pragma once

#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "common/geo/geo.h"
#include "laso/feedback/v1/feedback.pb.h"

// The feedback catalogue: agencies, wards and categories with their routing
// rules and extra questions. All of it is data an administrator edits; the
// service keeps a snapshot in memory and swaps it whole on every change.
namespace laso::feedback {

struct CatalogData {
  std::map<std::string, v1::Agency> agencies;
  std::map<std::string, v1::Ward> wards;
  std::map<std::string, v1::Category> categories;
  std::map<std::string, v1::AnswerTemplate> answer_templates;
};

class Catalog {
 public:
  std::shared_ptr<const CatalogData> Snapshot() const {
    absl::MutexLock lock(&mu_);
    return data_;
  }
  void Replace(CatalogData data) {
    auto next = std::make_shared<const CatalogData>(std::move(data));
    absl::MutexLock lock(&mu_);
    data_ = std::move(next);
  }

 private:
  mutable absl::Mutex mu_;
  std::shared_ptr<const CatalogData> data_ = std::make_shared<const CatalogData>();
};

// Codes are short ASCII: letters, digits, '-', '_' and '.'.
bool IsValidCode(absl::string_view code);

absl::Status ValidateAgency(const v1::Agency& agency);
absl::Status ValidateWard(const v1::Ward& ward);
// Routing rules must name known agencies and wards.
absl::Status ValidateCategory(const v1::Category& category, const CatalogData& known);

// The agency for a report of this category in this ward: the ward's rule,
// else the category's default (empty ward), else "" (the operators decide).
std::string RouteToAgency(const v1::Category& category, const std::string& ward_code);

// The ward whose centre is nearest, or null when there are no wards.
const v1::Ward* NearestWard(const CatalogData& catalog, geo::LatLng point);

// Answers to the category's questions: every required one present, values of
// the question's datatype (lists: keys among its values), no unknown questions.
absl::Status ValidateAnswers(const v1::Category& category,
                             const google::protobuf::RepeatedPtrField<v1::Answer>& answers);

}  // namespace laso::feedback

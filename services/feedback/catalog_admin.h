#pragma once

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "services/feedback/feedback_context.h"

namespace laso::feedback {

// The catalogue as data: residents read what may be reported and who handles
// it; admins change agencies, wards, categories (with their routing, notices
// and deadlines) and answer templates, one at a time or in one import.
class CatalogAdmin {
 public:
  explicit CatalogAdmin(const FeedbackContext& ctx) : ctx_(ctx) {}

  // Reads the catalogue from the store into the in-memory snapshot.
  absl::Status LoadCatalog();
  absl::StatusOr<v1::ListCategoriesResponse> ListCategories(const v1::ListCategoriesRequest& request) const;
  absl::StatusOr<v1::Category> GetCategory(const v1::GetCategoryRequest& request) const;
  absl::StatusOr<v1::Category> PutCategory(const rpc::Caller& caller, const v1::PutCategoryRequest& request);
  // Everything in one transaction, validated against the catalogue as it will be.
  absl::StatusOr<v1::ImportCatalogResponse> ImportCatalog(const rpc::Caller& caller,
                                                          const v1::ImportCatalogRequest& request);
  absl::StatusOr<v1::ListAgenciesResponse> ListAgencies() const;

 private:
  const FeedbackContext& ctx_;
};

}  // namespace laso::feedback

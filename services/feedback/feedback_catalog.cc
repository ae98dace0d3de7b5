// Feedbacks: the catalogue of agencies, wards and categories.
#include "absl/strings/str_cat.h"
#include "common/rpc/caller.h"
#include "common/status/status.h"
#include "services/feedback/feedbacks.h"

namespace laso::feedback {

absl::Status Feedbacks::LoadCatalog() {
  auto data = store_.LoadCatalog();
  if (!data.ok()) return data.status();
  catalog_.Replace(std::move(*data));
  return absl::OkStatus();
}

absl::StatusOr<v1::ListCategoriesResponse> Feedbacks::ListCategories(const v1::ListCategoriesRequest& req) const {
  v1::ListCategoriesResponse out;
  for (const auto& [code, c] : catalog_.Snapshot()->categories) {
    if (c.active() || req.include_inactive()) *out.add_categories() = c;
  }
  return out;
}

absl::StatusOr<v1::Category> Feedbacks::GetCategory(const v1::GetCategoryRequest& req) const {
  auto catalog = catalog_.Snapshot();
  auto it = catalog->categories.find(req.code());
  if (it == catalog->categories.end()) return absl::NotFoundError("Không có lĩnh vực phản ánh này.");
  return it->second;
}

absl::StatusOr<v1::ListAgenciesResponse> Feedbacks::ListAgencies() const {
  auto catalog = catalog_.Snapshot();
  v1::ListAgenciesResponse out;
  for (const auto& [code, a] : catalog->agencies) *out.add_agencies() = a;
  for (const auto& [code, w] : catalog->wards) *out.add_wards() = w;
  return out;
}

absl::StatusOr<v1::Category> Feedbacks::PutCategory(const rpc::Caller& caller, const v1::PutCategoryRequest& req) {
  v1::ImportCatalogRequest one;
  *one.add_categories() = req.category();
  auto done = ImportCatalog(caller, one);
  if (!done.ok()) return done.status();
  return catalog_.Snapshot()->categories.at(req.category().code());
}

absl::StatusOr<v1::ImportCatalogResponse> Feedbacks::ImportCatalog(const rpc::Caller& caller,
                                                                   const v1::ImportCatalogRequest& req) {
  if (auto s = rpc::RequireRole(caller, {rpc::Role::ADMIN}); !s.ok()) return s;
  // Validate against the catalogue as it will be, so one import can bring an
  // agency and the categories routed to it.
  CatalogData next = *catalog_.Snapshot();
  for (const auto& a : req.agencies()) {
    if (auto s = ValidateAgency(a); !s.ok()) return s;
    next.agencies[a.code()] = a;
  }
  for (const auto& w : req.wards()) {
    if (auto s = ValidateWard(w); !s.ok()) return s;
    next.wards[w.code()] = w;
  }
  for (const auto& c : req.categories()) {
    if (auto s = ValidateCategory(c, next); !s.ok()) {
      return AddFieldViolation(s, "categories", absl::StrCat("Lĩnh vực ", c.code(), ": ", s.message()));
    }
    next.categories[c.code()] = c;
  }
  auto written = store_.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
    for (const auto& a : req.agencies()) {
      if (auto s = tx.PutAgency(a); !s.ok()) return s;
    }
    for (const auto& w : req.wards()) {
      if (auto s = tx.PutWard(w); !s.ok()) return s;
    }
    for (const auto& c : req.categories()) {
      if (auto s = tx.PutCategory(c); !s.ok()) return s;
    }
    return absl::OkStatus();
  });
  if (!written.ok()) return written;
  catalog_.Replace(std::move(next));
  v1::ImportCatalogResponse out;
  out.set_agencies(req.agencies_size());
  out.set_wards(req.wards_size());
  out.set_categories(req.categories_size());
  return out;
}

}  // namespace laso::feedback

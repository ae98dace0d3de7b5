// CatalogAdmin: the catalogue of agencies, wards, categories and answer templates.
#include "services/feedback/catalog_admin.h"

#include "absl/strings/str_cat.h"
#include "common/rpc/caller.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"
#include "services/feedback/answer_templates.h"
#include "common/audit/audit.h"

namespace laso::feedback {

absl::Status CatalogAdmin::LoadCatalog() {
  auto data = ctx_.store.LoadCatalog();
  if (!data.ok()) return data.status();
  ctx_.catalog.Replace(std::move(*data));
  return absl::OkStatus();
}

absl::StatusOr<v1::ListCategoriesResponse> CatalogAdmin::ListCategories(const v1::ListCategoriesRequest& req) const {
  v1::ListCategoriesResponse out;
  auto catalog = ctx_.catalog.Snapshot();  // held: a range-for over a temporary's member would dangle
  for (const auto& [code, c] : catalog->categories) {
    if (c.active() || req.include_inactive()) *out.add_categories() = c;
  }
  return out;
}

absl::StatusOr<v1::Category> CatalogAdmin::GetCategory(const v1::GetCategoryRequest& req) const {
  auto catalog = ctx_.catalog.Snapshot();
  auto it = catalog->categories.find(req.code());
  if (it == catalog->categories.end()) return absl::NotFoundError("Không có lĩnh vực phản ánh này.");
  return it->second;
}

absl::StatusOr<v1::ListAgenciesResponse> CatalogAdmin::ListAgencies() const {
  auto catalog = ctx_.catalog.Snapshot();
  v1::ListAgenciesResponse out;
  for (const auto& [code, a] : catalog->agencies) *out.add_agencies() = a;
  for (const auto& [code, w] : catalog->wards) *out.add_wards() = w;
  return out;
}

absl::StatusOr<v1::Category> CatalogAdmin::PutCategory(const rpc::Caller& caller, const v1::PutCategoryRequest& req) {
  v1::ImportCatalogRequest one;
  *one.add_categories() = req.category();
  auto done = ImportCatalog(caller, one);
  if (!done.ok()) return done.status();
  return ctx_.catalog.Snapshot()->categories.at(req.category().code());
}

absl::StatusOr<v1::ImportCatalogResponse> CatalogAdmin::ImportCatalog(const rpc::Caller& caller,
                                                                   const v1::ImportCatalogRequest& req) {
  if (auto s = rpc::RequireRole(caller, {rpc::Role::ADMIN}); !s.ok()) return s;
  // Validate against the catalogue as it will be, so one import can bring an
  // agency and the categories routed to it.
  CatalogData next = *ctx_.catalog.Snapshot();
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
  std::vector<v1::AnswerTemplate> templates(req.answer_templates().begin(), req.answer_templates().end());
  for (auto& t : templates) {
    if (auto s = ValidateAnswerTemplate(t, next); !s.ok()) return s;
    SetTimestamp(ctx_.clock->Now(), t.mutable_updated_at());
    t.set_updated_by(caller.subject());
    t.set_title(text::ToNfc(t.title()));
    t.set_body(text::ToNfc(t.body()));
    next.answer_templates[t.code()] = t;
  }
  auto written = ctx_.store.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
    for (const auto& a : req.agencies()) {
      if (auto s = tx.PutAgency(a); !s.ok()) return s;
    }
    for (const auto& w : req.wards()) {
      if (auto s = tx.PutWard(w); !s.ok()) return s;
    }
    for (const auto& c : req.categories()) {
      if (auto s = tx.PutCategory(c); !s.ok()) return s;
    }
    for (const auto& t : templates) {
      if (auto s = tx.PutAnswerTemplate(t); !s.ok()) return s;
    }
    auto act = audit::ActOf("feedback", caller, "feedback.change_catalog", "catalog/feedback",
                            absl::StrCat(req.agencies_size(), " agencies, ", req.wards_size(), " wards, ",
                                         req.categories_size(), " categories, ", templates.size(), " answer templates"),
                            *ctx_.clock);
    return act ? tx.Emit(*act) : absl::OkStatus();
  });
  if (!written.ok()) return written;
  ctx_.catalog.Replace(std::move(next));
  v1::ImportCatalogResponse out;
  out.set_agencies(req.agencies_size());
  out.set_wards(req.wards_size());
  out.set_categories(req.categories_size());
  out.set_answer_templates(req.answer_templates_size());
  return out;
}

}  // namespace laso::feedback

#include "services/gateway/path_template.h"

#include <gtest/gtest.h>

namespace laso::gateway {
namespace {

std::vector<std::pair<std::string, std::string>> Bind(const std::string& tmpl, const std::string& path) {
  auto t = PathTemplate::Parse(tmpl);
  EXPECT_TRUE(t.ok()) << t.status();
  auto b = t->Match(path);
  std::vector<std::pair<std::string, std::string>> out;
  if (!b) return {{"NO MATCH", ""}};
  for (auto& x : *b) out.emplace_back(x.field_path, x.value);
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(PathTemplateTest, SimpleVariables) {
  EXPECT_EQ(Bind("/v1/dossiers/{code}", "/v1/dossiers/H15.50.05.13-261008-0975"),
            (Pairs{{"code", "H15.50.05.13-261008-0975"}}));
  EXPECT_EQ(Bind("/v1/shelves/{shelf}/books/{book.id}", "/v1/shelves/s1/books/b2"),
            (Pairs{{"shelf", "s1"}, {"book.id", "b2"}}));
  EXPECT_EQ(Bind("/v1/me/feedback", "/v1/me/feedback"), Pairs{});
}

TEST(PathTemplateTest, VariablesAreDecoded) {
  EXPECT_EQ(Bind("/v1/x/{name}", "/v1/x/T%C3%A2n%20An"), (Pairs{{"name", "Tân An"}}));
  EXPECT_EQ(Bind("/v1/x/{name}", "/v1/x/zalo:123"), (Pairs{{"name", "zalo:123"}}));
}

TEST(PathTemplateTest, MultiSegmentVariables) {
  EXPECT_EQ(Bind("/v1/{name=shelves/*/books/*}", "/v1/shelves/a/books/b"), (Pairs{{"name", "shelves/a/books/b"}}));
  EXPECT_EQ(Bind("/v1/{name=shelves/*/books/*}", "/v1/shelves/a/books"), (Pairs{{"NO MATCH", ""}}));
  EXPECT_EQ(Bind("/v1/books/{name=**}", "/v1/books/a/b/c"), (Pairs{{"name", "a/b/c"}}));
  EXPECT_EQ(Bind("/v1/files/**", "/v1/files/a/b"), Pairs{});
}

TEST(PathTemplateTest, CustomVerbs) {
  EXPECT_EQ(Bind("/v1/feedback/{id}:respond", "/v1/feedback/1022-2026-000123:respond"),
            (Pairs{{"id", "1022-2026-000123"}}));
  EXPECT_EQ(Bind("/v1/feedback/{id}:respond", "/v1/feedback/1022-2026-000123:reject"), (Pairs{{"NO MATCH", ""}}));
  EXPECT_EQ(Bind("/v1/feedback/{id}:respond", "/v1/feedback/1022-2026-000123"), (Pairs{{"NO MATCH", ""}}));
  EXPECT_EQ(Bind("/v1/feedback:nearby", "/v1/feedback:nearby"), Pairs{});
  EXPECT_EQ(Bind("/v1/dossiers:sync", "/v1/dossiers"), (Pairs{{"NO MATCH", ""}}));
}

TEST(PathTemplateTest, RejectsWhatDoesNotMatch) {
  EXPECT_EQ(Bind("/v1/dossiers/{code}", "/v1/dossiers/"), (Pairs{{"NO MATCH", ""}}));
  EXPECT_EQ(Bind("/v1/dossiers/{code}", "/v1/dossiers/a/b"), (Pairs{{"NO MATCH", ""}}));
  EXPECT_EQ(Bind("/v1/dossiers/{code}", "/v2/dossiers/a"), (Pairs{{"NO MATCH", ""}}));
  EXPECT_EQ(Bind("/v1/dossiers/{code}", "/v1/dossiers/bad%zz"), (Pairs{{"NO MATCH", ""}}));
  EXPECT_EQ(Bind("/v1/dossiers/{code}", "v1/dossiers/a"), (Pairs{{"NO MATCH", ""}}));
}

TEST(PathTemplateTest, RefusesBadTemplates) {
  for (const char* bad : {"v1/x", "/v1/{", "/v1/{a}}", "/v1/{a.}", "/v1/**/x", "/v1/{a={b}}", "/v1/x:", "/v1/a b/{1x}"}) {
    EXPECT_FALSE(PathTemplate::Parse(bad).ok()) << bad;
  }
}

TEST(PathTemplateTest, SpecificityPrefersLiteralsAndVerbs) {
  EXPECT_GT(PathTemplate::Parse("/v1/me/feedback")->Specificity(), PathTemplate::Parse("/v1/{a}/feedback")->Specificity());
  EXPECT_GT(PathTemplate::Parse("/v1/x/{id}:go")->Specificity(), PathTemplate::Parse("/v1/x/{id}")->Specificity());
}

}  // namespace
}  // namespace laso::gateway

#include "services/gateway/static_site.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/testing/temp_dir.h"

namespace laso::gateway {
namespace {

namespace bhttp = boost::beast::http;

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Write("index.html", "<!doctype html><title>Bàn 1022</title><script type=module src=/console/assets/app-1a2b.js></script>");
    Write("assets/app-1a2b.js", "console.log('laso')");
    Write("assets/app-1a2b.css", "body{}");
    Write("data/wards.geojson", R"({"type":"FeatureCollection","features":[]})");
    auto site = StaticSite::Load("/console/", dir_.path() + "/console");
    ASSERT_TRUE(site.ok()) << site.status();
    site_ = *std::move(site);
  }
  void Write(const std::string& relative, const std::string& body) {
    std::filesystem::path path = dir_.path() + "/console/" + relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << body;
  }
  http::Response Get(const std::string& path, const std::string& etag = "") {
    http::Request req{bhttp::verb::get, path, 11};
    if (!etag.empty()) req.set(bhttp::field::if_none_match, etag);
    return site_->Answer(req, path);
  }

  testing::TempDir dir_;
  std::unique_ptr<StaticSite> site_;
};

TEST_F(StaticSiteTest, ServesThePageAndItsAssetsWithAStrictPolicy) {
  auto page = Get("/console/");
  EXPECT_EQ(page.result(), bhttp::status::ok);
  EXPECT_EQ(page[bhttp::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(page.body().find("Bàn 1022"), std::string::npos);
  EXPECT_EQ(page[bhttp::field::cache_control], "no-cache");  // revalidated: a new build shows at once
  std::string csp(page["Content-Security-Policy"]);
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(page["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(page["X-Frame-Options"], "DENY");

  auto js = Get("/console/assets/app-1a2b.js");
  EXPECT_EQ(js.result(), bhttp::status::ok);
  EXPECT_EQ(js[bhttp::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(js[bhttp::field::cache_control], "public, max-age=31536000, immutable");
  EXPECT_EQ(Get("/console/data/wards.geojson")[bhttp::field::content_type], "application/geo+json");
  EXPECT_EQ(Get("/console/assets/app-1a2b.css")[bhttp::field::content_type], "text/css; charset=utf-8");
}

TEST_F(StaticSiteTest, TheClientsOwnRoutesAreItsPageAndMissingFilesAreNotFound) {
  EXPECT_NE(Get("/console/reports/1022-2026-000001").body().find("Bàn 1022"), std::string::npos);
  EXPECT_EQ(Get("/console/assets/gone-9z9z.js").result(), bhttp::status::not_found);
  auto bare = Get("/console");
  EXPECT_EQ(bare.result(), bhttp::status::moved_permanently);
  EXPECT_EQ(bare[bhttp::field::location], "/console/");
  EXPECT_TRUE(site_->Serves("/console"));
  EXPECT_TRUE(site_->Serves("/console/x"));
  EXPECT_FALSE(site_->Serves("/consoles"));
  EXPECT_FALSE(site_->Serves("/v1/feedback"));
}

TEST_F(StaticSiteTest, NoPathReachesOutsideTheBuiltDirectory) {
  Write("../secret.txt", "keys");
  for (const char* path : {"/console/../secret.txt", "/console/%2e%2e/secret.txt", "/console/assets/../../secret.txt",
                           "/console//etc/passwd.txt", "/console/assets/..%2f..%2fsecret.txt"}) {
    auto res = Get(path);
    EXPECT_EQ(res.body().find("keys"), std::string::npos) << path;
  }
}

TEST_F(StaticSiteTest, ARevalidationOfAnUnchangedFileIsNotModifiedAndOtherMethodsAreRefused) {
  auto first = Get("/console/");
  std::string etag(first[bhttp::field::etag]);
  ASSERT_FALSE(etag.empty());
  auto again = Get("/console/", etag);
  EXPECT_EQ(again.result(), bhttp::status::not_modified);
  EXPECT_TRUE(again.body().empty());
  http::Request post{bhttp::verb::post, "/console/", 11};
  auto refused = site_->Answer(post, "/console/");
  EXPECT_EQ(refused.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(refused[bhttp::field::allow], "GET");
}

TEST_F(StaticSiteTest, ADirectoryWithoutAPageIsNotASite) {
  EXPECT_EQ(StaticSite::Load("/console/", dir_.path() + "/nowhere").status().code(), absl::StatusCode::kNotFound);
  std::filesystem::create_directories(dir_.path() + "/empty");
  EXPECT_EQ(StaticSite::Load("/console/", dir_.path() + "/empty").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace laso::gateway

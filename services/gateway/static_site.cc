#include "services/gateway/static_site.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"

namespace laso::gateway {
namespace {

namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;

constexpr size_t kMaxFileBytes = 20 << 20;

struct TypeOf {
  const char* extension;
  const char* type;
};
constexpr TypeOf kTypes[] = {
    {".html", "text/html; charset=utf-8"},      {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},              {".geojson", "application/geo+json"},
    {".svg", "image/svg+xml"},                  {".png", "image/png"},
    {".jpg", "image/jpeg"},                     {".webp", "image/webp"},
    {".ico", "image/x-icon"},                   {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},      {".map", "application/json"},
};

void SetSecurityHeaders(http::Response* res) {
  res->set("Content-Security-Policy", StaticSite::kContentSecurityPolicy);
  res->set("X-Content-Type-Options", "nosniff");
  res->set("X-Frame-Options", "DENY");
  res->set("Referrer-Policy", "no-referrer");
  res->set("Cross-Origin-Opener-Policy", "same-origin");
  res->set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

http::Response Plain(bhttp::status status, std::string text) {
  http::Response res{status, 11};
  res.set(bhttp::field::content_type, "text/plain; charset=utf-8");
  res.body() = std::move(text);
  SetSecurityHeaders(&res);
  return res;
}

}  // namespace

std::string ContentTypeOf(absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(name);
  for (const TypeOf& t : kTypes) {
    if (absl::EndsWith(lower, t.extension)) return t.type;
  }
  return "application/octet-stream";
}

absl::StatusOr<std::unique_ptr<StaticSite>> StaticSite::Load(std::string prefix, const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return absl::NotFoundError(absl::StrCat(dir, " is not a directory"));
  std::map<std::string, File> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    if (it->file_size(ec) > kMaxFileBytes) {
      return absl::InvalidArgumentError(absl::StrCat(it->path().string(), " is larger than a web client's file may be"));
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::string relative = fs::relative(it->path(), dir, ec).generic_string();
    File f;
    f.body = bytes.str();
    f.content_type = ContentTypeOf(relative);
    f.etag = absl::StrCat("\"", crypto::Hex(crypto::Sha256(f.body)).substr(0, 32), "\"");
    f.immutable = absl::StartsWith(relative, "assets/");
    files[relative] = std::move(f);
  }
  if (ec) return absl::UnavailableError(absl::StrCat("reading ", dir, ": ", ec.message()));
  if (!files.count("index.html")) return absl::NotFoundError(absl::StrCat(dir, " has no index.html"));
  return std::unique_ptr<StaticSite>(new StaticSite(std::move(prefix), std::move(files)));
}

bool StaticSite::Serves(absl::string_view path) const {
  return absl::StartsWith(path, prefix_) || path == absl::string_view(prefix_).substr(0, prefix_.size() - 1);
}

const StaticSite::File* StaticSite::Find(absl::string_view relative) const {
  if (relative.empty()) relative = "index.html";
  if (auto it = files_.find(std::string(relative)); it != files_.end()) return &it->second;
  // The client's own routes (/console/reports/1022-2026-000001) are its page; a missing asset is not.
  absl::string_view last = relative.substr(relative.rfind('/') + 1);
  if (last.find('.') == absl::string_view::npos) return &files_.at("index.html");
  return nullptr;
}

http::Response StaticSite::Answer(const http::Request& request, absl::string_view path) const {
  if (request.method() != bhttp::verb::get) {
    http::Response res = Plain(bhttp::status::method_not_allowed, "Chỉ nhận GET.");
    res.set(bhttp::field::allow, "GET");
    return res;
  }
  if (!absl::StartsWith(path, prefix_)) {  // "/console": the page is at "/console/"
    http::Response res = Plain(bhttp::status::moved_permanently, "");
    res.set(bhttp::field::location, prefix_);
    return res;
  }
  const File* file = Find(path.substr(prefix_.size()));
  if (file == nullptr) return Plain(bhttp::status::not_found, "Không có tệp này.");
  http::Response res{bhttp::status::ok, 11};
  SetSecurityHeaders(&res);
  res.set(bhttp::field::content_type, file->content_type);
  res.set(bhttp::field::etag, file->etag);
  res.set(bhttp::field::cache_control, file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (request[bhttp::field::if_none_match] == file->etag) {
    res.result(bhttp::status::not_modified);
    return res;
  }
  res.body() = file->body;
  return res;
}

}  // namespace laso::gateway

#pragma once

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/http/server.h"

namespace laso::gateway {

// A built web client (the console) served by the gateway under one prefix,
// e.g. /console/: the directory is read into memory once at start (a build
// replaces it; restart to serve the new one), so a request never touches the
// disk and no path can reach outside it. Every answer carries a strict
// Content-Security-Policy (only this origin's scripts, styles, images and API;
// no inline script, no frames) and the headers that go with it. Hashed assets
// (assets/*) are cached for a year; index.html is revalidated (ETag), and a
// path without a file extension is the client's own route (index.html).
class StaticSite {
 public:
  // The files under `dir`; NOT_FOUND naming it when it is not a directory.
  static absl::StatusOr<std::unique_ptr<StaticSite>> Load(std::string prefix, const std::string& dir);

  const std::string& prefix() const { return prefix_; }
  // Whether `path` is this site's (the prefix, with or without its slash).
  bool Serves(absl::string_view path) const;
  // The answer to a GET of `path` (other methods: 405).
  http::Response Answer(const http::Request& request, absl::string_view path) const;

  static constexpr char kContentSecurityPolicy[] =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self';"
      " font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

 private:
  struct File {
    std::string body, content_type, etag;
    bool immutable = false;
  };
  StaticSite(std::string prefix, std::map<std::string, File> files) : prefix_(std::move(prefix)), files_(std::move(files)) {}
  const File* Find(absl::string_view relative) const;

  std::string prefix_;  // "/console/"
  std::map<std::string, File> files_;  // by path relative to the directory: "index.html", "assets/app-1a2b.js"
};

// The Content-Type of a file by its extension ("application/octet-stream" when unknown).
std::string ContentTypeOf(absl::string_view name);

}  // namespace laso::gateway

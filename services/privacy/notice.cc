#include "services/privacy/notice.h"

#include <filesystem>
#include <regex>
#include <set>

#include <toml++/toml.h>

#include "absl/strings/str_cat.h"
#include "common/text/utf8.h"

namespace laso::privacy {
namespace {

absl::Status FileError(const std::string& path, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("privacy notice ", path, ": ", what));
}

// A text field that must be present, valid UTF-8 and not blank.
absl::Status Text(const std::string& path, const toml::node_view<const toml::node>& table, const char* key,
                  std::string* out) {
  auto value = table[key].value<std::string>();
  if (!value || value->find_first_not_of(" \t\r\n") == std::string::npos) {
    return FileError(path, absl::StrCat("missing text '", key, "'"));
  }
  if (!text::IsValidUtf8(*value)) return FileError(path, absl::StrCat("'", key, "' is not UTF-8"));
  *out = std::move(*value);
  return absl::OkStatus();
}

bool IsPurposeCode(const std::string& code) {
  static const std::regex kCode("[a-z][a-z0-9_]{1,39}");
  return std::regex_match(code, kCode);
}

}  // namespace

absl::StatusOr<v1::PrivacyNotice> Notices::LoadFile(const std::string& path) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return FileError(path, absl::StrCat(std::string(e.description()), " at line ", e.source().begin.line));
  }
  toml::node_view<const toml::node> root(&doc);
  v1::PrivacyNotice notice;
  auto version = root["version"].value<int64_t>();
  if (!version || *version < 1 || *version > 100000) return FileError(path, "'version' must be a whole number from 1");
  notice.set_version(static_cast<int32_t>(*version));
  auto published = root["published_on"].value<toml::date>();
  if (!published) return FileError(path, "missing date 'published_on'");
  char day[16];
  snprintf(day, sizeof(day), "%04d-%02d-%02d", published->year, published->month, published->day);
  notice.set_published_on(day);
  for (auto [key, field] : {std::pair{"title", notice.mutable_title()}, std::pair{"controller", notice.mutable_controller()},
                            std::pair{"contact", notice.mutable_contact()}, std::pair{"text", notice.mutable_text()}}) {
    if (auto s = Text(path, root, key, field); !s.ok()) return s;
  }
  const toml::array* purposes = root["purposes"].as_array();
  if (purposes == nullptr || purposes->empty()) return FileError(path, "no [[purposes]]");
  std::set<std::string> codes;
  int required = 0;
  for (const auto& item : *purposes) {
    const toml::table* t = item.as_table();
    if (t == nullptr) return FileError(path, "[[purposes]] entries must be tables");
    toml::node_view<const toml::node> entry(t);
    v1::Purpose* p = notice.add_purposes();
    p->set_code(entry["code"].value_or(std::string()));
    if (!IsPurposeCode(p->code())) {
      return FileError(path, absl::StrCat("purpose code '", p->code(), "' must be lower_snake_case"));
    }
    if (!codes.insert(p->code()).second) return FileError(path, absl::StrCat("purpose '", p->code(), "' twice"));
    p->set_required(entry["required"].value_or(false));
    required += p->required() ? 1 : 0;
    for (auto [key, field] : {std::pair{"title", p->mutable_title()}, std::pair{"description", p->mutable_description()},
                              std::pair{"retention", p->mutable_retention()}}) {
      if (auto s = Text(path, entry, key, field); !s.ok()) return s;
    }
    if (const toml::array* data = entry["data"].as_array()) {
      for (const auto& d : *data) {
        auto kind = d.value<std::string>();
        if (!kind || !text::IsValidUtf8(*kind)) return FileError(path, "'data' must list texts");
        p->add_data(*kind);
      }
    }
  }
  if (required != 1) return FileError(path, "exactly one purpose must be required (delivering the services)");
  return notice;
}

absl::StatusOr<Notices> Notices::LoadDir(const std::string& dir) {
  static const std::regex kName("notice-v([0-9]+)\\.toml");
  Notices out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    std::smatch m;
    if (!std::regex_match(name, m, kName)) continue;
    auto notice = LoadFile(entry.path().string());
    if (!notice.ok()) return notice.status();
    if (std::to_string(notice->version()) != m[1].str()) {
      return FileError(entry.path().string(), "'version' differs from the file name");
    }
    out.by_version_[notice->version()] = std::move(*notice);
  }
  if (ec) return absl::FailedPreconditionError(absl::StrCat("privacy.notice_dir ", dir, ": ", ec.message()));
  if (out.by_version_.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("privacy.notice_dir ", dir, " holds no notice-v<N>.toml"));
  }
  return out;
}

const v1::PrivacyNotice* Notices::Version(int version) const {
  auto it = by_version_.find(version);
  return it == by_version_.end() ? nullptr : &it->second;
}

const v1::Purpose* FindPurpose(const v1::PrivacyNotice& notice, const std::string& code) {
  for (const auto& p : notice.purposes()) {
    if (p.code() == code) return &p;
  }
  return nullptr;
}

}  // namespace laso::privacy

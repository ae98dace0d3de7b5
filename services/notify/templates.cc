#include "services/notify/templates.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/config/value_parsing.h"
#include "common/json/fields.h"
#include "common/status/data_file.h"
#include "common/time/rfc3339.h"

namespace laso::notify {
namespace {

using nlohmann::json;

const char* const kFilters[] = {"", "datetime", "date", "time", "vnd"};

bool KnownFilter(const std::string& f) {
  for (const char* k : kFilters) {
    if (f == k) return true;
  }
  return false;
}

// The payload value at a dotted path, as text; "" when absent.
std::string Lookup(const json& payload, const std::string& path) {
  const json* at = &payload;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (!at->is_object()) return "";
    auto it = at->find(std::string(part));
    if (it == at->end()) return "";
    at = &*it;
  }
  if (at->is_string()) return at->get<std::string>();
  if (at->is_null()) return "";
  return at->dump();
}

// 1234567 -> "1.234.567 đ", as Vietnamese write money.
std::string Vnd(const std::string& digits) {
  int64_t v = 0;
  if (!absl::SimpleAtoi(digits, &v)) return digits;
  std::string plain = absl::StrCat(v < 0 ? -v : v), out;
  for (size_t i = 0; i < plain.size(); ++i) {
    if (i > 0 && (plain.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(plain[i]);
  }
  return absl::StrCat(v < 0 ? "-" : "", out, " đ");
}

std::string ApplyFilter(const std::string& value, const std::string& filter) {
  if (filter.empty() || value.empty()) return value;
  if (filter == "vnd") return Vnd(value);
  if (filter == "date") {
    if (auto day = ParseIsoDate(value.substr(0, 10)); day.ok()) {
      return absl::StrFormat("%02d/%02d/%04d", day->day(), day->month(), day->year());
    }
    return value;
  }
  auto t = ParseRfc3339(value);
  if (!t.ok()) return value;
  if (filter == "time") return absl::FormatTime("%H:%M", *t, VietnamTime());
  return absl::FormatTime("%H:%M %d/%m/%Y", *t, VietnamTime());  // datetime
}

// Calls `each(field, filter)` per placeholder and `text(literal)` between them.
template <typename OnText, typename OnField>
absl::Status Scan(const std::string& s, OnText text, OnField each) {
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find('{', i);
    if (open == std::string::npos) {
      text(absl::string_view(s).substr(i));
      break;
    }
    text(absl::string_view(s).substr(i, open - i));
    size_t close = s.find('}', open);
    if (close == std::string::npos) return absl::InvalidArgumentError(absl::StrCat("unclosed { in \"", s, "\""));
    std::string inner = s.substr(open + 1, close - open - 1);
    std::string field = inner, filter;
    if (size_t bar = inner.find('|'); bar != std::string::npos) {
      field = inner.substr(0, bar);
      filter = inner.substr(bar + 1);
    }
    if (field.empty()) return absl::InvalidArgumentError(absl::StrCat("empty placeholder in \"", s, "\""));
    if (auto st = each(field, filter); !st.ok()) return st;
    i = close + 1;
  }
  return absl::OkStatus();
}

absl::Status CheckText(const std::string& s) {
  return Scan(
      s, [](absl::string_view) {},
      [&s](const std::string&, const std::string& filter) {
        if (KnownFilter(filter)) return absl::OkStatus();
        return absl::InvalidArgumentError(absl::StrCat("unknown filter |", filter, " in \"", s, "\""));
      });
}

}  // namespace

std::string RenderText(const std::string& text, const json& payload) {
  std::string out;
  (void)Scan(
      text, [&out](absl::string_view literal) { absl::StrAppend(&out, literal); },
      [&](const std::string& field, const std::string& filter) {
        out += ApplyFilter(Lookup(payload, field), filter);
        return absl::OkStatus();
      });
  // A missing optional field must not leave a dangling space at the end.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

absl::StatusOr<Templates> Templates::Load(const std::string& path) {
  return LoadDataFile<Templates>(path, "notification templates", &Templates::Parse);
}

absl::StatusOr<Templates> Templates::Parse(const std::string& json_text) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("kinds") || !doc["kinds"].is_object() ||
      !doc.contains("events") || !doc["events"].is_object()) {
    return absl::InvalidArgumentError("templates need {\"kinds\": {...}, \"events\": {...}}");
  }
  Templates out;
  for (const auto& [code, k] : doc["kinds"].items()) {
    if (!k.is_object() || !k.contains("label")) return absl::InvalidArgumentError(absl::StrCat("kind ", code, ": needs a label"));
    out.kinds_.push_back(
        Kind{code, JsonText(k, "label"), JsonFlag(k, "urgent", false), JsonFlag(k, "zaloByDefault", false)});
  }
  for (const auto& [type, e] : doc["events"].items()) {
    auto where = [&type](absl::string_view what) { return absl::InvalidArgumentError(absl::StrCat(type, ": ", what)); };
    if (!e.is_object()) return where("must be an object");
    EventTemplate t;
    t.type = type;
    t.kind = JsonText(e, "kind");
    if (out.FindKind(t.kind) == nullptr) return where(absl::StrCat("unknown kind \"", t.kind, "\""));
    t.title = JsonText(e, "title");
    t.body = JsonText(e, "body");
    t.link = JsonText(e, "link");
    if (t.title.empty() || t.body.empty()) return where("needs a title and a body");
    for (const std::string* text : {&t.title, &t.body, &t.link}) {
      if (auto s = CheckText(*text); !s.ok()) return where(s.message());
    }
    if (e.contains("zns")) {
      const json& z = e["zns"];
      if (!z.is_object() || !z.contains("templateId") || !z["templateId"].is_string() || !z.contains("data") ||
          !z["data"].is_object()) {
        return where("zns needs a templateId (text) and data (an object)");
      }
      t.zns_template_id = z["templateId"].get<std::string>();
      for (const auto& [param, value] : z["data"].items()) {
        if (!value.is_string()) return where(absl::StrCat("zns.data.", param, " must be text"));
        if (auto s = CheckText(value.get<std::string>()); !s.ok()) return where(s.message());
        t.zns_data.emplace_back(param, value.get<std::string>());
      }
      for (auto [key, out_duration] : {std::pair{"expiresAfter", &t.zns_expires_after},
                                       std::pair{"staleAfter", &t.zns_stale_after}}) {
        if (!z.contains(key)) continue;
        absl::Duration d;
        if (!z[key].is_string() || !config::ParseDurationWithDays(z[key].get<std::string>(), &d)) {
          return where(absl::StrCat("zns.", key, " must be a duration such as \"15m\""));
        }
        *out_duration = d;
      }
    }
    out.events_[type] = std::move(t);
  }
  return out;
}

const EventTemplate* Templates::Find(const std::string& type) const {
  auto it = events_.find(type);
  return it == events_.end() ? nullptr : &it->second;
}

const Kind* Templates::FindKind(const std::string& code) const {
  for (const Kind& k : kinds_) {
    if (k.code == code) return &k;
  }
  return nullptr;
}

Rendered Templates::Render(const EventTemplate& t, const json& payload) {
  Rendered r{RenderText(t.title, payload), RenderText(t.body, payload), RenderText(t.link, payload)};
  for (const auto& [param, text] : t.zns_data) r.zns_data[param] = RenderText(text, payload);
  return r;
}

}  // namespace laso::notify

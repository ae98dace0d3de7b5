#include "services/gateway/open311.h"

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/time/proto_time.h"
#include "common/text/text.h"
#include "common/text/utf8.h"
#include "common/time/rfc3339.h"
#include "laso/feedback/v1/feedback.pb.h"

namespace laso::gateway::open311 {
namespace {

namespace fb = laso::feedback::v1;
using nlohmann::ordered_json;

constexpr char kService[] = "/laso.feedback.v1.FeedbackService/";

const std::map<std::string, std::string>& Singulars() {
  static const auto* m = new std::map<std::string, std::string>{
      {"services", "service"},   {"service_requests", "request"}, {"attributes", "attribute"},
      {"values", "value"},       {"endpoints", "endpoint"},       {"formats", "format"},
      {"errors", "error"},       {"keywords", "keyword"}};
  return *m;
}

std::string XmlEscape(absl::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

void XmlValue(const std::string& name, const ordered_json& v, std::string* out) {
  if (v.is_array()) {
    auto it = Singulars().find(name);
    std::string item = it == Singulars().end() ? "item" : it->second;
    absl::StrAppend(out, "<", name, ">");
    for (const auto& e : v) XmlValue(item, e, out);
    absl::StrAppend(out, "</", name, ">");
  } else if (v.is_object()) {
    absl::StrAppend(out, "<", name, ">");
    for (auto it = v.begin(); it != v.end(); ++it) XmlValue(it.key(), it.value(), out);
    absl::StrAppend(out, "</", name, ">");
  } else if (v.is_null()) {
    absl::StrAppend(out, "<", name, "/>");
  } else {
    std::string text = v.is_string() ? text::ScrubUtf8(v.get<std::string>()) : v.dump();
    absl::StrAppend(out, "<", name, ">", XmlEscape(text), "</", name, ">");
  }
}

Rendered Render(Format format, const std::string& xml_root, const ordered_json& doc) {
  if (format == Format::kXml) return {"text/xml; charset=utf-8", ToXml(xml_root, doc)};
  // A string that is not UTF-8 (a backend's bug) becomes U+FFFD rather than an exception.
  return {"application/json; charset=utf-8", doc.dump(-1, ' ', false, ordered_json::error_handler_t::replace)};
}

std::string Datatype(fb::Datatype d) {
  switch (d) {
    case fb::NUMBER: return "number";
    case fb::DATETIME: return "datetime";
    case fb::TEXT: return "text";
    case fb::SINGLEVALUELIST: return "singlevaluelist";
    case fb::MULTIVALUELIST: return "multivaluelist";
    default: return "string";
  }
}

ordered_json ServiceOf(const fb::Category& c) {
  return {{"service_code", c.code()},
          {"service_name", c.name_vi()},
          {"description", c.description()},
          {"metadata", c.questions_size() > 0},
          {"type", "realtime"},
          {"keywords", absl::StrJoin(c.keywords(), ",")},
          {"group", c.group()}};
}

std::string Time(const google::protobuf::Timestamp& ts) {
  return ts.seconds() == 0 && ts.nanos() == 0 ? "" : FormatRfc3339(ToTime(ts));
}

bool IsClosed(fb::Status s) {
  return s == fb::ANSWERED || s == fb::CLOSED || s == fb::REJECTED || s == fb::DUPLICATE;
}

ordered_json RequestOf(const fb::Feedback& f, const std::string& origin) {
  std::string notes = absl::StrCat(fb::Status_Name(f.status()), ": ", f.status_label());
  if (!f.answer().empty()) absl::StrAppend(&notes, ". ", f.answer());
  ordered_json media = nullptr;
  for (const auto& a : f.attachments()) {
    if (!a.redacted() && absl::StartsWith(a.content_type(), "image/")) {
      media = origin + a.url();
      break;
    }
  }
  // A report with only a ward or an address has no point: null, as the spec's optional fields are.
  ordered_json lat = nullptr, lng = nullptr;
  if (f.has_location()) {
    lat = f.location().latitude();
    lng = f.location().longitude();
  }
  return {{"service_request_id", f.id()},
          {"status", IsClosed(f.status()) ? "closed" : "open"},
          {"status_notes", notes},
          {"service_name", f.category_name()},
          {"service_code", f.category_code()},
          {"description", f.description()},
          {"agency_responsible", f.agency_name()},
          {"service_notice", ""},
          {"requested_datetime", Time(f.received_at())},
          {"updated_datetime", Time(f.updated_at())},
          {"expected_datetime", Time(f.due_at())},
          {"address", f.address()},
          {"address_id", ""},
          {"zipcode", ""},
          {"lat", lat},
          {"long", lng},
          {"media_url", media}};
}

std::string Get(const http::QueryParams& params, const std::string& key) {
  for (const auto& [k, v] : params) {
    if (k == key) return v;
  }
  return "";
}

Error Bad(int status, std::string description, Format format) { return Error{status, std::move(description), format}; }

absl::Status Fail(Error* error, Error value) {
  *error = std::move(value);
  return absl::InvalidArgumentError(error->description);
}

}  // namespace

std::string ToXml(const std::string& root, const ordered_json& doc) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
  XmlValue(root, doc, &out);
  return out;
}

namespace {

// Every parameter, in the path, the query or a posted form, must be UTF-8 text:
// the feedback service could not even parse a request carrying other bytes.
constexpr char kNotUtf8[] = "Parameters must be UTF-8 text.";

bool AllUtf8(const http::QueryParams& params) {
  for (const auto& [name, value] : params) {
    if (!text::IsValidUtf8(name) || !text::IsValidUtf8(value)) return false;
  }
  return true;
}

absl::StatusOr<Parsed> ParseRequest(absl::string_view method, absl::string_view path, const http::QueryParams& query,
                                    absl::string_view content_type, absl::string_view body, Error* error) {
  absl::string_view rest = path.substr(std::min(path.size(), sizeof(kPrefix) - 1));
  Parsed p;
  if (absl::ConsumeSuffix(&rest, ".xml")) {
    p.format = Format::kXml;
  } else if (!absl::ConsumeSuffix(&rest, ".json")) {
    return Fail(error, Bad(404, "Use a .json or .xml extension, e.g. /open311/v2/services.json", Format::kJson));
  }
  std::vector<std::string> parts = absl::StrSplit(rest, '/');
  bool get = method == "GET";
  bool post = method == "POST";
  if (parts.size() == 1 && parts[0] == "discovery" && get) {
    p.kind = Kind::kDiscovery;
    return p;
  }
  if (parts.size() == 1 && parts[0] == "services" && get) {
    p.kind = Kind::kServices;
    p.grpc_path = absl::StrCat(kService, "ListCategories");
    p.request = std::make_unique<fb::ListCategoriesRequest>();
    return p;
  }
  if (parts.size() == 2 && parts[0] == "services" && get) {
    p.kind = Kind::kServiceDefinition;
    p.grpc_path = absl::StrCat(kService, "GetCategory");
    auto req = std::make_unique<fb::GetCategoryRequest>();
    req->set_code(parts[1]);
    p.request = std::move(req);
    return p;
  }
  if (parts.size() == 2 && (parts[0] == "requests" || parts[0] == "tokens") && get) {
    p.kind = parts[0] == "requests" ? Kind::kGetRequest : Kind::kToken;
    p.grpc_path = absl::StrCat(kService, "GetFeedback");
    auto req = std::make_unique<fb::GetFeedbackRequest>();
    req->set_id(parts[1]);
    p.request = std::move(req);
    return p;
  }
  if (parts.size() == 1 && parts[0] == "requests" && get) {
    p.kind = Kind::kGetRequests;
    p.grpc_path = absl::StrCat(kService, "ListPublicFeedback");
    auto req = std::make_unique<fb::ListPublicFeedbackRequest>();
    for (absl::string_view id : absl::StrSplit(Get(query, "service_request_id"), ',', absl::SkipEmpty())) {
      req->add_ids(std::string(id));
    }
    req->set_category(Get(query, "service_code"));
    req->set_start_date(Get(query, "start_date"));
    req->set_end_date(Get(query, "end_date"));
    std::string status = Get(query, "status");
    if (status == "open" || status == "closed") {
      req->set_state(status);
    } else if (!status.empty() && status != "open,closed" && status != "closed,open") {
      return Fail(error, Bad(400, "status must be open or closed", p.format));
    }
    for (const char* key : {"page", "page_size"}) {
      std::string v = Get(query, key);
      int n = 0;
      if (!v.empty() && (!absl::SimpleAtoi(v, &n) || n < 1 || (std::string(key) == "page_size" && n > 1000))) {
        return Fail(error, Bad(400, absl::StrCat(key, " must be a positive number (page_size at most 1000)"), p.format));
      }
      if (std::string(key) == "page") req->set_page(n);
      if (std::string(key) == "page_size") req->set_page_size(n);
    }
    for (const std::string& t : {req->start_date(), req->end_date()}) {
      if (!t.empty() && !ParseRfc3339(t).ok()) {
        return Fail(error, Bad(400, "start_date and end_date must be W3C (RFC 3339) date-times", p.format));
      }
    }
    p.request = std::move(req);
    return p;
  }
  if (parts.size() == 1 && parts[0] == "requests" && post) {
    p.kind = Kind::kPostRequest;
    p.grpc_path = absl::StrCat(kService, "CreateFeedback");
    if (!body.empty() && !absl::StartsWithIgnoreCase(content_type, "application/x-www-form-urlencoded")) {
      return Fail(error, Bad(400, "POST requests takes application/x-www-form-urlencoded", p.format));
    }
    auto form = http::ParseQuery(body);
    if (!form.ok()) return Fail(error, Bad(400, "the form is not valid urlencoded data", p.format));
    if (!AllUtf8(*form)) return Fail(error, Bad(400, kNotUtf8, p.format));
    p.api_key = Get(*form, "api_key");
    if (p.api_key.empty()) return Fail(error, Bad(403, "api_key was not provided", p.format));
    auto req = std::make_unique<fb::CreateFeedbackRequest>();
    req->set_category_code(Get(*form, "service_code"));
    if (req->category_code().empty()) return Fail(error, Bad(400, "service_code was not provided", p.format));
    // The spec asks for a location: lat and long, or address_string (or address_id, here a ward code).
    double lat = 0, lng = 0;
    std::string lat_text = Get(*form, "lat"), lng_text = Get(*form, "long");
    req->set_address(Get(*form, "address_string"));
    req->set_ward_code(Get(*form, "address_id"));
    if (!lat_text.empty() || !lng_text.empty()) {
      if (!absl::SimpleAtod(lat_text, &lat) || !absl::SimpleAtod(lng_text, &lng)) {
        return Fail(error, Bad(400, "lat and long must both be numbers", p.format));
      }
      req->mutable_location()->set_latitude(lat);
      req->mutable_location()->set_longitude(lng);
    } else if (req->address().empty() && req->ward_code().empty()) {
      return Fail(error, Bad(400, "a location is required: lat and long, address_string or address_id", p.format));
    }
    req->set_description(Get(*form, "description"));
    std::string name = absl::StrJoin({Get(*form, "last_name"), Get(*form, "first_name")}, " ");
    req->mutable_reporter()->set_name(std::string(absl::StripAsciiWhitespace(name)));
    req->mutable_reporter()->set_phone(Get(*form, "phone"));
    // attribute[code]=value, attribute[code][]=value for multivaluelist.
    std::map<std::string, fb::Answer*> answers;
    for (const auto& [k, v] : *form) {
      absl::string_view key = k;
      if (!absl::ConsumePrefix(&key, "attribute[")) continue;
      absl::ConsumeSuffix(&key, "[]");
      if (!absl::ConsumeSuffix(&key, "]") || key.empty()) continue;
      fb::Answer*& a = answers[std::string(key)];
      if (a == nullptr) {
        a = req->add_answers();
        a->set_question(std::string(key));
      }
      a->add_values(v);
    }
    p.request = std::move(req);
    return p;
  }
  return Fail(error, Bad(404, absl::StrCat("No such Open311 resource: ", path), p.format));
}

}  // namespace

absl::StatusOr<Parsed> Parse(absl::string_view method, absl::string_view path, const http::QueryParams& query,
                             absl::string_view content_type, absl::string_view body, Error* error) {
  if (!text::IsValidUtf8(path) || !AllUtf8(query)) {
    Format format = absl::EndsWith(path, ".xml") ? Format::kXml : Format::kJson;
    return Fail(error, Bad(400, kNotUtf8, format));
  }
  return ParseRequest(method, path, query, content_type, body, error);
}

Rendered Discovery(Format format, const std::string& base_url) {
  ordered_json doc = {
      {"changeset", "2026-11-23T00:00:00+07:00"},
      {"contact", "Tổng đài 1022 — phản ánh, kiến nghị"},
      {"key_service", "api_key: an integration token issued with `laso token --role integration`"},
      {"endpoints",
       ordered_json::array({{{"specification", "http://wiki.open311.org/GeoReport_v2"},
                             {"url", base_url},
                             {"changeset", "2026-11-23T00:00:00+07:00"},
                             {"type", "production"},
                             {"formats", ordered_json::array({"application/json", "text/xml"})}}})}};
  return Render(format, "discovery", doc);
}

absl::StatusOr<Rendered> RenderAnswer(const Parsed& p, const std::string& bytes) {
  switch (p.kind) {
    case Kind::kServices: {
      fb::ListCategoriesResponse r;
      if (!r.ParseFromString(bytes)) return absl::InternalError("bad ListCategories answer");
      ordered_json list = ordered_json::array();
      for (const auto& c : r.categories()) list.push_back(ServiceOf(c));
      return Render(p.format, "services", list);
    }
    case Kind::kServiceDefinition: {
      fb::Category c;
      if (!c.ParseFromString(bytes)) return absl::InternalError("bad GetCategory answer");
      ordered_json attributes = ordered_json::array();
      for (const auto& q : c.questions()) {
        ordered_json values = ordered_json::array();
        for (const auto& v : q.values()) values.push_back({{"key", v.key()}, {"name", v.name()}});
        attributes.push_back({{"variable", true},
                              {"code", q.code()},
                              {"datatype", Datatype(q.datatype())},
                              {"required", q.required()},
                              {"datatype_description", ""},
                              {"order", q.order()},
                              {"description", q.description()},
                              {"values", values}});
      }
      return Render(p.format, "service_definition", {{"service_code", c.code()}, {"attributes", attributes}});
    }
    case Kind::kPostRequest: {
      fb::CreateFeedbackResponse r;
      if (!r.ParseFromString(bytes)) return absl::InternalError("bad CreateFeedback answer");
      ordered_json list = ordered_json::array(
          {{{"service_request_id", r.id()}, {"service_notice", "Tổng đài 1022 đã tiếp nhận phản ánh."}, {"account_id", nullptr}}});
      return Render(p.format, "service_requests", list);
    }
    case Kind::kGetRequests: {
      fb::ListFeedbackResponse r;
      if (!r.ParseFromString(bytes)) return absl::InternalError("bad ListPublicFeedback answer");
      ordered_json list = ordered_json::array();
      for (const auto& f : r.items()) list.push_back(RequestOf(f, p.origin));
      return Render(p.format, "service_requests", list);
    }
    case Kind::kGetRequest:
    case Kind::kToken: {
      fb::Feedback f;
      if (!f.ParseFromString(bytes)) return absl::InternalError("bad GetFeedback answer");
      ordered_json list = ordered_json::array();
      if (p.kind == Kind::kToken) {
        list.push_back({{"service_request_id", f.id()}, {"token", f.id()}});
      } else {
        list.push_back(RequestOf(f, p.origin));
      }
      return Render(p.format, "service_requests", list);
    }
    case Kind::kDiscovery:
      break;
  }
  return absl::InternalError("no answer to render");
}

std::string RouteName(Kind kind) {
  switch (kind) {
    case Kind::kDiscovery: return "GET /open311/v2/discovery";
    case Kind::kServices: return "GET /open311/v2/services";
    case Kind::kServiceDefinition: return "GET /open311/v2/services/{code}";
    case Kind::kPostRequest: return "POST /open311/v2/requests";
    case Kind::kGetRequests: return "GET /open311/v2/requests";
    case Kind::kGetRequest: return "GET /open311/v2/requests/{id}";
    case Kind::kToken: return "GET /open311/v2/tokens/{token}";
  }
  return "open311";
}

Rendered RenderError(const Error& e) {
  ordered_json list = ordered_json::array({{{"code", e.http_status}, {"description", e.description}}});
  return Render(e.format, "errors", list);
}

}  // namespace laso::gateway::open311

#include "services/gateway/json_printer.h"

#include <cmath>
#include <cstdlib>
#include <limits>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/log/json_line.h"

namespace laso::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int64_t kMinTimestampSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59Z

// Shortest text that reads back as the same value, as protobuf prints them.
std::string DoubleText(double v) {
  for (int precision = 15; precision <= 17; ++precision) {
    std::string s = absl::StrFormat("%.*g", precision, v);
    if (std::strtod(s.c_str(), nullptr) == v) return s;
  }
  return absl::StrFormat("%.17g", v);
}

std::string FloatText(float v) {
  for (int precision = 6; precision <= 9; ++precision) {
    std::string s = absl::StrFormat("%.*g", precision, v);
    if (std::strtof(s.c_str(), nullptr) == v) return s;
  }
  return absl::StrFormat("%.9g", v);
}

// Nanoseconds as protobuf shows them: 0, 3, 6 or 9 digits.
std::string Fraction(int32_t nanos) {
  if (nanos == 0) return "";
  if (nanos % 1000000 == 0) return absl::StrFormat(".%03d", nanos / 1000000);
  if (nanos % 1000 == 0) return absl::StrFormat(".%06d", nanos / 1000);
  return absl::StrFormat(".%09d", nanos);
}

// "Z", or "+07:00" for 420.
std::string OffsetText(int offset_minutes) {
  if (offset_minutes == 0) return "Z";
  int m = std::abs(offset_minutes);
  return absl::StrFormat("%c%02d:%02d", offset_minutes < 0 ? '-' : '+', m / 60, m % 60);
}

std::string CamelCase(absl::string_view snake) {
  std::string out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
    } else {
      out.push_back(upper ? absl::ascii_toupper(c) : c);
      upper = false;
    }
  }
  return out;
}

class Writer {
 public:
  Writer(std::string* out, int offset_minutes, const std::string& offset_text)
      : out_(out), offset_minutes_(offset_minutes), offset_text_(offset_text) {}

  absl::Status WriteMessage(const Message& m) {
    const Descriptor* d = m.GetDescriptor();
    if (d->file()->name().rfind("google/protobuf/", 0) == 0) {
      const std::string& name = d->full_name();
      if (name == "google.protobuf.Timestamp") return WriteTimestamp(m);
      if (name == "google.protobuf.Duration") return WriteDuration(m);
      if (name == "google.protobuf.FieldMask") return WriteFieldMask(m);
      if (IsWrapper(name)) return WriteValue(m, d->FindFieldByName("value"), -1);
      if (name == "google.protobuf.Struct" || name == "google.protobuf.Value" ||
          name == "google.protobuf.ListValue" || name == "google.protobuf.Any") {
        return Delegate(m);
      }
    }
    const Reflection* r = m.GetReflection();
    out_->push_back('{');
    bool first = true;
    for (int i = 0; i < d->field_count(); ++i) {
      const FieldDescriptor* f = d->field(i);
      bool present = f->is_repeated() || !f->has_presence() || r->HasField(m, f);
      if (!present) continue;
      if (!first) out_->push_back(',');
      first = false;
      log::AppendJsonString(out_, f->json_name());
      out_->push_back(':');
      absl::Status s = f->is_map() ? WriteMap(m, f) : f->is_repeated() ? WriteList(m, f) : WriteValue(m, f, -1);
      if (!s.ok()) return s;
    }
    out_->push_back('}');
    return absl::OkStatus();
  }

 private:
  static bool IsWrapper(const std::string& name) {
    static const char* const kWrappers[] = {"DoubleValue", "FloatValue", "Int64Value", "UInt64Value", "Int32Value",
                                            "UInt32Value", "BoolValue", "StringValue", "BytesValue"};
    for (const char* w : kWrappers) {
      if (name == absl::StrCat("google.protobuf.", w)) return true;
    }
    return false;
  }

  absl::Status WriteList(const Message& m, const FieldDescriptor* f) {
    out_->push_back('[');
    int n = m.GetReflection()->FieldSize(m, f);
    for (int i = 0; i < n; ++i) {
      if (i > 0) out_->push_back(',');
      if (auto s = WriteValue(m, f, i); !s.ok()) return s;
    }
    out_->push_back(']');
    return absl::OkStatus();
  }

  absl::Status WriteMap(const Message& m, const FieldDescriptor* f) {
    const Reflection* r = m.GetReflection();
    const FieldDescriptor* key = f->message_type()->map_key();
    const FieldDescriptor* value = f->message_type()->map_value();
    out_->push_back('{');
    int n = r->FieldSize(m, f);
    for (int i = 0; i < n; ++i) {
      const Message& entry = r->GetRepeatedMessage(m, f, i);
      const Reflection* er = entry.GetReflection();
      std::string k;
      switch (key->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING: k = er->GetString(entry, key); break;
        case FieldDescriptor::CPPTYPE_BOOL: k = er->GetBool(entry, key) ? "true" : "false"; break;
        case FieldDescriptor::CPPTYPE_INT32: k = absl::StrCat(er->GetInt32(entry, key)); break;
        case FieldDescriptor::CPPTYPE_INT64: k = absl::StrCat(er->GetInt64(entry, key)); break;
        case FieldDescriptor::CPPTYPE_UINT32: k = absl::StrCat(er->GetUInt32(entry, key)); break;
        case FieldDescriptor::CPPTYPE_UINT64: k = absl::StrCat(er->GetUInt64(entry, key)); break;
        default: return absl::InternalError("unsupported map key type");
      }
      if (i > 0) out_->push_back(',');
      log::AppendJsonString(out_, k);
      out_->push_back(':');
      if (auto s = WriteValue(entry, value, -1); !s.ok()) return s;
    }
    out_->push_back('}');
    return absl::OkStatus();
  }

  // One value of field f of m: element `index` of a repeated field, or the field itself (-1).
  absl::Status WriteValue(const Message& m, const FieldDescriptor* f, int index) {
    const Reflection* r = m.GetReflection();
    bool rep = index >= 0;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        absl::StrAppend(out_, rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        absl::StrAppend(out_, rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        absl::StrAppend(out_, "\"", rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f), "\"");
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        absl::StrAppend(out_, "\"", rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f), "\"");
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        WriteFloating(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f), false);
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        WriteFloating(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f), true);
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        out_->append((rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? "true" : "false");
        break;
      case FieldDescriptor::CPPTYPE_ENUM: {
        int number = rep ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
        if (f->enum_type()->full_name() == "google.protobuf.NullValue") {
          out_->append("null");
          break;
        }
        const auto* value = f->enum_type()->FindValueByNumber(number);
        if (value != nullptr) log::AppendJsonString(out_, value->name());
        else absl::StrAppend(out_, number);
        break;
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& s = rep ? r->GetRepeatedStringReference(m, f, index, &scratch)
                                   : r->GetStringReference(m, f, &scratch);
        if (f->type() == FieldDescriptor::TYPE_BYTES) {
          out_->push_back('"');
          out_->append(absl::Base64Escape(s));
          out_->push_back('"');
        } else {
          log::AppendJsonString(out_, s);
        }
        break;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return WriteMessage(rep ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f));
    }
    return absl::OkStatus();
  }

  void WriteFloating(double v, bool is_float) {
    if (std::isnan(v)) out_->append("\"NaN\"");
    else if (std::isinf(v)) out_->append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    else out_->append(is_float ? FloatText(static_cast<float>(v)) : DoubleText(v));
  }

  absl::Status WriteTimestamp(const Message& m) {
    const Descriptor* d = m.GetDescriptor();
    const Reflection* r = m.GetReflection();
    int64_t seconds = r->GetInt64(m, d->FindFieldByName("seconds"));
    int32_t nanos = r->GetInt32(m, d->FindFieldByName("nanos"));
    if (seconds < kMinTimestampSeconds || seconds > kMaxTimestampSeconds || nanos < 0 || nanos > 999999999) {
      return absl::InternalError("timestamp out of range");
    }
    // Civil time at a fixed offset is plain arithmetic: no time zone lookup
    // or strftime for the many timestamps of an answer.
    absl::CivilSecond local = absl::CivilSecond(1970, 1, 1) + (seconds + offset_minutes_ * 60);
    char text[24];
    snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", static_cast<int>(local.year()), local.month(),
             local.day(), local.hour(), local.minute(), local.second());
    out_->push_back('"');
    out_->append(text);
    out_->append(Fraction(nanos));
    out_->append(offset_text_);
    out_->push_back('"');
    return absl::OkStatus();
  }

  absl::Status WriteDuration(const Message& m) {
    const Descriptor* d = m.GetDescriptor();
    const Reflection* r = m.GetReflection();
    int64_t seconds = r->GetInt64(m, d->FindFieldByName("seconds"));
    int32_t nanos = r->GetInt32(m, d->FindFieldByName("nanos"));
    if ((seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0) || std::abs(nanos) > 999999999) {
      return absl::InternalError("invalid duration");
    }
    bool negative = seconds < 0 || nanos < 0;
    absl::StrAppend(out_, "\"", negative ? "-" : "", std::abs(seconds), Fraction(std::abs(nanos)), "s\"");
    return absl::OkStatus();
  }

  absl::Status WriteFieldMask(const Message& m) {
    const FieldDescriptor* paths = m.GetDescriptor()->FindFieldByName("paths");
    const Reflection* r = m.GetReflection();
    std::string joined;
    for (int i = 0; i < r->FieldSize(m, paths); ++i) {
      if (i > 0) joined.push_back(',');
      joined += CamelCase(r->GetRepeatedString(m, paths, i));
    }
    log::AppendJsonString(out_, joined);
    return absl::OkStatus();
  }

  absl::Status Delegate(const Message& m) {
    std::string json;
    auto status = google::protobuf::util::MessageToJsonString(m, &json);
    if (!status.ok()) return absl::InternalError(std::string(status.message().data(), status.message().size()));
    out_->append(json);
    return absl::OkStatus();
  }

  std::string* out_;
  int offset_minutes_;
  const std::string& offset_text_;
};

}  // namespace

JsonPrinter::JsonPrinter(int offset_minutes) : offset_minutes_(offset_minutes), offset_text_(OffsetText(offset_minutes)) {}

absl::Status JsonPrinter::Print(const Message& message, std::string* out) const {
  out->clear();
  out->reserve(2048);
  return Writer(out, offset_minutes_, offset_text_).WriteMessage(message);
}

bool ParseUtcOffset(absl::string_view text, int* minutes) {
  if (text == "Z") {
    *minutes = 0;
    return true;
  }
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return false;
  int h, m;
  if (!absl::SimpleAtoi(text.substr(1, 2), &h) || !absl::SimpleAtoi(text.substr(4, 2), &m) || h > 14 || m > 59) {
    return false;
  }
  *minutes = (text[0] == '-' ? -1 : 1) * (h * 60 + m);
  return true;
}

}  // namespace laso::gateway

#include "services/gateway/field_setter.h"

#include <cmath>
#include <limits>

#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "services/gateway/route_table.h"

namespace laso::gateway {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status Invalid(absl::string_view path, absl::string_view value, absl::string_view expected) {
  return InvalidField(path, absl::StrCat("Tham số \"", path, "\" không hợp lệ: \"", value, "\" không phải ", expected, "."));
}

template <typename T>
bool ParseInteger(absl::string_view text, T* out) {
  return absl::SimpleAtoi(text, out);
}

absl::Status SetScalar(Message* msg, const FieldDescriptor* f, absl::string_view path, absl::string_view value) {
  const Reflection* r = msg->GetReflection();
  bool repeated = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string s(value);
      if (f->type() == FieldDescriptor::TYPE_BYTES) {
        std::string decoded;
        if (!absl::Base64Unescape(value, &decoded) && !absl::WebSafeBase64Unescape(value, &decoded)) {
          return Invalid(path, value, "base64");
        }
        s = std::move(decoded);
      } else if (!text::IsValidUtf8(s)) {
        // A backend could not even parse such a request (proto3 strings are UTF-8): refuse it here.
        return InvalidField(path, absl::StrCat("Tham số \"", path, "\" không phải văn bản UTF-8."));
      }
      repeated ? r->AddString(msg, f, std::move(s)) : r->SetString(msg, f, std::move(s));
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!ParseInteger(value, &v)) return Invalid(path, value, "một số nguyên");
      repeated ? r->AddInt32(msg, f, v) : r->SetInt32(msg, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!ParseInteger(value, &v)) return Invalid(path, value, "một số nguyên");
      repeated ? r->AddInt64(msg, f, v) : r->SetInt64(msg, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!ParseInteger(value, &v)) return Invalid(path, value, "một số nguyên không âm");
      repeated ? r->AddUInt32(msg, f, v) : r->SetUInt32(msg, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!ParseInteger(value, &v)) return Invalid(path, value, "một số nguyên không âm");
      repeated ? r->AddUInt64(msg, f, v) : r->SetUInt64(msg, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!absl::SimpleAtod(value, &v) || !std::isfinite(v)) return Invalid(path, value, "một số");
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        if (std::fabs(v) > std::numeric_limits<float>::max()) return Invalid(path, value, "một số");
        repeated ? r->AddFloat(msg, f, static_cast<float>(v)) : r->SetFloat(msg, f, static_cast<float>(v));
      } else {
        repeated ? r->AddDouble(msg, f, v) : r->SetDouble(msg, f, v);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v;
      if (value == "true" || value == "1") v = true;
      else if (value == "false" || value == "0") v = false;
      else return Invalid(path, value, "true hoặc false");
      repeated ? r->AddBool(msg, f, v) : r->SetBool(msg, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* e = f->enum_type()->FindValueByName(std::string(value));
      int number;
      if (e == nullptr && absl::SimpleAtoi(value, &number)) e = f->enum_type()->FindValueByNumber(number);
      if (e == nullptr) return Invalid(path, value, absl::StrCat("một giá trị của ", f->enum_type()->name()));
      repeated ? r->AddEnum(msg, f, e) : r->SetEnum(msg, f, e);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      // Well-known types (Timestamp, Duration, wrappers, FieldMask) take their JSON string form.
      Message* sub = repeated ? r->AddMessage(msg, f) : r->MutableMessage(msg, f);
      std::string json = nlohmann::json(std::string(value)).dump();
      if (!google::protobuf::util::JsonStringToMessage(json, sub).ok()) {
        // A wrapper of a number or bool may also come bare.
        if (!google::protobuf::util::JsonStringToMessage(std::string(value), sub).ok()) {
          return Invalid(path, value, absl::StrCat("một ", f->message_type()->name(), " hợp lệ"));
        }
      }
      return absl::OkStatus();
    }
  }
  return Invalid(path, value, "một giá trị hợp lệ");
}

}  // namespace

absl::Status SetFieldFromString(Message* message, absl::string_view path, absl::string_view value) {
  std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  Message* current = message;
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* f = FindField(current->GetDescriptor(), parts[i]);
    if (f == nullptr) {
      return InvalidField(path, absl::StrCat("Tham số không được hỗ trợ: \"", path, "\"."));
    }
    if (i + 1 == parts.size()) return SetScalar(current, f, path, value);
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || f->is_repeated()) {
      return InvalidField(path, absl::StrCat("Tham số không được hỗ trợ: \"", path, "\"."));
    }
    current = current->GetReflection()->MutableMessage(current, f);
  }
  return absl::OkStatus();
}

}  // namespace laso::gateway

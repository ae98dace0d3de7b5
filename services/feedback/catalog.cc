#include "services/feedback/catalog.h"

#include <cmath>
#include <limits>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/rfc3339.h"

namespace laso::feedback {

bool IsValidCode(absl::string_view code) {
  if (code.empty() || code.size() > 40) return false;
  for (char c : code) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

absl::Status ValidateAgency(const v1::Agency& a) {
  if (!IsValidCode(a.code())) return InvalidField("agency.code", "Mã cơ quan không hợp lệ.");
  return text::ValidateText("agency.name", a.name(), 1, 200);
}

absl::Status ValidateWard(const v1::Ward& w) {
  if (!IsValidCode(w.code())) return InvalidField("ward.code", "Mã phường/xã không hợp lệ.");
  if (auto s = text::ValidateText("ward.name", w.name(), 1, 200); !s.ok()) return s;
  if (w.has_center() && !geo::IsValid({w.center().latitude(), w.center().longitude()})) {
    return InvalidField("ward.center", "Toạ độ trung tâm phường/xã không hợp lệ.");
  }
  return absl::OkStatus();
}

absl::Status ValidateCategory(const v1::Category& c, const CatalogData& known) {
  if (!IsValidCode(c.code())) return InvalidField("category.code", "Mã lĩnh vực không hợp lệ.");
  if (auto s = text::ValidateText("category.nameVi", c.name_vi(), 1, 200); !s.ok()) return s;
  if (auto s = text::ValidateText("category.nameEn", c.name_en(), 0, 200); !s.ok()) return s;
  if (auto s = text::ValidateText("category.group", c.group(), 0, 100); !s.ok()) return s;
  if (auto s = text::ValidateText("category.description", c.description(), 0, 2000); !s.ok()) return s;
  for (const auto& k : c.keywords()) {
    if (auto s = text::ValidateText("category.keywords", k, 1, 100); !s.ok()) return s;
  }
  if (auto s = text::ValidateText("category.notice", c.notice(), 0, 500); !s.ok()) return s;
  if (c.has_closed_until() && c.notice().empty()) {
    return InvalidField("category.notice", "Khi tạm ngừng nhận phản ánh, hãy ghi thông báo cho người dân.");
  }
  if (c.answer_days() < 1 || c.answer_days() > 90) {
    return InvalidField("category.answerDays", "Thời hạn trả lời phải từ 1 đến 90 ngày làm việc.");
  }
  if (!v1::Priority_IsValid(c.default_priority())) {
    return InvalidField("category.defaultPriority", "Mức ưu tiên là LOW, NORMAL, HIGH hoặc URGENT.");
  }
  if (c.urgent_ack_hours() < 0 || c.urgent_ack_hours() > 200 || c.urgent_answer_hours() < 0 ||
      c.urgent_answer_hours() > 200) {
    return InvalidField("category.urgentAnswerHours", "Số giờ làm việc cho phản ánh khẩn phải từ 1 đến 200.");
  }
  if (c.urgent_ack_hours() > 0 && c.urgent_answer_hours() > 0 && c.urgent_ack_hours() > c.urgent_answer_hours()) {
    return InvalidField("category.urgentAckHours", "Thời hạn tiếp nhận không được dài hơn thời hạn trả lời.");
  }
  for (const auto& r : c.routing()) {
    if (!known.agencies.count(r.agency_code())) {
      return InvalidField("category.routing", absl::StrCat("Không có cơ quan ", r.agency_code(), "."));
    }
    if (!r.ward_code().empty() && !known.wards.count(r.ward_code())) {
      return InvalidField("category.routing", absl::StrCat("Không có phường/xã ", r.ward_code(), "."));
    }
  }
  std::set<std::string> codes;
  for (const auto& q : c.questions()) {
    if (!IsValidCode(q.code()) || !codes.insert(q.code()).second) {
      return InvalidField("category.questions", "Mã câu hỏi trống, không hợp lệ hoặc bị trùng.");
    }
    if (q.datatype() == v1::DATATYPE_UNSPECIFIED) {
      return InvalidField("category.questions", absl::StrCat("Câu hỏi ", q.code(), " chưa có kiểu dữ liệu."));
    }
    bool list = q.datatype() == v1::SINGLEVALUELIST || q.datatype() == v1::MULTIVALUELIST;
    if (list != (q.values_size() > 0)) {
      return InvalidField("category.questions",
                          absl::StrCat("Câu hỏi ", q.code(), ": chỉ kiểu danh sách mới có (và phải có) các lựa chọn."));
    }
    if (auto s = text::ValidateText("category.questions.description", q.description(), 1, 500); !s.ok()) return s;
  }
  return absl::OkStatus();
}

std::string RouteToAgency(const v1::Category& category, const std::string& ward_code) {
  std::string fallback;
  for (const auto& r : category.routing()) {
    if (!ward_code.empty() && r.ward_code() == ward_code) return r.agency_code();
    if (r.ward_code().empty() && fallback.empty()) fallback = r.agency_code();
  }
  return fallback;
}

const v1::Ward* NearestWard(const CatalogData& catalog, geo::LatLng point) {
  const v1::Ward* best = nullptr;
  double best_m = std::numeric_limits<double>::infinity();
  for (const auto& [code, ward] : catalog.wards) {
    if (!ward.has_center()) continue;
    double m = geo::DistanceMeters(point, {ward.center().latitude(), ward.center().longitude()});
    if (m < best_m) {
      best_m = m;
      best = &ward;
    }
  }
  return best;
}

absl::Status ValidateAnswers(const v1::Category& category,
                             const google::protobuf::RepeatedPtrField<v1::Answer>& answers) {
  std::map<std::string, const v1::Answer*> given;
  for (const auto& a : answers) {
    if (!given.emplace(a.question(), &a).second) {
      return InvalidField("answers", absl::StrCat("Câu hỏi ", a.question(), " được trả lời hai lần."));
    }
  }
  for (const auto& q : category.questions()) {
    std::string field = absl::StrCat("answers.", q.code());
    auto it = given.find(q.code());
    bool empty = it == given.end() || it->second->values().empty() ||
                 (it->second->values_size() == 1 && it->second->values(0).empty());
    if (empty) {
      if (q.required()) return InvalidField(field, absl::StrCat("Vui lòng trả lời: ", q.description()));
      given.erase(q.code());
      continue;
    }
    const auto& values = it->second->values();
    if (q.datatype() != v1::MULTIVALUELIST && values.size() != 1) {
      return InvalidField(field, "Câu hỏi này chỉ nhận một giá trị.");
    }
    for (const std::string& v : values) {
      switch (q.datatype()) {
        case v1::NUMBER: {
          double d;
          if (!absl::SimpleAtod(v, &d) || !std::isfinite(d)) return InvalidField(field, "Giá trị phải là số.");
          break;
        }
        case v1::DATETIME:
          if (!ParseRfc3339(v).ok()) return InvalidField(field, "Giá trị phải là thời điểm RFC 3339.");
          break;
        case v1::SINGLEVALUELIST:
        case v1::MULTIVALUELIST: {
          bool known = false;
          for (const auto& option : q.values()) known = known || option.key() == v;
          if (!known) return InvalidField(field, absl::StrCat("Lựa chọn không có trong danh sách: ", v));
          break;
        }
        case v1::TEXT:
          if (auto s = text::ValidateText(field, v, 1, 2000); !s.ok()) return s;
          break;
        default:
          if (auto s = text::ValidateText(field, v, 1, 200); !s.ok()) return s;
      }
    }
    given.erase(q.code());
  }
  if (!given.empty()) {
    return InvalidField("answers", absl::StrCat("Lĩnh vực này không có câu hỏi ", given.begin()->first, "."));
  }
  return absl::OkStatus();
}

}  // namespace laso::feedback

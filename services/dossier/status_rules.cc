#include "services/dossier/status_rules.h"

#include <set>
#include <utility>

namespace laso::dossier {

std::string StatusLabel(Status status) {
  switch (status) {
    case v1::REGISTERED: return "Mới đăng ký";
    case v1::RECEIVED: return "Được tiếp nhận";
    case v1::NOT_ACCEPTED: return "Không được tiếp nhận";
    case v1::PROCESSING: return "Đang xử lý";
    case v1::SUPPLEMENT_REQUESTED: return "Yêu cầu bổ sung giấy tờ";
    case v1::FINANCIAL_OBLIGATION: return "Yêu cầu thực hiện nghĩa vụ tài chính";
    case v1::WITHDRAWN: return "Công dân yêu cầu rút hồ sơ";
    case v1::STOPPED: return "Dừng xử lý";
    case v1::PROCESSED: return "Đã xử lý xong";
    case v1::RESULT_RETURNED: return "Đã trả kết quả";
    default: return "";
  }
}

std::string TimelinessLabel(Timeliness timeliness) {
  switch (timeliness) {
    case v1::NOT_STARTED: return "Chưa tiếp nhận";
    case v1::ON_TRACK: return "Trong hạn";
    case v1::PAUSED: return "Tạm dừng, chờ người nộp bổ sung";
    case v1::OVERDUE: return "Quá hạn";
    case v1::FINISHED_ON_TIME: return "Giải quyết đúng hạn";
    case v1::FINISHED_LATE: return "Giải quyết trễ hạn";
    case v1::CLOSED: return "Đã kết thúc";
    default: return "";
  }
}

bool IsFinished(Status s) { return s == v1::PROCESSED || s == v1::RESULT_RETURNED; }

bool IsClosed(Status s) { return s == v1::NOT_ACCEPTED || s == v1::WITHDRAWN || s == v1::STOPPED; }

bool IsPausing(Status s) { return s == v1::SUPPLEMENT_REQUESTED || s == v1::FINANCIAL_OBLIGATION; }

bool TransitionAllowed(Status from, Status to) {
  // Modelled on the national one-stop workflow (Nghị định 61/2018, 107/2021).
  static const std::set<std::pair<Status, Status>> kAllowed = {
      {v1::REGISTERED, v1::RECEIVED},
      {v1::REGISTERED, v1::NOT_ACCEPTED},
      {v1::REGISTERED, v1::SUPPLEMENT_REQUESTED},  // an online dossier completed before reception
      {v1::REGISTERED, v1::WITHDRAWN},
      {v1::RECEIVED, v1::PROCESSING},
      {v1::RECEIVED, v1::SUPPLEMENT_REQUESTED},
      {v1::RECEIVED, v1::FINANCIAL_OBLIGATION},
      {v1::RECEIVED, v1::PROCESSED},  // same-day procedures
      {v1::RECEIVED, v1::WITHDRAWN},
      {v1::RECEIVED, v1::STOPPED},
      {v1::PROCESSING, v1::PROCESSING},  // moved to another department or agency
      {v1::PROCESSING, v1::SUPPLEMENT_REQUESTED},
      {v1::PROCESSING, v1::FINANCIAL_OBLIGATION},
      {v1::PROCESSING, v1::PROCESSED},
      {v1::PROCESSING, v1::WITHDRAWN},
      {v1::PROCESSING, v1::STOPPED},
      {v1::SUPPLEMENT_REQUESTED, v1::RECEIVED},
      {v1::SUPPLEMENT_REQUESTED, v1::PROCESSING},
      {v1::SUPPLEMENT_REQUESTED, v1::NOT_ACCEPTED},
      {v1::SUPPLEMENT_REQUESTED, v1::WITHDRAWN},
      {v1::SUPPLEMENT_REQUESTED, v1::STOPPED},
      {v1::FINANCIAL_OBLIGATION, v1::PROCESSING},
      {v1::FINANCIAL_OBLIGATION, v1::PROCESSED},
      {v1::FINANCIAL_OBLIGATION, v1::WITHDRAWN},
      {v1::FINANCIAL_OBLIGATION, v1::STOPPED},
      {v1::PROCESSED, v1::RESULT_RETURNED},
  };
  return kAllowed.count({from, to}) > 0;
}

}  // namespace laso::dossier

#include "services/feedback/feedback_export.h"

#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "common/text/csv.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "services/feedback/deadlines.h"
#include "services/feedback/feedback_views.h"
#include "services/feedback/labels.h"

namespace laso::feedback {
namespace {

constexpr char kCsvType[] = "text/csv; charset=utf-8; header=present";

std::string LocalTime(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%d %H:%M", ToTime(t), VietnamTime());
}

api::HttpBody Csv(text::CsvWriter& csv) {
  api::HttpBody body;
  body.set_content_type(kCsvType);
  body.set_data(csv.Take());
  return body;
}

void WriteReport(const v1::Feedback& r, absl::Time now, text::CsvWriter& csv) {
  bool overdue = AnswerOverdue(r, now) || AckOverdue(r, now);
  csv.Value(r.id())
      .Value(LocalTime(r.received_at()))
      .Text(ChannelLabel(r.channel()))
      .Text(r.category_name())
      .Text(PriorityLabel(r.priority()))
      .Text(StatusLabel(r.status()))
      .Text(r.ward_name())
      .Text(r.address());
  if (r.has_location()) {
    csv.Number(r.location().latitude(), 6).Number(r.location().longitude(), 6);
  } else {
    csv.Value("").Value("");
  }
  csv.Text(r.agency_name())
      .Text(r.assignee_name())
      .Value(LocalTime(r.due_at()))
      .Value(overdue ? "Quá hạn" : "")
      .Value(LocalTime(r.answered_at()))
      .Value(r.rating().stars() > 0 ? absl::StrCat(r.rating().stars()) : "")
      .Number(int64_t{r.support_count()})
      .Value(r.dossier_code())
      .Text(r.description())
      .Text(r.answer());
  csv.EndRow();
}

}  // namespace

absl::StatusOr<api::HttpBody> FeedbackExport::WorkList(const rpc::Caller& caller,
                                                      const v1::ListFeedbackRequest& req) const {
  absl::Time now = ctx_.clock->Now();
  auto filter = WorkListFilter(caller, req, now);
  if (!filter.ok()) return filter.status();
  text::CsvWriter csv({"Mã phản ánh", "Thời điểm tiếp nhận", "Kênh", "Lĩnh vực", "Mức ưu tiên", "Trạng thái",
                       "Phường/xã", "Địa chỉ", "Vĩ độ", "Kinh độ", "Cơ quan xử lý", "Cán bộ được giao", "Hạn trả lời",
                       "Quá hạn", "Thời điểm trả lời", "Đánh giá", "Lượt ủng hộ", "Mã hồ sơ", "Nội dung",
                       "Trả lời"});
  int64_t before = 0;
  do {
    auto page = ctx_.store.List(*filter, before, limits_.page_rows);
    if (!page.ok()) return page.status();
    if (page->total > limits_.max_rows) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat("Có ", page->total, " phản ánh, quá ", limits_.max_rows,
                                                                   " dòng một lần. Vui lòng thu hẹp khoảng ngày hoặc bộ lọc.")),
                        "EXPORT_TOO_LARGE");
    }
    // Staff see the report in full; no reporter contact goes into the file.
    for (const StoredFeedback& f : page->items) WriteReport(f.item(), now, csv);
    before = page->next_seq;
  } while (before > 0);
  return Csv(csv);
}

absl::StatusOr<api::HttpBody> FeedbackExport::Stats(const v1::GetFeedbackStatsRequest& req) const {
  auto stats = statistics_.Stats(req);
  if (!stats.ok()) return stats.status();
  text::CsvWriter csv({"Hạng", "Mã", "Tên", "Tiếp nhận", "Đã trả lời", "Trả lời đúng hạn", "Tỷ lệ đúng hạn (%)",
                       "Số ngày làm việc để trả lời (trung vị)", "Lượt đánh giá", "Điểm đánh giá trung bình",
                       "Đang quá hạn", "Từ ngày", "Đến ngày"});
  auto row = [&](const v1::StatsRow& r, const std::string& rank) {
    csv.Value(rank)
        .Value(r.key())
        .Text(r.name())
        .Number(int64_t{r.received()})
        .Number(int64_t{r.answered()})
        .Number(int64_t{r.answered_on_time()})
        .Number(r.on_time_rate() * 100, 1)
        .Number(r.median_answer_working_days(), 1)
        .Number(int64_t{r.ratings()})
        .Number(r.average_rating(), 2)
        .Number(int64_t{r.open_overdue()})
        .Value(stats->from())
        .Value(stats->to());
    csv.EndRow();
  };
  for (const v1::StatsRow& r : stats->rows()) row(r, absl::StrCat(r.rank()));
  row(stats->total(), "");
  return Csv(csv);
}

}  // namespace laso::feedback

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


std::string LocalTime(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%d %H:%M", ToTime(t), VietnamTime());
}

api::HttpBody Csv(text::CsvWriter& csv) {
  api::HttpBody body;
  body.set_content_type(kCsvContentType);
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

// Pages of the store's list, newest first, each written as rows of the file.
class WorkListPieces final : public CsvPieces {
 public:
  WorkListPieces(FeedbackStore& store, FeedbackFilter filter, int page_rows, absl::Time now)
      : store_(store), filter_(std::move(filter)), page_rows_(page_rows), now_(now),
        csv_({"Mã phản ánh", "Thời điểm tiếp nhận", "Kênh", "Lĩnh vực", "Mức ưu tiên", "Trạng thái", "Phường/xã",
              "Địa chỉ", "Vĩ độ", "Kinh độ", "Cơ quan xử lý", "Cán bộ được giao", "Hạn trả lời", "Quá hạn",
              "Thời điểm trả lời", "Đánh giá", "Lượt ủng hộ", "Mã hồ sơ", "Nội dung", "Trả lời"}) {
    filter_.count_total = false;  // a count per page would read the whole range again each time
  }

  absl::StatusOr<std::optional<std::string>> Next() override {
    if (done_) return std::nullopt;
    auto page = store_.List(filter_, before_, page_rows_);
    if (!page.ok()) return page.status();
    // Staff see the report in full; no reporter contact goes into the file.
    for (const StoredFeedback& f : page->items) WriteReport(f.item(), now_, csv_);
    before_ = page->next_seq;
    done_ = before_ == 0;
    return csv_.Take();  // the first piece carries the BOM and header even with no rows
  }

 private:
  FeedbackStore& store_;
  FeedbackFilter filter_;
  const int page_rows_;
  const absl::Time now_;
  text::CsvWriter csv_;
  int64_t before_ = 0;
  bool done_ = false;
};

absl::StatusOr<std::unique_ptr<CsvPieces>> FeedbackExport::OpenWorkList(const rpc::Caller& caller,
                                                                        const v1::ListFeedbackRequest& req) const {
  absl::Time now = ctx_.clock->Now();
  auto filter = WorkListFilter(caller, req, now);
  if (!filter.ok()) return filter.status();
  return std::make_unique<WorkListPieces>(ctx_.store, std::move(*filter), limits_.page_rows, now);
}

absl::StatusOr<api::HttpBody> FeedbackExport::WorkList(const rpc::Caller& caller,
                                                      const v1::ListFeedbackRequest& req) const {
  auto pieces = OpenWorkList(caller, req);
  if (!pieces.ok()) return pieces.status();
  api::HttpBody body;
  body.set_content_type(kCsvContentType);
  while (true) {
    auto piece = (*pieces)->Next();
    if (!piece.ok()) return piece.status();
    if (!*piece) return body;
    body.mutable_data()->append(**piece);
  }
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

#pragma once

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "laso/api/httpbody.pb.h"
#include "services/feedback/feedback_stats.h"
#include "services/feedback/report_acts.h"

namespace laso::feedback {

// The work list and the statistics as CSV files for spreadsheets (UTF-8 with
// a BOM). The work list is read from the store a page at a time and streamed,
// so a year of a province's reports costs one page of memory; it carries no
// reporter's name or phone, which stay in the app.
struct ExportLimits {
  int page_rows = 1000;  // read from the store at a time
};

// A CSV file a piece at a time: the BOM and the header come with the first.
class CsvPieces {
 public:
  virtual ~CsvPieces() = default;
  // The next piece, or std::nullopt after the last.
  virtual absl::StatusOr<std::optional<std::string>> Next() = 0;
};

inline constexpr char kCsvContentType[] = "text/csv; charset=utf-8; header=present";

class FeedbackExport {
 public:
  FeedbackExport(const FeedbackContext& ctx, const Statistics& statistics, ExportLimits limits = {})
      : ctx_(ctx), statistics_(statistics), limits_(limits) {}

  // The same filters (and the same agency scope) as the work list, all pages.
  absl::StatusOr<std::unique_ptr<CsvPieces>> OpenWorkList(const rpc::Caller& caller,
                                                          const v1::ListFeedbackRequest& request) const;
  // The same, gathered into one body.
  absl::StatusOr<api::HttpBody> WorkList(const rpc::Caller& caller, const v1::ListFeedbackRequest& request) const;
  absl::StatusOr<api::HttpBody> Stats(const v1::GetFeedbackStatsRequest& request) const;

 private:
  const FeedbackContext& ctx_;
  const Statistics& statistics_;
  ExportLimits limits_;
};

}  // namespace laso::feedback

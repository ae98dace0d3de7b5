// FollowUp: residents support, rate and reopen reports.
#include "services/feedback/follow_up.h"

#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"
#include "services/feedback/deadlines.h"

namespace laso::feedback {

absl::StatusOr<v1::Feedback> FollowUp::Support(const rpc::Caller& caller, const v1::FeedbackActionRequest& req) {
  return acts_.Act(caller, req.id(), Action::kSupport,
             [&](StoredFeedback& f, FeedbackStore::Tx& tx, v1::Update&) -> absl::Status {
               auto added = tx.AddSupport(f.item().id(), caller.subject());
               if (!added.ok()) return added.status();
               if (*added) f.mutable_item()->set_support_count(f.item().support_count() + 1);
               return absl::OkStatus();
             },
             "");
}

absl::StatusOr<v1::Feedback> FollowUp::Rate(const rpc::Caller& caller, const v1::RateFeedbackRequest& req,
                                             const std::string& idempotency_key) {
  if (req.stars() < 1 || req.stars() > 5) return InvalidField("stars", "Đánh giá từ 1 đến 5 sao.");
  if (auto s = text::ValidateText("comment", req.comment(), 0, 1000); !s.ok()) return s;
  idempotency::RetriedWrite retried(caller, idempotency_key, "RateFeedback", req);
  return acts_.Act(caller, req.id(), Action::kRate,
             [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
               v1::Rating* r = f.mutable_item()->mutable_rating();
               r->set_stars(req.stars());
               r->set_comment(text::ToNfc(req.comment()));
               SetTimestamp(ctx_.clock->Now(), r->mutable_time());
               u.set_action("rate");
               u.set_message(absl::StrCat("Người phản ánh đánh giá ", req.stars(), "/5."));
               return absl::OkStatus();
             },
             "", v1::REJECTED, &retried);
}

absl::StatusOr<v1::Feedback> FollowUp::Reopen(const rpc::Caller& caller, const v1::FeedbackActionRequest& req,
                                               const std::string& idempotency_key) {
  if (auto s = text::ValidateText("reason", req.reason(), 5, 2000); !s.ok()) {
    return InvalidField("reason", "Vui lòng cho biết lý do mở lại (ít nhất 5 ký tự).");
  }
  idempotency::RetriedWrite retried(caller, idempotency_key, "ReopenFeedback", req);
  return acts_.Act(caller, req.id(), Action::kReopen,
             [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
               absl::Time now = ctx_.clock->Now();
               v1::Feedback& it = *f.mutable_item();
               if (now > ToTime(it.answered_at()) + ctx_.options.reopen_window) {
                 return WithReason(absl::FailedPreconditionError("Đã quá 7 ngày kể từ khi trả lời nên không thể mở lại. "
                                                                 "Vui lòng gửi phản ánh mới."),
                                   "REOPEN_WINDOW_PASSED");
               }
               // The clock starts again, and an URGENT report must be acknowledged again.
               auto catalog = ctx_.catalog.Snapshot();
               auto category = catalog->categories.find(it.category_code());
               v1::Category known = category != catalog->categories.end() ? category->second : v1::Category();
               if (known.answer_days() == 0) known.set_answer_days(5);
               it.clear_acknowledged_at();
               ApplyDeadlines(DeadlinesFor(ctx_.calendar, ctx_.options.due_time_of_day, known, it.priority(), now), &it);
               it.set_reopen_count(it.reopen_count() + 1);
               it.clear_reopen_until();
               u.set_action("reopen");
               u.set_message(text::ToNfc(req.reason()));
               return absl::OkStatus();
             },
             "", v1::REJECTED, &retried);
}

}  // namespace laso::feedback

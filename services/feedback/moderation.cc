// Moderation: hiding reports and banning reporters.
#include "services/feedback/moderation.h"

#include "common/log/log.h"
#include "common/text/text.h"

namespace laso::feedback {

absl::StatusOr<v1::Feedback> Moderation::Hide(const rpc::Caller& caller, const v1::HideFeedbackRequest& req) {
  if (auto s = text::ValidateText("reason", req.reason(), 1, 2000); !s.ok()) return s;
  return acts_.Act(caller, req.id(), Action::kModerate,
             [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
               f.mutable_item()->set_hidden(req.hidden());
               u.set_action(req.hidden() ? "hide" : "show");
               u.set_public_(false);
               u.set_message(text::ToNfc(req.reason()));
               return absl::OkStatus();
             },
             "");
}

absl::StatusOr<v1::BanReporterResponse> Moderation::BanReporter(const rpc::Caller& caller,
                                                               const v1::BanReporterRequest& req) {
  if (auto s = text::ValidateText("reason", req.reason(), 1, 2000); !s.ok()) return s;
  auto view = acts_.Act(caller, req.id(), Action::kModerate,
                  [&](StoredFeedback& f, FeedbackStore::Tx& tx, v1::Update& u) -> absl::Status {
                    u.set_action(req.banned() ? "ban" : "unban");
                    u.set_public_(false);
                    u.set_message(text::ToNfc(req.reason()));
                    return tx.SetBanned(f.reporter_phone_hash(), req.banned(), req.reason());
                  },
                  "");
  if (!view.ok()) return view.status();
  log::Info("reporter ban changed", {{"feedback", req.id()}, {"banned", req.banned()}, {"by", caller.subject()}});
  v1::BanReporterResponse out;
  out.set_banned(req.banned());
  return out;
}

}  // namespace laso::feedback

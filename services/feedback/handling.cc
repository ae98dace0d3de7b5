// Handling: what operators and agencies do with a report.
#include "services/feedback/handling.h"

#include "services/feedback/intake.h"

#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "common/time/proto_time.h"

namespace laso::feedback {
namespace {

using rpc::Role;

// The agency has seen the report: an URGENT report's first clock stops.
void Acknowledge(absl::Time now, v1::Feedback* report) {
  if (!report->has_acknowledged_at()) SetTimestamp(now, report->mutable_acknowledged_at());
}

}  // namespace

absl::StatusOr<v1::Feedback> Handling::Assign(const rpc::Caller& caller, const v1::AssignFeedbackRequest& req) {
  auto catalog = ctx_.catalog.Snapshot();
  // A supervisor hands work within their own agency: the agency may be left out.
  std::string agency_code = req.agency_code().empty() && caller.role() == Role::SUPERVISOR ? caller.agency() : req.agency_code();
  auto agency = catalog->agencies.find(agency_code);
  if (agency == catalog->agencies.end()) return InvalidField("agencyCode", "Không có cơ quan này.");
  if (auto s = text::ValidateText("note", req.note(), 0, 2000); !s.ok()) return s;
  if (auto s = text::ValidateText("assigneeName", req.assignee_name(), 0, 100); !s.ok()) return s;
  if (req.assignee().size() > 32) return InvalidField("assignee", "Tên đăng nhập của cán bộ không hợp lệ.");
  return acts_.Act(caller, req.id(), Action::kAssign,
             [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
               v1::Feedback& it = *f.mutable_item();
               if (caller.role() == Role::SUPERVISOR && agency->first != it.agency_code()) {
                 return WithReason(absl::PermissionDeniedError("Trưởng bộ phận chỉ giao việc trong cơ quan mình."),
                                   "NOT_YOUR_AGENCY");
               }
               bool reassigned = !it.assignee().empty() && it.assignee() != req.assignee();
               it.set_agency_code(agency->first);
               it.set_agency_name(agency->second.name());
               it.set_assignee(req.assignee());
               it.set_assignee_name(req.assignee().empty() ? "" : text::ToNfc(req.assignee_name()));
               u.set_action(reassigned ? "reassign" : "assign");
               u.set_agency_code(agency->first);
               u.set_message(absl::StrCat("Đã chuyển đến ", agency->second.name(), "."));
               if (!req.note().empty()) {
                 // The operator's note is for the agency, not the public.
                 v1::Update* note = it.add_updates();
                 *note = u;
                 note->set_action("note");
                 note->set_public_(false);
                 note->set_status(it.status());
                 note->set_message(text::ToNfc(req.note()));
               }
               return absl::OkStatus();
             },
             "feedback.assigned");
}

absl::StatusOr<v1::Feedback> Handling::Reject(const rpc::Caller& caller, const v1::RejectFeedbackRequest& req) {
  if (req.reason() == v1::REJECT_REASON_UNSPECIFIED) {
    return InvalidField("reason", "Chọn lý do: NOT_RESPONSIBLE, DUPLICATE_OF, INVALID hoặc SPAM.");
  }
  if (auto s = text::ValidateText("message", req.message(), 5, 2000); !s.ok()) {
    return InvalidField("message", "Vui lòng ghi lý do cho người phản ánh (ít nhất 5 ký tự).");
  }
  bool duplicate = req.reason() == v1::DUPLICATE_OF;
  if (duplicate && (!IsValidCode(req.duplicate_of()) || req.duplicate_of() == req.id())) {
    return InvalidField("duplicateOf", "Cho biết mã phản ánh gốc (khác phản ánh này).");
  }
  return acts_.Act(
      caller, req.id(), Action::kReject,
      [&](StoredFeedback& f, FeedbackStore::Tx& tx, v1::Update& u) -> absl::Status {
        v1::Feedback& it = *f.mutable_item();
        u.set_message(text::ToNfc(req.message()));
        if (!duplicate) {
          u.set_action(absl::StrCat("reject:", v1::RejectReason_Name(req.reason())));
          return absl::OkStatus();
        }
        // Merged into the original, following it to the root of a chain.
        std::string original_id = req.duplicate_of();
        std::optional<StoredFeedback> original;
        for (int hops = 0; hops < 10; ++hops) {
          auto loaded = tx.Load(original_id);
          if (!loaded.ok()) return loaded.status();
          if (!*loaded) return InvalidField("duplicateOf", "Không tìm thấy phản ánh gốc.");
          if ((*loaded)->item().duplicate_of().empty()) {
            original = std::move(*loaded);
            break;
          }
          original_id = (*loaded)->item().duplicate_of();
        }
        if (!original || original->item().id() == it.id()) return InvalidField("duplicateOf", "Phản ánh gốc không hợp lệ.");
        it.set_duplicate_of(original->item().id());
        u.set_action("duplicate");
        v1::Feedback& root = *original->mutable_item();
        root.add_duplicates(it.id());
        root.set_support_count(root.support_count() + 1 + it.support_count());
        v1::Update* merged = root.add_updates();
        *merged->mutable_time() = u.time();
        merged->set_actor_role(u.actor_role());
        merged->set_actor(u.actor());
        merged->set_actor_name(u.actor_name());
        merged->set_action("merge");
        merged->set_public_(true);
        merged->set_status(root.status());
        merged->set_message(absl::StrCat("Gộp phản ánh trùng ", it.id(), "."));
        *root.mutable_updated_at() = u.time();
        return tx.Save(*original);
      },
      "feedback.closed", duplicate ? v1::DUPLICATE : v1::REJECTED);
}

absl::StatusOr<v1::Feedback> Handling::Accept(const rpc::Caller& caller, const v1::FeedbackActionRequest& req) {
  return acts_.Act(caller, req.id(), Action::kAccept,
             [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
               Acknowledge(ToTime(u.time()), f.mutable_item());
               u.set_action("accept");
               u.set_message(req.reason().empty() ? "Cơ quan đã nhận xử lý." : text::ToNfc(req.reason()));
               return text::ValidateText("reason", req.reason(), 0, 2000);
             },
             "");
}

absl::StatusOr<v1::Feedback> Handling::Respond(const rpc::Caller& caller, const v1::RespondFeedbackRequest& req,
                                                const std::string& idempotency_key) {
  if (auto s = text::ValidateText("message", req.message(), 5, 4000); !s.ok()) {
    return InvalidField("message", "Nội dung trả lời phải từ 5 đến 4.000 ký tự.");
  }
  auto attachments = ctx_.attachments.Resolve(caller, req.attachment_ids(), Intake::kMaxAttachments);
  if (!attachments.ok()) return attachments.status();
  Action action = req.public_() ? Action::kRespondPublic : Action::kRespondPrivate;
  idempotency::RetriedWrite retried(caller, idempotency_key, "RespondFeedback", req);
  return acts_.Act(
      caller, req.id(), action,
      [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
        v1::Feedback& it = *f.mutable_item();
        u.set_action(req.public_() ? "respond" : "note");
        u.set_public_(req.public_());
        u.set_message(text::ToNfc(req.message()));
        u.set_agency_code(it.agency_code());
        for (const auto& a : *attachments) u.add_attachment_ids(a.id());
        if (req.public_()) {
          absl::Time now = ToTime(u.time());
          Acknowledge(now, &it);
          it.set_answer(u.message());
          SetTimestamp(now, it.mutable_answered_at());
          SetTimestamp(now + ctx_.options.reopen_window, it.mutable_reopen_until());
          for (const auto& a : *attachments) *it.add_attachments() = a;
        }
        return absl::OkStatus();
      },
      req.public_() ? "feedback.answered" : "", v1::REJECTED, &retried);
}

absl::StatusOr<v1::Feedback> Handling::Transfer(const rpc::Caller& caller, const v1::FeedbackActionRequest& req) {
  if (auto s = text::ValidateText("reason", req.reason(), 5, 2000); !s.ok()) {
    return InvalidField("reason", "Vui lòng ghi lý do chuyển trả (ít nhất 5 ký tự).");
  }
  return acts_.Act(caller, req.id(), Action::kTransfer,
             [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
               u.set_action("transfer");
               u.set_public_(false);
               u.set_agency_code(f.item().agency_code());
               u.set_message(text::ToNfc(req.reason()));
               f.mutable_item()->clear_agency_code();
               f.mutable_item()->clear_agency_name();
               return absl::OkStatus();
             },
             "");
}

absl::StatusOr<int> Handling::CloseExpired() {
  absl::Time now = ctx_.clock->Now();
  auto ids = ctx_.store.AnsweredBefore(now - ctx_.options.reopen_window, 200);
  if (!ids.ok()) return ids.status();
  rpc::Caller system;
  system.set_role(Role::ROLE_UNSPECIFIED);
  int closed = 0;
  for (const std::string& id : *ids) {
    auto done = acts_.Act(system, id, Action::kClose,
                    [&](StoredFeedback& f, FeedbackStore::Tx&, v1::Update& u) -> absl::Status {
                      u.set_actor_role("system");
                      u.set_action("close");
                      u.set_message("Tự động đóng sau 7 ngày kể từ khi trả lời.");
                      SetTimestamp(now, f.mutable_item()->mutable_closed_at());
                      f.mutable_item()->clear_reopen_until();
                      return absl::OkStatus();
                    },
                    "feedback.closed");
    if (done.ok()) {
      ++closed;
    } else if (done.status().code() != absl::StatusCode::kFailedPrecondition) {
      return done.status();  // reopened in the meantime is fine; anything else is not
    }
  }
  return closed;
}

}  // namespace laso::feedback

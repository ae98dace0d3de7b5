#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/rpc/caller.h"
#include "common/time/clock.h"
#include "laso/api/httpbody.pb.h"
#include "services/feedback/attachment_bytes.h"
#include "services/feedback/feedback_store.h"

namespace laso::feedback {

// Photos and videos: checked and cleaned on the way in (media_check.h),
// stored on disk by content, described in the store, removable by moderators.
class Attachments {
 public:
  Attachments(FeedbackStore& store, const AttachmentBytes& files, const Clock* clock)
      : store_(store), files_(files), clock_(clock) {}

  absl::StatusOr<v1::Attachment> Upload(const rpc::Caller& caller, const laso::api::HttpBody& body,
                                        const std::string& idempotency_key = "");
  absl::StatusOr<laso::api::HttpBody> Get(const std::string& id);
  absl::StatusOr<v1::Attachment> Redact(const rpc::Caller& caller, const v1::RedactAttachmentRequest& request);

  // Descriptions of attachments a caller may put on a report or an answer:
  // at most `max`, known, not removed, and (for residents) their own uploads.
  absl::StatusOr<std::vector<v1::Attachment>> Resolve(const rpc::Caller& caller,
                                                      const google::protobuf::RepeatedPtrField<std::string>& ids,
                                                      int max);

  static v1::Attachment Describe(const AttachmentRow& row);

 private:
  FeedbackStore& store_;
  const AttachmentBytes& files_;
  const Clock* clock_;
};

}  // namespace laso::feedback

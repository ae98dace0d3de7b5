#include "services/feedback/attachments.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"
#include "common/crypto/random.h"
#include "common/rpc/caller.h"
#include "common/log/log.h"
#include "common/status/status.h"
#include "common/text/text.h"
#include "services/feedback/catalog.h"
#include "services/feedback/media_check.h"
#include "common/audit/audit.h"

namespace laso::feedback {
namespace {

absl::Status NotFound() { return absl::NotFoundError("Không tìm thấy tệp đính kèm."); }

}  // namespace

v1::Attachment Attachments::Describe(const AttachmentRow& row) {
  v1::Attachment a;
  a.set_id(row.id);
  a.set_sha256(row.sha256);
  a.set_size(row.size);
  a.set_content_type(row.content_type);
  a.set_redacted(row.redacted);
  if (!row.redacted) a.set_url(absl::StrCat("/v1/attachments/", row.id));
  return a;
}

absl::StatusOr<v1::Attachment> Attachments::Upload(const rpc::Caller& caller, const laso::api::HttpBody& body,
                                                   const std::string& idempotency_key) {
  if (body.data().empty()) return InvalidField("file", "Tệp trống.");
  auto media = CheckMedia(body.data());
  if (!media.ok()) return media.status();
  AttachmentRow row;
  row.id = absl::StrCat("att_", crypto::RandomToken(16));
  row.sha256 = crypto::Hex(crypto::Sha256(media->bytes));
  row.size = static_cast<int64_t>(media->bytes.size());
  row.content_type = media->content_type;
  row.owner = caller.subject();
  row.created_at = clock_->Now();
  // The bytes first: a crash in between leaves an unreferenced file, never a
  // row without its bytes.
  if (auto s = files_.Write(row.sha256, media->bytes); !s.ok()) return s;
  // A photo uploaded again with its key (the phone lost the answer) is the first upload.
  idempotency::RetriedWrite retried(caller, idempotency_key, "UploadAttachment", body);
  v1::Attachment out = Describe(row);
  auto s = store_.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
    auto replayed = retried.ReplayInto(tx.Idempotency(), &out);
    if (!replayed.ok() || *replayed) return replayed.status();
    if (auto s = tx.SaveAttachment(row); !s.ok()) return s;
    return retried.Remember(tx.Idempotency(), out, row.created_at);
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<laso::api::HttpBody> Attachments::Get(const std::string& id) {
  if (!IsValidCode(id)) return NotFound();
  auto row = store_.LoadAttachment(id);
  if (!row.ok()) return row.status();
  if (!*row) return NotFound();
  if ((*row)->redacted) {
    return WithReason(absl::NotFoundError("Tệp đính kèm đã bị gỡ bỏ theo quy định."), "ATTACHMENT_REDACTED");
  }
  auto bytes = files_.Read((*row)->sha256);
  if (!bytes.ok()) return bytes.status();
  laso::api::HttpBody body;
  body.set_content_type((*row)->content_type);
  body.set_data(std::move(*bytes));
  return body;
}

absl::StatusOr<v1::Attachment> Attachments::Redact(const rpc::Caller& caller,
                                                   const v1::RedactAttachmentRequest& request) {
  if (auto s = rpc::RequireRole(caller, {rpc::Role::ADMIN}); !s.ok()) return s;
  if (auto s = text::ValidateText("reason", request.reason(), 1, 500); !s.ok()) return s;
  std::optional<AttachmentRow> found;
  auto s = store_.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
    auto row = tx.LoadAttachment(request.id());
    if (!row.ok()) return row.status();
    if (!*row) return NotFound();
    (*row)->redacted = true;
    found = **row;
    if (auto saved = tx.SaveAttachment(**row); !saved.ok()) return saved;
    auto act = audit::ActOf("feedback", caller, "feedback.redact_attachment", absl::StrCat("attachment/", request.id()),
                            request.reason(), *clock_);
    return act ? tx.Emit(*act) : absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (auto removed = files_.Remove(found->sha256); !removed.ok()) {
    log::Warn("redacted attachment's file not removed", {{"id", found->id}, {"error", std::string(removed.message())}});
  }
  log::Info("attachment redacted", {{"id", found->id}, {"by", caller.subject()}});
  return Describe(*found);
}

absl::StatusOr<std::vector<v1::Attachment>> Attachments::Resolve(
    const rpc::Caller& caller, const google::protobuf::RepeatedPtrField<std::string>& ids, int max) {
  if (ids.size() > max) {
    return InvalidField("attachmentIds", absl::StrCat("Tối đa ", max, " tệp đính kèm."));
  }
  std::set<std::string> seen;
  std::vector<v1::Attachment> out;
  for (const std::string& id : ids) {
    if (!seen.insert(id).second) return InvalidField("attachmentIds", "Tệp đính kèm bị lặp.");
    auto row = IsValidCode(id) ? store_.LoadAttachment(id) : absl::StatusOr<std::optional<AttachmentRow>>(std::nullopt);
    if (!row.ok()) return row.status();
    bool foreign = *row && caller.role() == rpc::Role::CITIZEN && (*row)->owner != caller.subject();
    if (!*row || (*row)->redacted || foreign) {
      return InvalidField("attachmentIds", absl::StrCat("Không tìm thấy tệp đính kèm ", id, "."));
    }
    out.push_back(Describe(**row));
  }
  return out;
}

}  // namespace laso::feedback

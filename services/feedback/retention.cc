#include "services/feedback/retention.h"

#include "common/metrics/retention.h"
#include "common/time/proto_time.h"

namespace laso::feedback {
namespace {

constexpr int kBatch = 200;

}  // namespace

void ForgetReporter(absl::Time now, const std::string& why, StoredFeedback* f) {
  f->clear_reporter_name_sealed();
  f->clear_reporter_phone_sealed();
  f->clear_reporter_phone_hash();
  f->clear_filed_by();
  v1::Update* u = f->mutable_item()->add_updates();
  SetTimestamp(now, u->mutable_time());
  u->set_actor_role("system");
  u->set_action("erase_reporter");
  u->set_public_(false);
  u->set_status(f->item().status());
  u->set_message(why);
}

absl::StatusOr<int> Retention::ForgetOldReporters() {
  absl::Time now = ctx_.clock->Now();
  auto ids = ctx_.store.FinishedWithReporterBefore(now - ctx_.options.keep_reporter_contact, kBatch);
  if (!ids.ok()) return ids.status();
  int erased = 0;
  for (const std::string& id : *ids) {
    bool forgotten = false;  // set in the transaction, counted once it committed (a retry runs it again)
    absl::Status written = ctx_.store.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
      forgotten = false;
      auto loaded = tx.Load(id);
      if (!loaded.ok()) return loaded.status();
      if (!*loaded) return absl::OkStatus();
      StoredFeedback& f = **loaded;
      // Changed since the list was read (a rating, say): its period starts again.
      if (ToTime(f.item().updated_at()) >= now - ctx_.options.keep_reporter_contact) return absl::OkStatus();
      ForgetReporter(now, "Đã xoá thông tin người phản ánh khi hết thời hạn lưu trữ.", &f);
      forgotten = true;
      return tx.Save(f);  // updated_at stays: the report itself did not change
    });
    if (!written.ok()) return written;
    if (forgotten) ++erased;
  }
  metrics::CountErased("feedback.reporter", erased);
  return erased;
}

}  // namespace laso::feedback

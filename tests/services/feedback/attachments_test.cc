#include "absl/strings/match.h"
#include "common/status/status.h"
#include "common/crypto/hash.h"
#include "services/feedback/sql_attachment_bytes.h"
#include "tests/services/feedback/feedback_fixture.h"
#include "tests/services/feedback/media_samples.h"

namespace laso::feedback {
namespace {

laso::api::HttpBody Body(const std::string& bytes, const std::string& claimed = "image/jpeg") {
  laso::api::HttpBody b;
  b.set_content_type(claimed);
  b.set_data(bytes);
  return b;
}

TEST_P(FeedbackTest, APhotoUploadedAgainWithItsKeyIsTheFirstUpload) {
  auto first = attachments_->Upload(Resident(), Body(samples::JpegWithExif()), "photo-1");
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = attachments_->Upload(Resident(), Body(samples::JpegWithExif()), "photo-1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->id(), first->id());
  EXPECT_NE(attachments_->Upload(Resident(), Body(samples::JpegWithExif()))->id(), first->id());
  EXPECT_EQ(ReasonOf(attachments_->Upload(Resident(), Body(samples::PngWithText()), "photo-1").status()),
            "IDEMPOTENCY_KEY_REUSED");
}

TEST_P(FeedbackTest, UploadStoresCleanedBytesByContent) {
  auto a = attachments_->Upload(Resident(), Body(samples::JpegWithExif()));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->content_type(), "image/jpeg");
  EXPECT_EQ(a->sha256().size(), 64u);
  EXPECT_EQ(a->url(), "/v1/attachments/" + a->id());
  auto got = attachments_->Get(a->id());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->content_type(), "image/jpeg");
  EXPECT_EQ(static_cast<int64_t>(got->data().size()), a->size());
  EXPECT_FALSE(absl::StrContains(got->data(), "GPS"));
  // A PNG sent as "image/jpeg" is stored as what it is.
  auto png = attachments_->Upload(Resident(), Body(samples::PngWithText(), "image/jpeg"));
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->content_type(), "image/png");
  EXPECT_EQ(ReasonOf(attachments_->Upload(Resident(), Body(samples::JpegWithExif().substr(0, 200))).status()),
            "TRUNCATED_MEDIA");
}

// feedback.attachment_store = "database": the bytes in the feedback database, so a second
// replica (its own connections, no shared disk) serves a photo the first one received.
TEST_P(FeedbackTest, PhotosKeptInTheDatabaseAreServedByAnotherReplica) {
  SqlAttachmentBytes in_database(database_.db());
  Attachments first(*store_, in_database, &clock_);
  auto a = first.Upload(Resident(), Body(samples::JpegWithExif()));
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(first.Upload(Resident(), Body(samples::JpegWithExif())).ok());  // the same bytes: stored once

  auto second_db = database_.OpenAnother();
  auto second_store = std::move(*SqlFeedbackStore::Open(*second_db, &clock_));
  SqlAttachmentBytes second_bytes(*second_db);
  Attachments second(*second_store, second_bytes, &clock_);
  auto got = second.Get(a->id());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(static_cast<int64_t>(got->data().size()), a->size());
  EXPECT_EQ(crypto::Hex(crypto::Sha256(got->data())), a->sha256());

  v1::RedactAttachmentRequest redact;
  redact.set_id(a->id());
  redact.set_reason("Ảnh có biển số xe của người khác.");
  ASSERT_TRUE(second.Redact(Admin(), redact).ok());
  EXPECT_EQ(in_database.Read(a->sha256()).status().code(), absl::StatusCode::kNotFound);  // the bytes are gone
  EXPECT_EQ(ReasonOf(first.Get(a->id()).status()), "ATTACHMENT_REDACTED");
}

TEST_P(FeedbackTest, ReportsCarryOnlyTheirReportersUploads) {
  auto mine = attachments_->Upload(Resident(), Body(samples::JpegWithExif()));
  auto theirs = attachments_->Upload(Resident("404", "0944444444"), Body(samples::PngWithText()));
  v1::CreateFeedbackRequest r = Pothole();
  r.add_attachment_ids(theirs->id());
  EXPECT_EQ(feedbacks_->intake.Create(Resident(), r, "").status().code(), absl::StatusCode::kInvalidArgument);
  r.clear_attachment_ids();
  r.add_attachment_ids(mine->id());
  r.add_attachment_ids(mine->id());
  EXPECT_EQ(feedbacks_->intake.Create(Resident(), r, "").status().code(), absl::StatusCode::kInvalidArgument);
  r.clear_attachment_ids();
  r.add_attachment_ids(mine->id());
  auto created = CreateOk(r);
  v1::Feedback f = GetAs(created.id(), Anonymous());
  ASSERT_EQ(f.attachments_size(), 1);
  EXPECT_EQ(f.attachments(0).content_type(), "image/jpeg");
}

TEST_P(FeedbackTest, RedactedAttachmentsAreGone) {
  auto a = attachments_->Upload(Resident(), Body(samples::JpegWithExif()));
  v1::RedactAttachmentRequest redact;
  redact.set_id(a->id());
  redact.set_reason("Ảnh có khuôn mặt trẻ em.");
  EXPECT_EQ(attachments_->Redact(Operator(), redact).status().code(), absl::StatusCode::kPermissionDenied);
  auto done = attachments_->Redact(Admin(), redact);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_TRUE(done->redacted());
  EXPECT_EQ(done->url(), "");
  auto got = attachments_->Get(a->id());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(got.status()), "ATTACHMENT_REDACTED");
  v1::CreateFeedbackRequest r = Pothole();
  r.add_attachment_ids(a->id());
  EXPECT_EQ(feedbacks_->intake.Create(Resident(), r, "").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(attachments_->Get("att_nothing").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(attachments_->Get("../../etc/passwd").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace laso::feedback

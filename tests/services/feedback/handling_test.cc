// Staff: route, turn away, merge, accept, answer, hand back, moderate.
#include "absl/strings/match.h"
#include "common/status/status.h"
#include "common/sql/data_versions.h"
#include "tests/services/feedback/feedback_fixture.h"

namespace laso::feedback {
namespace {

v1::CreateFeedbackRequest Other() {
  v1::CreateFeedbackRequest r;
  r.set_category_code("other");
  r.set_description("Cây xanh đổ chắn ngang đường Nguyễn Huệ sau cơn mưa.");
  r.mutable_location()->set_latitude(10.5400);
  r.mutable_location()->set_longitude(106.4100);
  return r;
}

TEST_P(FeedbackTest, OperatorRoutesAndOnlyThatAgencyMayAct) {
  std::string id = CreateOk(Other()).id();
  v1::AssignFeedbackRequest assign;
  assign.set_id(id);
  assign.set_agency_code("so-xd");
  assign.set_note("Nhờ Sở cử đội cây xanh xử lý gấp.");
  EXPECT_EQ(feedbacks_->handling.Assign(Officer("so-xd"), assign).status().code(), absl::StatusCode::kPermissionDenied);
  assign.set_agency_code("no-such-agency");
  EXPECT_EQ(feedbacks_->handling.Assign(Operator(), assign).status().code(), absl::StatusCode::kInvalidArgument);
  assign.set_agency_code("so-xd");
  auto assigned = feedbacks_->handling.Assign(Operator(), assign);
  ASSERT_TRUE(assigned.ok()) << assigned.status();
  EXPECT_EQ(assigned->status(), v1::ASSIGNED);
  EXPECT_EQ(Outbox().back()["type"], "feedback.assigned");

  v1::FeedbackActionRequest accept;
  accept.set_id(id);
  auto wrong = feedbacks_->handling.Accept(Officer("cong-an"), accept);
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(wrong.status()), "NOT_YOUR_AGENCY");
  EXPECT_EQ(feedbacks_->handling.Accept(Operator(), accept).status().code(), absl::StatusCode::kPermissionDenied);
  ASSERT_EQ(feedbacks_->handling.Accept(Officer("so-xd"), accept)->status(), v1::IN_PROGRESS);

  v1::RespondFeedbackRequest note;
  note.set_id(id);
  note.set_message("Đã liên hệ đội cây xanh, chờ xe cẩu.");
  auto noted = feedbacks_->handling.Respond(Officer("so-xd"), note);  // private: no status change
  ASSERT_TRUE(noted.ok()) << noted.status();
  EXPECT_EQ(noted->status(), v1::IN_PROGRESS);
  // The public sees neither the operator's note nor the officer's.
  v1::Feedback pub = GetAs(id, Anonymous());
  for (const auto& u : pub.updates()) {
    EXPECT_TRUE(u.public_());
    EXPECT_FALSE(absl::StrContains(u.message(), "xe cẩu"));
    EXPECT_FALSE(absl::StrContains(u.message(), "cây xanh xử lý gấp"));
  }
  EXPECT_GT(GetAs(id, Resident()).updates_size(), pub.updates_size());  // the reporter sees them

  // Staff see who did what; the public and the reporter see the agency, never the person.
  v1::Feedback desk = GetAs(id, Operator());
  const v1::Update& by_officer = desk.updates(desk.updates_size() - 1);
  EXPECT_EQ(by_officer.actor(), "staff:officer-so-xd");
  EXPECT_EQ(by_officer.actor_name(), "Cán bộ officer-so-xd");
  EXPECT_EQ(desk.updates(1).actor(), "staff:op-1");  // the assignment
  for (const v1::Feedback& outside : {pub, GetAs(id, Resident())}) {
    for (const auto& u : outside.updates()) {
      EXPECT_EQ(u.actor(), "") << u.action();
      EXPECT_EQ(u.actor_name(), "") << u.action();
    }
  }
}

TEST_P(FeedbackTest, OfficerHandsBackAndOperatorReassigns) {
  std::string id = CreateOk(Pothole()).id();  // auto-routed to so-xd
  v1::FeedbackActionRequest transfer;
  transfer.set_id(id);
  EXPECT_EQ(feedbacks_->handling.Transfer(Officer("so-xd"), transfer).status().code(), absl::StatusCode::kInvalidArgument);
  transfer.set_reason("Đường tỉnh lộ, thuộc Khu Quản lý giao thông.");
  auto back = feedbacks_->handling.Transfer(Officer("so-xd"), transfer);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->status(), v1::RECEIVED);
  EXPECT_EQ(back->agency_code(), "");
  v1::FeedbackActionRequest accept;
  accept.set_id(id);
  EXPECT_EQ(feedbacks_->handling.Accept(Officer("so-xd"), accept).status().code(), absl::StatusCode::kPermissionDenied);
}

TEST_P(FeedbackTest, DuplicatesMergeIntoTheOriginal) {
  std::string original = CreateOk(Pothole()).id();
  std::string copy = CreateOk(Pothole(), Resident("202", "0912345678")).id();
  std::string copy2 = CreateOk(Pothole(), Resident("203", "0912345679")).id();
  v1::RejectFeedbackRequest dup;
  dup.set_id(copy);
  dup.set_reason(v1::DUPLICATE_OF);
  dup.set_message("Đã có người phản ánh, mời theo dõi phản ánh gốc.");
  auto merged = feedbacks_->handling.Reject(Operator(), dup);  // duplicate_of missing
  EXPECT_EQ(merged.status().code(), absl::StatusCode::kInvalidArgument);
  dup.set_duplicate_of(original);
  merged = feedbacks_->handling.Reject(Operator(), dup);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->status(), v1::DUPLICATE);
  EXPECT_EQ(merged->duplicate_of(), original);
  // A duplicate of the duplicate lands on the original too.
  dup.set_id(copy2);
  dup.set_duplicate_of(copy);
  ASSERT_EQ(feedbacks_->handling.Reject(Operator(), dup)->duplicate_of(), original);
  v1::Feedback root = GetAs(original, Anonymous());
  EXPECT_EQ(root.duplicates_size(), 2);
  EXPECT_EQ(root.support_count(), 2);
  EXPECT_EQ(Outbox().back()["payload"]["status"], "DUPLICATE");

  v1::RejectFeedbackRequest spam;
  spam.set_id(CreateOk(Other()).id());
  spam.set_reason(v1::SPAM);
  spam.set_message("Nội dung quảng cáo, không phải phản ánh.");
  EXPECT_EQ(feedbacks_->handling.Reject(Operator(), spam)->status(), v1::REJECTED);
  EXPECT_EQ(feedbacks_->handling.Reject(Operator(), spam).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_P(FeedbackTest, OperatorListFiltersAndSearchesWithoutDiacritics) {
  std::string a = CreateOk(Pothole()).id();
  v1::CreateFeedbackRequest flood = Pothole();
  flood.set_category_code("flooding");
  flood.clear_answers();
  flood.set_description("Ngập sâu 40cm trên đường Trương Định mỗi khi triều cường.");
  std::string b = CreateOk(flood).id();
  std::string c = CreateOk(Other()).id();

  v1::ListFeedbackRequest q;
  q.set_text("TRUONG DINH");
  auto r = feedbacks_->views.List(Operator(), q);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->items_size(), 1);
  EXPECT_EQ(r->items(0).id(), b);
  EXPECT_EQ(r->items(0).reporter().phone(), "84******567");  // the queue shows it masked
  q.set_text("100%_");  // wildcards are letters
  EXPECT_EQ(feedbacks_->views.List(Operator(), q)->items_size(), 0);
  q.clear_text();
  q.add_status(v1::RECEIVED);
  ASSERT_EQ(feedbacks_->views.List(Operator(), q)->items_size(), 1);
  EXPECT_EQ(feedbacks_->views.List(Operator(), q)->items(0).id(), c);
  q.clear_status();
  q.set_agency("cty-moi-truong");
  EXPECT_EQ(feedbacks_->views.List(Operator(), q)->items_size(), 1);
  q.clear_agency();
  q.set_overdue_only(true);
  EXPECT_EQ(feedbacks_->views.List(Operator(), q)->items_size(), 0);
  clock_.Advance(absl::Hours(24 * 15));  // past even the 10-day category
  EXPECT_EQ(feedbacks_->views.List(Operator(), q)->items_size(), 3);
  EXPECT_TRUE(feedbacks_->views.List(Operator(), q)->items(0).overdue());

  // An officer sees only their agency's reports.
  v1::ListFeedbackRequest all;
  auto officer = feedbacks_->views.List(Officer("so-xd"), all);
  ASSERT_EQ(officer->items_size(), 1);
  EXPECT_EQ(officer->items(0).id(), a);
  all.set_agency("cty-moi-truong");
  EXPECT_EQ(feedbacks_->views.List(Officer("so-xd"), all).status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(feedbacks_->views.List(Resident(), all).status().code(), absl::StatusCode::kPermissionDenied);
}

TEST_P(FeedbackTest, OperatorFilesAPhonedInReport) {
  v1::CreateFeedbackRequest call = Pothole();
  call.mutable_reporter()->set_name("Trần Văn Bình");
  call.mutable_reporter()->set_phone("0987 654 321");
  auto r = feedbacks_->intake.Create(Operator(), call, "");
  ASSERT_TRUE(r.ok()) << r.status();
  // The caller later signs in with that phone and finds it among theirs.
  auto mine = feedbacks_->views.ListMine(Resident("777", "84987654321"), v1::ListMyFeedbackRequest());
  ASSERT_EQ(mine->items_size(), 1);
  EXPECT_EQ(mine->items(0).reporter().name(), "Trần Văn Bình");
  call.mutable_reporter()->set_phone("12345");
  EXPECT_EQ(feedbacks_->intake.Create(Operator(), call, "").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(FeedbackTest, HiddenReportsDisappearForThePublic) {
  std::string id = CreateOk(Pothole()).id();
  v1::HideFeedbackRequest hide;
  hide.set_id(id);
  hide.set_hidden(true);
  hide.set_reason("Nội dung xúc phạm cá nhân.");
  EXPECT_EQ(feedbacks_->moderation.Hide(Operator(), hide).status().code(), absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(feedbacks_->moderation.Hide(Admin(), hide).ok());
  v1::GetFeedbackRequest get;
  get.set_id(id);
  EXPECT_EQ(feedbacks_->views.Get(Anonymous(), get).status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(feedbacks_->views.Get(Resident(), get).ok());  // the reporter still follows it
  EXPECT_TRUE(feedbacks_->views.Get(Operator(), get).ok());
  EXPECT_EQ(feedbacks_->views.ListPublic(v1::ListPublicFeedbackRequest())->items_size(), 0);
}

TEST_P(FeedbackTest, BannedReportersAreHeardButNotRouted) {
  std::string first = CreateOk(Pothole()).id();
  v1::BanReporterRequest ban;
  ban.set_id(first);
  ban.set_banned(true);
  ban.set_reason("Gửi hàng trăm phản ánh sai sự thật.");
  ASSERT_TRUE(feedbacks_->moderation.BanReporter(Admin(), ban).ok());
  auto next = CreateOk(Pothole());
  EXPECT_EQ(next.status(), v1::RECEIVED);  // accepted, kept, not sent to an agency
  EXPECT_TRUE(GetAs(next.id(), Operator()).held());
  EXPECT_FALSE(GetAs(next.id(), Resident()).held());  // the reporter is not told
  ban.set_banned(false);
  ASSERT_TRUE(feedbacks_->moderation.BanReporter(Admin(), ban).ok());
  EXPECT_EQ(CreateOk(Pothole()).status(), v1::ASSIGNED);
}

TEST_P(FeedbackTest, CatalogueIsAdminEditedData) {
  v1::PutCategoryRequest put;
  auto cat = feedbacks_->catalog.GetCategory([] { v1::GetCategoryRequest r; r.set_code("rubbish"); return r; }());
  ASSERT_TRUE(cat.ok());
  *put.mutable_category() = *cat;
  put.mutable_category()->set_answer_days(2);
  EXPECT_EQ(feedbacks_->catalog.PutCategory(Operator(), put).status().code(), absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(feedbacks_->catalog.PutCategory(Admin(), put).ok());
  EXPECT_EQ(feedbacks_->catalog.ListCategories(v1::ListCategoriesRequest())->categories_size(), 11);
  put.mutable_category()->set_active(false);
  ASSERT_TRUE(feedbacks_->catalog.PutCategory(Admin(), put).ok());
  EXPECT_EQ(feedbacks_->catalog.ListCategories(v1::ListCategoriesRequest())->categories_size(), 10);
  // Survives a restart: the catalogue is in the database.
  Catalog fresh;
  Feedbacks reloaded({*store_, fresh, *attachments_, *vault_, *events_vault_, testing::ShippedVietnamCalendar(), {},
                      &clock_});
  ASSERT_TRUE(reloaded.catalog.LoadCatalog().ok());
  EXPECT_EQ(reloaded.catalog.ListCategories(v1::ListCategoriesRequest())->categories_size(), 10);
}

// Two replicas: an admin's change through one reaches the other at its next poll.
TEST_P(FeedbackTest, ACatalogueChangeThroughOneReplicaReachesTheOther) {
  auto second_db = database_.OpenAnother();
  auto second_store = std::move(*SqlFeedbackStore::Open(*second_db, &clock_));
  Catalog second_catalog;
  Feedbacks second({*second_store, second_catalog, *attachments_, *vault_, *events_vault_,
                    testing::ShippedVietnamCalendar(), {}, &clock_});
  sql::VersionWatch watch(*second_db, SqlFeedbackStore::kCatalogueVersion, [&] { return second.catalog.LoadCatalog(); });
  ASSERT_TRUE(watch.Load().ok());
  EXPECT_EQ(second.catalog.ListCategories(v1::ListCategoriesRequest())->categories_size(), 11);

  v1::PutCategoryRequest put;
  *put.mutable_category() = *feedbacks_->catalog.GetCategory([] { v1::GetCategoryRequest r; r.set_code("rubbish"); return r; }());
  put.mutable_category()->set_active(false);
  ASSERT_TRUE(feedbacks_->catalog.PutCategory(Admin(), put).ok());  // through the first replica
  EXPECT_EQ(second.catalog.ListCategories(v1::ListCategoriesRequest())->categories_size(), 11);  // not polled yet
  ASSERT_TRUE(watch.Refresh().ok());
  EXPECT_EQ(second.catalog.ListCategories(v1::ListCategoriesRequest())->categories_size(), 10);
}

}  // namespace
}  // namespace laso::feedback

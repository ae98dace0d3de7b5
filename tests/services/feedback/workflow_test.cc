#include "services/feedback/workflow.h"

#include <gtest/gtest.h>

#include "common/status/status.h"

namespace laso::feedback {
namespace {

TEST(WorkflowTest, TheUsualPath) {
  v1::Status s = v1::RECEIVED;
  for (auto [action, next] : {std::pair{Action::kAssign, v1::ASSIGNED}, {Action::kAccept, v1::IN_PROGRESS},
                              {Action::kRespondPublic, v1::ANSWERED}, {Action::kClose, v1::CLOSED}}) {
    ASSERT_TRUE(CheckAction(s, action).ok()) << v1::Status_Name(s);
    s = After(s, action);
    EXPECT_EQ(s, next);
  }
}

TEST(WorkflowTest, ReopenLeadsBackToWork) {
  ASSERT_TRUE(CheckAction(v1::ANSWERED, Action::kReopen).ok());
  EXPECT_EQ(After(v1::ANSWERED, Action::kReopen), v1::REOPENED);
  ASSERT_TRUE(CheckAction(v1::REOPENED, Action::kAccept).ok());
  EXPECT_EQ(After(v1::REOPENED, Action::kAccept), v1::IN_PROGRESS);
  EXPECT_FALSE(CheckAction(v1::CLOSED, Action::kReopen).ok());
  EXPECT_FALSE(CheckAction(v1::IN_PROGRESS, Action::kReopen).ok());
}

TEST(WorkflowTest, RefusalsNameTheStatus) {
  absl::Status s = CheckAction(v1::CLOSED, Action::kRespondPublic);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(s), "WRONG_STATE");
  EXPECT_NE(s.message().find("Đã đóng"), std::string::npos);
  EXPECT_FALSE(CheckAction(v1::RECEIVED, Action::kAccept).ok());      // not assigned yet
  EXPECT_FALSE(CheckAction(v1::ANSWERED, Action::kAssign).ok());
  EXPECT_FALSE(CheckAction(v1::REJECTED, Action::kSupport).ok());
  EXPECT_FALSE(CheckAction(v1::RECEIVED, Action::kRate).ok());
  EXPECT_TRUE(CheckAction(v1::CLOSED, Action::kRate).ok());
  EXPECT_TRUE(CheckAction(v1::CLOSED, Action::kModerate).ok());
}

TEST(WorkflowTest, PrivateNotesAndTransfers) {
  EXPECT_EQ(After(v1::IN_PROGRESS, Action::kRespondPrivate), v1::IN_PROGRESS);
  EXPECT_EQ(After(v1::IN_PROGRESS, Action::kTransfer), v1::RECEIVED);
  EXPECT_EQ(After(v1::ASSIGNED, Action::kReject, v1::DUPLICATE), v1::DUPLICATE);
  EXPECT_TRUE(IsOpen(v1::REOPENED));
  EXPECT_FALSE(IsOpen(v1::ANSWERED));
  EXPECT_TRUE(IsOpen311Closed(v1::ANSWERED));
  EXPECT_FALSE(IsOpen311Closed(v1::IN_PROGRESS));
}

}  // namespace
}  // namespace laso::feedback

#include "services/dossier/status_rules.h"

#include <gtest/gtest.h>

namespace laso::dossier {
namespace {

TEST(StatusRulesTest, LabelsAreThePortals) {
  EXPECT_EQ(StatusLabel(v1::REGISTERED), "Mới đăng ký");
  EXPECT_EQ(StatusLabel(v1::SUPPLEMENT_REQUESTED), "Yêu cầu bổ sung giấy tờ");
  EXPECT_EQ(StatusLabel(v1::RESULT_RETURNED), "Đã trả kết quả");
  for (int s = 1; s <= 10; ++s) EXPECT_FALSE(StatusLabel(static_cast<v1::Status>(s)).empty()) << s;
}

TEST(StatusRulesTest, TheUsualPathIsAllowed) {
  EXPECT_TRUE(TransitionAllowed(v1::REGISTERED, v1::RECEIVED));
  EXPECT_TRUE(TransitionAllowed(v1::RECEIVED, v1::PROCESSING));
  EXPECT_TRUE(TransitionAllowed(v1::PROCESSING, v1::SUPPLEMENT_REQUESTED));
  EXPECT_TRUE(TransitionAllowed(v1::SUPPLEMENT_REQUESTED, v1::PROCESSING));
  EXPECT_TRUE(TransitionAllowed(v1::PROCESSING, v1::FINANCIAL_OBLIGATION));
  EXPECT_TRUE(TransitionAllowed(v1::FINANCIAL_OBLIGATION, v1::PROCESSED));
  EXPECT_TRUE(TransitionAllowed(v1::PROCESSED, v1::RESULT_RETURNED));
}

TEST(StatusRulesTest, NothingLeavesAnEnd) {
  for (Status end : {v1::NOT_ACCEPTED, v1::WITHDRAWN, v1::STOPPED, v1::RESULT_RETURNED}) {
    for (int to = 1; to <= 10; ++to) {
      EXPECT_FALSE(TransitionAllowed(end, static_cast<Status>(to))) << end << " -> " << to;
    }
  }
}

TEST(StatusRulesTest, NoSkippingReceptionOrGoingBack) {
  EXPECT_FALSE(TransitionAllowed(v1::REGISTERED, v1::PROCESSING));
  EXPECT_FALSE(TransitionAllowed(v1::REGISTERED, v1::PROCESSED));
  EXPECT_FALSE(TransitionAllowed(v1::PROCESSED, v1::PROCESSING));
  EXPECT_FALSE(TransitionAllowed(v1::PROCESSED, v1::WITHDRAWN));  // a result exists: nothing to withdraw
  EXPECT_FALSE(TransitionAllowed(v1::RECEIVED, v1::REGISTERED));
  EXPECT_FALSE(TransitionAllowed(v1::RECEIVED, v1::RESULT_RETURNED));
}

TEST(StatusRulesTest, Kinds) {
  EXPECT_TRUE(IsPausing(v1::SUPPLEMENT_REQUESTED));
  EXPECT_TRUE(IsPausing(v1::FINANCIAL_OBLIGATION));
  EXPECT_FALSE(IsPausing(v1::PROCESSING));
  EXPECT_TRUE(IsFinished(v1::PROCESSED));
  EXPECT_TRUE(IsClosed(v1::WITHDRAWN));
  EXPECT_FALSE(IsClosed(v1::RESULT_RETURNED));
}

}  // namespace
}  // namespace laso::dossier

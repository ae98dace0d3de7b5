#include "services/billing/billing_config.h"

#include <gtest/gtest.h>

#include "tests/support/config_with.h"

namespace laso::billing {
namespace {

using testing::ConfigWith;

TEST(BillingConfigTest, BothSharedKeysAreRequired) {
  auto none = BillingConfigFrom(ConfigWith({}));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(none.status().message().find("billing.phone_hash_key"), std::string::npos);
  EXPECT_FALSE(BillingConfigFrom(ConfigWith({{"billing.phone_hash_key", "k"}})).ok());
}

TEST(BillingConfigTest, KeysBecomeTheBillsOptions) {
  auto c = BillingConfigFrom(ConfigWith({{"billing.phone_hash_key", "shared"},
                                   {"billing.zalo_checkout_private_key", "private"},
                                   {"billing.due_soon_days", "5"},
                                   {"billing.providers_file", ""}}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->bills.phone_hash_key, "shared");
  EXPECT_EQ(c->bills.checkout_private_key, "private");
  EXPECT_EQ(c->bills.due_soon_days, 5);
  EXPECT_EQ(c->providers_file, "");
  EXPECT_EQ(c->notice_interval, absl::Minutes(10));
}

}  // namespace
}  // namespace laso::billing

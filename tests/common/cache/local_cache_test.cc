#include "common/cache/local_cache.h"

#include <gtest/gtest.h>

namespace laso::cache {
namespace {

std::shared_ptr<const std::string> V(const std::string& s) { return std::make_shared<const std::string>(s); }

class LocalCacheTest : public ::testing::Test {
 protected:
  FakeClock clock_{absl::FromUnixSeconds(1800000000)};
  LocalCache<std::string> cache_{3, absl::Minutes(10), &clock_};
};

TEST_F(LocalCacheTest, GivesBackWhatWasPut) {
  EXPECT_EQ(cache_.Get("a"), nullptr);
  cache_.Put("a", V("một"), cache_.Ticket());
  ASSERT_NE(cache_.Get("a"), nullptr);
  EXPECT_EQ(*cache_.Get("a"), "một");
}

TEST_F(LocalCacheTest, ClearDropsEverythingAndRefusesOlderReads) {
  uint64_t before = cache_.Ticket();
  cache_.Put("a", V("a"), cache_.Ticket());
  cache_.Clear();
  EXPECT_EQ(cache_.Get("a"), nullptr);
  cache_.Put("b", V("old"), before);  // read before the clear: may be stale
  EXPECT_EQ(cache_.Get("b"), nullptr);
  cache_.Put("b", V("new"), cache_.Ticket());
  EXPECT_EQ(*cache_.Get("b"), "new");
}

TEST_F(LocalCacheTest, EvictsTheLeastRecentlyUsed) {
  for (const char* k : {"a", "b", "c"}) cache_.Put(k, V(k), cache_.Ticket());
  ASSERT_NE(cache_.Get("a"), nullptr);  // a is now the most recent
  cache_.Put("d", V("d"), cache_.Ticket());
  EXPECT_EQ(cache_.size(), 3u);
  EXPECT_EQ(cache_.Get("b"), nullptr);
  EXPECT_NE(cache_.Get("a"), nullptr);
  EXPECT_NE(cache_.Get("d"), nullptr);
}

TEST_F(LocalCacheTest, EntriesExpire) {
  cache_.Put("a", V("a"), cache_.Ticket());
  clock_.Advance(absl::Minutes(9));
  EXPECT_NE(cache_.Get("a"), nullptr);
  clock_.Advance(absl::Minutes(1));
  EXPECT_EQ(cache_.Get("a"), nullptr);
  EXPECT_EQ(cache_.size(), 0u);
}

TEST_F(LocalCacheTest, InvalidateDropsTheEntry) {
  cache_.Put("a", V("a"), cache_.Ticket());
  cache_.Invalidate("a");
  EXPECT_EQ(cache_.Get("a"), nullptr);
}

TEST_F(LocalCacheTest, AReadThatStartedBeforeAWriteIsNotCached) {
  uint64_t ticket = cache_.Ticket();  // a reader misses and goes to the store...
  cache_.Invalidate("a");             // ...a writer commits meanwhile...
  cache_.Put("a", V("old"), ticket);  // ...and the reader's answer may be old
  EXPECT_EQ(cache_.Get("a"), nullptr);
  cache_.Put("a", V("new"), cache_.Ticket());
  EXPECT_EQ(*cache_.Get("a"), "new");
}

TEST_F(LocalCacheTest, WritesToOtherKeysDoNotRefuseARead) {
  uint64_t ticket = cache_.Ticket();
  cache_.Invalidate("b");  // busy ingestion of other dossiers
  cache_.Put("a", V("a"), ticket);
  ASSERT_NE(cache_.Get("a"), nullptr);
}

TEST_F(LocalCacheTest, OldReadsStayRefusedAfterManyInvalidations) {
  uint64_t ticket = cache_.Ticket();
  cache_.Invalidate("a");
  for (int i = 0; i < 1000; ++i) cache_.Invalidate("other" + std::to_string(i));  // "a" is forgotten
  cache_.Put("a", V("old"), ticket);
  EXPECT_EQ(cache_.Get("a"), nullptr);
  cache_.Put("a", V("new"), cache_.Ticket());
  EXPECT_EQ(*cache_.Get("a"), "new");
}

TEST_F(LocalCacheTest, ReplacingKeepsOneEntry) {
  cache_.Put("a", V("1"), cache_.Ticket());
  cache_.Put("a", V("2"), cache_.Ticket());
  EXPECT_EQ(cache_.size(), 1u);
  EXPECT_EQ(*cache_.Get("a"), "2");
}

TEST(LocalCacheCapacityTest, ZeroCapacityCachesNothing) {
  LocalCache<std::string> off(0, absl::Minutes(1));
  off.Put("a", V("a"), off.Ticket());
  EXPECT_EQ(off.Get("a"), nullptr);
}

}  // namespace
}  // namespace laso::cache

#include "common/process/free_memory.h"

#include <memory>
#include <vector>

#include <gtest/gtest.h>

namespace laso::process {
namespace {

// Linked with tcmalloc as the servers are (not under the sanitizers, which bring their own allocator).
TEST(FreeMemoryTest, WhatABurstFreedGoesBackToTheSystem) {
#if defined(LASO_TEST_WITHOUT_TCMALLOC)
  EXPECT_EQ(FreeMemoryReturner::FreeBytes(), 0u);
  EXPECT_EQ(FreeMemoryReturner::ReturnIfAbove(0), 0u);
  GTEST_SKIP() << "built without tcmalloc";
#else
  {
    // A burst: 128 MB in blocks of 1 MB, as an import's rows and protos, then freed.
    std::vector<std::unique_ptr<char[]>> blocks;
    for (int i = 0; i < 128; ++i) {
      blocks.push_back(std::make_unique<char[]>(1 << 20));
      blocks.back()[0] = 1;
    }
  }
  size_t held = FreeMemoryReturner::FreeBytes();
  EXPECT_GE(held, size_t{64} << 20) << "tcmalloc keeps what was freed";
  EXPECT_EQ(FreeMemoryReturner::ReturnIfAbove(held + 1), 0u) << "below the threshold nothing is returned";
  size_t returned = FreeMemoryReturner::ReturnIfAbove(size_t{32} << 20);
  EXPECT_GE(returned, size_t{64} << 20);
  EXPECT_LT(FreeMemoryReturner::FreeBytes(), size_t{32} << 20);
#endif
}

}  // namespace
}  // namespace laso::process

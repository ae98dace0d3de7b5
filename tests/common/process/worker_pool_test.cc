#include "common/process/worker_pool.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

namespace laso::process {
namespace {

TEST(WorkerPoolTest, RunsEveryTaskBeforeItIsDestroyed) {
  std::atomic<int> done{0};
  {
    WorkerPool pool(3);
    for (int i = 0; i < 1000; ++i) pool.Submit([&] { done++; });
  }
  EXPECT_EQ(done.load(), 1000);
}

TEST(WorkerPoolTest, RunsTasksOffTheCallersThread) {
  std::thread::id caller = std::this_thread::get_id(), worker;
  {
    WorkerPool pool(1);
    pool.Submit([&] { worker = std::this_thread::get_id(); });
  }
  EXPECT_NE(worker, caller);
}

TEST(WorkerPoolTest, ABlockedTaskDoesNotHoldTheOthers) {
  absl::Mutex mu;
  bool release = false, second_ran = false;
  WorkerPool pool(2);
  pool.Submit([&] {
    absl::MutexLock lock(&mu);
    auto released = [&] { return release; };
    mu.Await(absl::Condition(&released));
  });
  pool.Submit([&] {
    absl::MutexLock lock(&mu);
    second_ran = true;
  });
  absl::MutexLock lock(&mu);
  auto ran = [&] { return second_ran; };
  EXPECT_TRUE(mu.AwaitWithTimeout(absl::Condition(&ran), absl::Seconds(10)));
  release = true;
}

}  // namespace
}  // namespace laso::process

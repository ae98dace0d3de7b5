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
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(pool.TrySubmit([&] { done++; }));
  }
  EXPECT_EQ(done.load(), 1000);
}

TEST(WorkerPoolTest, RunsTasksOffTheCallersThread) {
  std::thread::id caller = std::this_thread::get_id(), worker;
  {
    WorkerPool pool(1);
    ASSERT_TRUE(pool.TrySubmit([&] { worker = std::this_thread::get_id(); }));
  }
  EXPECT_NE(worker, caller);
}

TEST(WorkerPoolTest, ABlockedTaskDoesNotHoldTheOthers) {
  absl::Mutex mu;
  bool release = false, second_ran = false;
  WorkerPool pool(2);
  EXPECT_TRUE(pool.TrySubmit([&] {
    absl::MutexLock lock(&mu);
    auto released = [&] { return release; };
    mu.Await(absl::Condition(&released));
  }));
  EXPECT_TRUE(pool.TrySubmit([&] {
    absl::MutexLock lock(&mu);
    second_ran = true;
  }));
  absl::MutexLock lock(&mu);
  auto ran = [&] { return second_ran; };
  EXPECT_TRUE(mu.AwaitWithTimeout(absl::Condition(&ran), absl::Seconds(10)));
  release = true;
}

TEST(WorkerPoolTest, RefusesWorkBeyondTheQueueBound) {
  absl::Mutex mu;
  bool started = false, release = false;
  std::atomic<int> done{0};
  {
    WorkerPool pool(1, /*max_queued=*/2);
    EXPECT_TRUE(pool.TrySubmit([&] {  // occupies the only thread
      absl::MutexLock lock(&mu);
      started = true;
      auto released = [&] { return release; };
      mu.Await(absl::Condition(&released));
    }));
    {
      absl::MutexLock lock(&mu);  // until the thread has taken it off the queue
      mu.Await(absl::Condition(&started));
    }
    EXPECT_TRUE(pool.TrySubmit([&] { done++; }));
    EXPECT_TRUE(pool.TrySubmit([&] { done++; }));
    EXPECT_FALSE(pool.TrySubmit([&] { done++; }));
    absl::MutexLock lock(&mu);
    release = true;
  }
  EXPECT_EQ(done.load(), 2);
}

}  // namespace
}  // namespace laso::process

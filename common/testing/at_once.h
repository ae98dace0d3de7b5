#pragma once

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace laso::testing {

// Runs work(0) ... work(n-1) on n threads released together, so that they really
// overlap (a race test that starts threads one by one mostly runs them in turn).
inline void RunAtOnce(int n, const std::function<void(int)>& work) {
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (!go.load()) std::this_thread::yield();
      work(i);
    });
  }
  while (ready.load() < n) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
}

}  // namespace laso::testing

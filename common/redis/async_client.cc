#include "common/redis/async_client.h"

namespace laso::redis {

AsyncClient::AsyncClient(Client& client, int threads, size_t max_queue) : client_(client), max_queue_(max_queue) {
  for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { Work(); });
}

AsyncClient::~AsyncClient() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  for (auto& t : threads_) t.join();
}

void AsyncClient::Submit(std::function<void()> work, const Done& on_full) {
  {
    absl::MutexLock lock(&mu_);
    if (!stop_ && queue_.size() < max_queue_) {
      queue_.push_back(std::move(work));
      return;
    }
  }
  on_full(absl::UnavailableError("redis unavailable: too many calls waiting"));
}

void AsyncClient::Run(Command command, Done done) {
  auto work = [this, command = std::move(command), done]() { done(client_.Run(command)); };
  Submit(std::move(work), done);
}

void AsyncClient::RunScript(const Script& script, std::vector<std::string> keys, std::vector<std::string> args,
                            Done done) {
  auto work = [this, &script, keys = std::move(keys), args = std::move(args), done]() {
    done(script.Run(client_, keys, args));
  };
  Submit(std::move(work), done);
}

void AsyncClient::Work() {
  while (true) {
    std::function<void()> work;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](AsyncClient* self) ABSL_NO_THREAD_SAFETY_ANALYSIS { return self->stop_ || !self->queue_.empty(); },
          this));
      if (queue_.empty()) return;  // stopping and drained
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work();
  }
}

}  // namespace laso::redis

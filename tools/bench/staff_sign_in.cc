// staff-sign-in-bench: staff sign-ins (password + TOTP, Argon2id at the
// configured cost) through the gateway.
//   staff-sign-in-bench PORT ACCOUNTS_FILE setup
//       first sign-in of each account (one-time password -> its own password)
//   staff-sign-in-bench PORT ACCOUNTS_FILE closed CLIENTS SECONDS
//       as fast as CLIENTS clients can: sign-ins per second, p50, p99
//   staff-sign-in-bench PORT ACCOUNTS_FILE rate PER_SECOND SECONDS
//       a steady rate (beside another load): achieved rate, p50, p99
// ACCOUNTS_FILE has one account per line: username, one-time password, base32 TOTP secret (tabs).
// Each account's codes are good once, so the accounts are taken in turn, each at its next unused step.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/crypto/totp.h"
#include "common/testing/http_test_client.h"

namespace {

using laso::testing::HttpTestClient;

struct Account {
  std::string username, one_time, secret;
  int64_t last_step = 0;
};

std::string PasswordOf(const Account& a) { return "Bench " + a.username + " mật khẩu 2026"; }

class Accounts {
 public:
  explicit Accounts(std::vector<Account> all) : all_(std::move(all)) {}
  // The next account with a code left in the current window, and that code.
  bool Take(Account* out, std::string* code) {
    std::lock_guard<std::mutex> lock(mu_);
    int64_t now = laso::crypto::TotpStep(absl::Now());
    for (size_t tried = 0; tried < all_.size(); ++tried) {
      Account& a = all_[next_++ % all_.size()];
      int64_t step = std::max(a.last_step + 1, now - 1);
      if (step > now + 1) continue;
      a.last_step = step;
      *out = a;
      *code = laso::crypto::TotpCode(a.secret, step);
      return true;
    }
    return false;
  }
  size_t size() const { return all_.size(); }
  std::vector<Account>& all() { return all_; }

 private:
  std::mutex mu_;
  std::vector<Account> all_;
  size_t next_ = 0;
};

struct Tally {
  std::mutex mu;
  std::vector<double> ms;
  int failed = 0;
  int starved = 0;  // no account had a code left: more accounts needed for this rate
  void Add(bool ok, double millis) {
    std::lock_guard<std::mutex> lock(mu);
    if (ok) ms.push_back(millis);
    else ++failed;
  }
  double Percentile(double p) {
    if (ms.empty()) return 0;
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))];
  }
};

bool SignIn(HttpTestClient& http, Accounts& accounts, Tally& tally) {
  Account a;
  std::string code;
  if (!accounts.Take(&a, &code)) {
    {
      std::lock_guard<std::mutex> lock(tally.mu);
      ++tally.starved;
    }
    absl::SleepFor(absl::Milliseconds(50));  // a code frees up with the next 30 s step
    return false;
  }
  absl::Time start = absl::Now();
  auto r = http.PostJson("/v1/auth/staff",
                         nlohmann::json{{"username", a.username}, {"password", PasswordOf(a)}, {"totp", code}}.dump());
  tally.Add(r.status == 200, absl::ToDoubleMilliseconds(absl::Now() - start));
  if (r.status != 200 && tally.failed < 3) std::fprintf(stderr, "sign-in %d: %s\n", r.status, r.body.c_str());
  return r.status == 200;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  if (argc < 4 || !absl::SimpleAtoi(argv[1], &port)) {
    std::fputs("usage: staff-sign-in-bench PORT ACCOUNTS_FILE setup|closed CLIENTS SECONDS|rate PER_SECOND SECONDS\n", stderr);
    return 2;
  }
  std::vector<Account> all;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    Account a;
    if (f.size() != 3 || !laso::crypto::Base32Decode(f[2], &a.secret)) continue;
    a.username = f[0];
    a.one_time = f[1];
    all.push_back(std::move(a));
  }
  Accounts accounts(std::move(all));
  std::string mode = argv[3];
  Tally tally;

  if (mode == "setup") {
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        HttpTestClient http(port);
        for (size_t i = next++; i < accounts.size(); i = next++) {
          Account& a = accounts.all()[i];
          int64_t step = laso::crypto::TotpStep(absl::Now());
          auto r = http.PostJson("/v1/auth/staff:changePassword",
                                 nlohmann::json{{"username", a.username},
                                                {"password", a.one_time},
                                                {"totp", laso::crypto::TotpCode(a.secret, step)},
                                                {"newPassword", PasswordOf(a)}}
                                     .dump());
          tally.Add(r.status == 200, 0);
          if (r.status != 200) std::fprintf(stderr, "setup %s: %d %s\n", a.username.c_str(), r.status, r.body.c_str());
        }
      });
    }
    for (auto& t : threads) t.join();
    std::printf("accounts ready: %zu (failed %d)\n", tally.ms.size(), tally.failed);
    return tally.failed == 0 ? 0 : 1;
  }

  double seconds = 0, amount = 0;
  if (argc < 6 || !absl::SimpleAtod(argv[4], &amount) || !absl::SimpleAtod(argv[5], &seconds) || amount <= 0) {
    std::fputs("staff-sign-in-bench: give CLIENTS (or PER_SECOND) and SECONDS\n", stderr);
    return 2;
  }
  // Setup just used the current step of every account: start with the next one.
  for (Account& a : accounts.all()) a.last_step = laso::crypto::TotpStep(absl::Now());
  absl::Time start = absl::Now(), end = start + absl::Seconds(seconds);
  std::vector<std::thread> threads;
  if (mode == "closed") {
    for (int t = 0; t < static_cast<int>(amount); ++t) {
      threads.emplace_back([&] {
        HttpTestClient http(port);
        while (absl::Now() < end) SignIn(http, accounts, tally);
      });
    }
  } else if (mode == "rate") {
    // Each of 8 clients keeps its share of the schedule; a late one catches up at once, never in bursts beyond it.
    const int clients = 8;
    absl::Duration every = absl::Seconds(clients / amount);
    for (int t = 0; t < clients; ++t) {
      threads.emplace_back([&, t] {
        HttpTestClient http(port);
        for (absl::Time due = start + every * t / clients; due < end; due += every) {
          absl::Time now = absl::Now();
          if (due > now) absl::SleepFor(due - now);
          SignIn(http, accounts, tally);
        }
      });
    }
  } else {
    return 2;
  }
  for (auto& t : threads) t.join();
  double took = absl::ToDoubleSeconds(absl::Now() - start);
  std::printf("%s: %.1f sign-ins/s  p50 %.0f ms  p99 %.0f ms  (%zu ok, %d failed, %d without a fresh code, %.0f s)\n",
              mode == "closed" ? ("closed loop, " + std::to_string(static_cast<int>(amount)) + " clients").c_str()
                               : ("steady " + std::to_string(static_cast<int>(amount)) + "/s").c_str(),
              tally.ms.size() / took, tally.Percentile(0.5), tally.Percentile(0.99), tally.ms.size(), tally.failed,
              tally.starved, took);
  return 0;
}

#include "services/notify/zns_sender.h"

#include <random>

#include <nlohmann/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "common/crypto/random.h"
#include "common/log/log.h"
#include "common/metrics/metrics.h"
#include "common/outbox/outbox.h"
#include "common/time/rfc3339.h"
#include "services/notify/event_intake.h"

namespace laso::notify {
namespace {

using Outcome = ZnsResult::Outcome;

metrics::CounterFamily& Sends() {
  static auto& family = metrics::Registry::Default().Counter(
      "laso_notify_zns_total", "Zalo ZNS sends, by outcome", {"outcome"});
  return family;
}

metrics::CounterFamily& DeadLetters() {
  static auto& family = metrics::Registry::Default().Counter(
      "laso_notify_dead_letters_total", "Messages given up on, by channel and reason", {"channel", "reason"});
  return family;
}

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kSent: return "sent";
    case Outcome::kRetry: return "retry";
    case Outcome::kRejected: return "rejected";
    case Outcome::kQuota: return "quota";
    case Outcome::kTokenInvalid: return "token_invalid";
  }
  return "unknown";
}

}  // namespace

absl::Status ZnsSender::DeadLetter(NotifyStore::Tx& tx, const Delivery& d, const std::string& reason) {
  // The letter names the event, never the person: no phone, no subject.
  nlohmann::json payload = {{"eventId", d.event_id}, {"type", d.type},         {"channel", "zns"},
                            {"templateId", d.template_id}, {"reason", reason}, {"attempts", d.attempts}};
  std::string short_reason = reason.substr(0, reason.find(':'));
  DeadLetters().Inc({"zns", short_reason});
  log::Warn("zalo message dead-lettered", {{"event", d.event_id}, {"type", d.type}, {"reason", reason}});
  return tx.MarkDead(d, reason,
                     outbox::NewEvent("notify.dead_letter", absl::StrCat("event/", d.event_id), payload.dump(), *clock_),
                     clock_->Now());
}

SenderOptions ZnsSender::WithOwner(SenderOptions options) {
  if (options.owner.empty()) options.owner = absl::StrCat("sender-", crypto::RandomToken(8));
  return options;
}

absl::StatusOr<int> ZnsSender::RecoverInterrupted() {
  int n = 0;
  auto s = store_.Write([&](NotifyStore::Tx& tx) -> absl::Status {
    auto in_flight = tx.Orphans(options_.owner, clock_->Now() - options_.orphan_after);
    if (!in_flight.ok()) return in_flight.status();
    n = static_cast<int>(in_flight->size());
    for (Delivery& d : *in_flight) {
      ++d.attempts;
      if (auto st = DeadLetter(tx, d, "interrupted: the process stopped while this message was being sent; it may "
                                       "have reached Zalo (reconcile by tracking_id)");
          !st.ok()) {
        return st;
      }
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return n;
}

absl::Time ZnsSender::NextQuotaReset(absl::Time now) const {
  absl::Time reset = VietnamStartOfDay(VietnamDay(now)) + absl::Minutes(options_.quota_reset_minute);
  while (reset <= now) reset += absl::Hours(24);
  return reset;
}

absl::Duration ZnsSender::Backoff(int attempts) {
  absl::Duration d = options_.backoff;
  for (int i = 1; i < attempts && d < options_.max_backoff; ++i) d *= 2;
  d = std::min(d, options_.max_backoff);
  // Jitter: anywhere in [d/2, d], so that retries after an outage spread out.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_real_distribution<double> spread(0.5, 1.0);
  return d * spread(rng);
}

std::optional<absl::Time> ZnsSender::PausedUntil() {
  auto v = store_.Value(kPauseKey);
  int64_t micros = 0;
  if (!v.ok() || v->empty() || !absl::SimpleAtoi(*v, &micros)) return std::nullopt;
  absl::Time until = absl::FromUnixMicros(micros);
  if (until <= clock_->Now()) return std::nullopt;
  return until;
}

absl::StatusOr<int> ZnsSender::RunOnce() {
  static auto& paused = metrics::Registry::Default().Gauge(
      "laso_notify_zns_paused", "1 while ZNS sending waits for Zalo's daily quota to come back", {});
  static auto& expires = metrics::Registry::Default().Gauge(
      "laso_notify_oa_token_expires_at_seconds", "When the Zalo OA access token expires (unix seconds)", {});
  bool waiting = PausedUntil().has_value();
  paused.Set({}, waiting ? 1 : 0);
  if (waiting) return 0;
  // Without a token nothing is claimed, so no message uses up a try.
  auto token = token_.Current();
  if (auto at = token_.ExpiresAt()) expires.Set({}, static_cast<double>(absl::ToUnixSeconds(*at)));
  if (!token.ok()) return token.status();
  std::vector<Delivery> batch;
  auto claimed = store_.Write([&](NotifyStore::Tx& tx) -> absl::Status {
    auto due = tx.ClaimDue(clock_->Now(), options_.concurrency, options_.owner);
    if (!due.ok()) return due.status();
    batch = *std::move(due);
    return absl::OkStatus();
  });
  if (!claimed.ok()) return claimed;
  if (batch.empty()) return 0;

  std::vector<ZnsResult> results(batch.size());
  std::vector<bool> expired(batch.size(), false);
  absl::Time now = clock_->Now();
  {
    absl::BlockingCounter pending(static_cast<int>(batch.size()));
    for (size_t i = 0; i < batch.size(); ++i) {
      const Delivery& d = batch[i];
      if (d.expires_at && *d.expires_at < now) {
        expired[i] = true;
        pending.DecrementCount();
        continue;
      }
      auto phone = vault_.Unseal(d.phone_sealed, kPhoneContext);
      if (!phone.ok()) {
        results[i] = {Outcome::kRejected, "phone unreadable", ""};
        pending.DecrementCount();
        continue;
      }
      zalo_.SendTemplate(*token, *phone, d.template_id, d.template_data, d.event_id, [&results, &pending, i](ZnsResult r) {
        results[i] = std::move(r);
        pending.DecrementCount();
      });
    }
    pending.Wait();
  }

  now = clock_->Now();
  bool refused = false;
  std::optional<absl::Time> pause;
  // The engine may run this transaction again (a conflict on PostgreSQL): it starts from the
  // batch as sent every time, and counts nothing until it has committed.
  auto recorded = store_.Write([&](NotifyStore::Tx& tx) -> absl::Status {
    refused = false;
    pause.reset();
    for (size_t i = 0; i < batch.size(); ++i) {
      Delivery d = batch[i];
      const ZnsResult& r = results[i];
      if (expired[i]) {
        if (auto s = tx.MarkSkipped(d.seq, "expired before it could be sent", now); !s.ok()) return s;
        continue;
      }
      absl::Status s;
      switch (r.outcome) {
        case Outcome::kSent:
          s = tx.MarkSent(d.seq, r.msg_id, now);
          break;
        case Outcome::kQuota:
          // Not the message's fault: it waits, without using up a try.
          if (!pause) pause = NextQuotaReset(now);
          s = tx.Reschedule(d.seq, d.attempts, *pause, r.detail, now);
          break;
        case Outcome::kTokenInvalid:
          refused = true;
          [[fallthrough]];
        case Outcome::kRetry:
          ++d.attempts;
          if (d.attempts >= options_.max_attempts) {
            s = DeadLetter(tx, d, absl::StrCat("gave up: ", d.attempts, " tries, last ", r.detail));
          } else {
            s = tx.Reschedule(d.seq, d.attempts, now + (r.outcome == Outcome::kTokenInvalid ? absl::ZeroDuration() : Backoff(d.attempts)),
                              r.detail, now);
          }
          break;
        case Outcome::kRejected:
          ++d.attempts;
          s = DeadLetter(tx, d, absl::StrCat("rejected: ", r.detail));
          break;
      }
      if (!s.ok()) return s;
    }
    if (pause) return tx.PutValue(kPauseKey, absl::StrCat(absl::ToUnixMicros(*pause)));
    return absl::OkStatus();
  });
  if (!recorded.ok()) return recorded;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!expired[i]) Sends().Inc({OutcomeName(results[i].outcome)});
  }
  if (refused) token_.Invalidate();
  if (pause) log::Warn("zalo ZNS quota spent: sending paused", {{"until", FormatRfc3339(*pause)}});
  return static_cast<int>(batch.size());
}

absl::Duration ZnsSender::Round() {
  if (clock_->Now() >= next_orphan_check_) {  // what a previous holder left, once it is surely done
    next_orphan_check_ = clock_->Now() + options_.orphan_after / 2;
    auto orphans = RecoverInterrupted();
    if (orphans.ok() && *orphans > 0) log::Warn("zalo messages left in flight were dead-lettered", {{"count", *orphans}});
  }
  auto handled = RunOnce();
  if (!handled.ok()) {
    if (!was_failing_) log::Warn("zalo sending waits", {{"error", std::string(handled.status().message())}});
    was_failing_ = true;
    return absl::Seconds(1);
  }
  was_failing_ = false;
  return *handled > 0 ? absl::ZeroDuration() : options_.idle_poll;  // more may be due at once
}

}  // namespace laso::notify

// Feedbacks: statistics and the public ranking of agencies.
#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "common/time/date_range.h"
#include "common/time/rfc3339.h"
#include "services/feedback/feedback_stats.h"
#include "services/feedback/labels.h"
#include "services/feedback/workflow.h"

namespace laso::feedback {
namespace {

struct Tally {
  int received = 0, answered = 0, on_time = 0, ratings = 0, open_overdue = 0;
  int64_t rating_sum = 0;
  std::vector<int> answer_days;
};

double Median(std::vector<int> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

v1::StatsRow RowOf(const std::string& key, const std::string& name, const Tally& t) {
  v1::StatsRow r;
  r.set_key(key);
  r.set_name(name);
  r.set_received(t.received);
  r.set_answered(t.answered);
  r.set_answered_on_time(t.on_time);
  r.set_on_time_rate(t.answered == 0 ? 1.0 : static_cast<double>(t.on_time) / t.answered);
  r.set_median_answer_working_days(Median(t.answer_days));
  r.set_ratings(t.ratings);
  r.set_average_rating(t.ratings == 0 ? 0 : static_cast<double>(t.rating_sum) / t.ratings);
  r.set_open_overdue(t.open_overdue);
  return r;
}

}  // namespace

absl::StatusOr<v1::FeedbackStats> Statistics::Stats(const v1::GetFeedbackStatsRequest& req) const {
  absl::Time now = ctx_.clock->Now();
  auto period = ParseDayRange(req.from(), req.to(), now);
  if (!period.ok()) return period.status();
  absl::Time from = period->begin(), to = period->end();
  auto facts = ctx_.store.StatsFacts(from, to);
  if (!facts.ok()) return facts.status();

  v1::GroupBy by = req.group_by() == v1::GROUP_BY_UNSPECIFIED ? v1::AGENCY : req.group_by();
  std::map<std::string, Tally> groups;
  Tally total;
  for (const StatsFact& f : *facts) {
    if ((!req.agency().empty() && f.agency != req.agency()) || (!req.category().empty() && f.category != req.category()) ||
        (!req.ward().empty() && f.ward != req.ward())) {
      continue;
    }
    std::string key = by == v1::CATEGORY ? f.category
                      : by == v1::WARD   ? f.ward
                      : by == v1::CHANNEL ? (f.channel == 0 ? "" : v1::Channel_Name(static_cast<v1::Channel>(f.channel)))
                                          : f.agency;
    for (Tally* t : {&groups[key], &total}) {
      if (f.received_at >= from && f.received_at < to) ++t->received;
      if (f.answered_at && *f.answered_at >= from && *f.answered_at < to) {
        ++t->answered;
        if (*f.answered_at <= f.due_at) ++t->on_time;
        t->answer_days.push_back(
            std::max(0, ctx_.calendar.WorkingDaysBetween(VietnamDay(f.received_at), VietnamDay(*f.answered_at))));
        if (f.rating > 0) {
          ++t->ratings;
          t->rating_sum += f.rating;
        }
      }
      if (IsOpen(static_cast<v1::Status>(f.status)) && f.due_at < now) ++t->open_overdue;
    }
  }

  auto catalog = ctx_.catalog.Snapshot();
  auto name_of = [&](const std::string& key) -> std::string {
    if (key.empty()) return by == v1::AGENCY ? "Chưa chuyển cơ quan" : "Không rõ";
    if (by == v1::CATEGORY) {
      auto it = catalog->categories.find(key);
      return it == catalog->categories.end() ? key : it->second.name_vi();
    }
    if (by == v1::CHANNEL) return ChannelLabel(key);
    if (by == v1::WARD) {
      auto it = catalog->wards.find(key);
      return it == catalog->wards.end() ? key : it->second.name();
    }
    auto it = catalog->agencies.find(key);
    return it == catalog->agencies.end() ? key : it->second.name();
  };
  v1::FeedbackStats out;
  out.set_group_by(by);
  out.set_from(FormatIsoDate(period->from));
  out.set_to(FormatIsoDate(period->to));
  *out.mutable_total() = RowOf("", "Tổng", total);
  std::vector<v1::StatsRow> rows;
  for (const auto& [key, t] : groups) rows.push_back(RowOf(key, name_of(key), t));
  // The ranking: on time first, then how residents rated the answers, then volume.
  std::sort(rows.begin(), rows.end(), [](const v1::StatsRow& a, const v1::StatsRow& b) {
    if (a.on_time_rate() != b.on_time_rate()) return a.on_time_rate() > b.on_time_rate();
    if (a.average_rating() != b.average_rating()) return a.average_rating() > b.average_rating();
    if (a.answered() != b.answered()) return a.answered() > b.answered();
    return a.key() < b.key();
  });
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].set_rank(static_cast<int32_t>(i + 1));
    *out.add_rows() = std::move(rows[i]);
  }
  return out;
}

}  // namespace laso::feedback

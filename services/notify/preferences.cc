#include "services/notify/preferences.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "common/time/time_of_day.h"

namespace laso::notify {
namespace {

absl::StatusOr<int> Minutes(const std::string& key, const std::string& text) {
  auto d = ParseTimeOfDay(key, text);
  if (!d.ok()) return d.status();
  return static_cast<int>(absl::ToInt64Minutes(*d));
}

std::string HourMinute(int minutes) { return absl::StrFormat("%02d:%02d", minutes / 60, minutes % 60); }

bool InWindow(const QuietWindow& q, int minute) {
  if (!q.enabled || q.start == q.end) return false;
  if (q.start < q.end) return minute >= q.start && minute < q.end;
  return minute >= q.start || minute < q.end;  // across midnight
}

}  // namespace

absl::StatusOr<QuietWindow> ParseQuietWindow(const std::string& key, const std::string& text) {
  if (text == "off" || text.empty()) return QuietWindow{false, 0, 0};
  std::vector<std::string> parts = absl::StrSplit(text, '-');
  if (parts.size() != 2) return absl::InvalidArgumentError(absl::StrCat(key, ": expected HH:MM-HH:MM or off"));
  auto start = Minutes(key, parts[0]);
  if (!start.ok()) return start.status();
  auto end = Minutes(key, parts[1]);
  if (!end.ok()) return end.status();
  return QuietWindow{true, *start, *end};
}

absl::Time EarliestSend(const QuietWindow& quiet, bool urgent, absl::Time now) {
  if (urgent) return now;
  absl::CivilDay today = VietnamDay(now);
  absl::Time midnight = VietnamStartOfDay(today);
  int minute = static_cast<int>(absl::ToInt64Minutes(now - midnight));
  if (!InWindow(quiet, minute)) return now;
  absl::Time end = midnight + absl::Minutes(quiet.end);
  return end > now ? end : end + absl::Hours(24);
}

Preferences::Resolved Preferences::Resolve(const std::string& stored) const {
  Resolved r;
  r.quiet = default_quiet_;
  for (const Kind& k : templates_.kinds()) r.kinds[k.code] = Choice{true, k.zalo_by_default};
  v1::NotificationSettings saved;
  if (stored.empty() || !saved.ParseFromString(stored)) return r;
  for (const v1::KindSetting& s : saved.kinds()) {
    auto it = r.kinds.find(s.kind());
    if (it != r.kinds.end()) it->second = Choice{s.in_app(), s.zalo()};
  }
  if (saved.has_quiet_hours()) {
    auto start = Minutes("start", saved.quiet_hours().start());
    auto end = Minutes("end", saved.quiet_hours().end());
    if (start.ok() && end.ok()) r.quiet = QuietWindow{saved.quiet_hours().enabled(), *start, *end};
  }
  return r;
}

v1::NotificationSettings Preferences::View(const std::string& stored, bool zalo_reachable) const {
  Resolved r = Resolve(stored);
  v1::NotificationSettings out;
  for (const Kind& k : templates_.kinds()) {
    v1::KindSetting* s = out.add_kinds();
    s->set_kind(k.code);
    s->set_label(k.label);
    s->set_in_app(r.kinds[k.code].in_app);
    s->set_zalo(r.kinds[k.code].zalo);
    s->set_urgent(k.urgent);
  }
  out.mutable_quiet_hours()->set_enabled(r.quiet.enabled);
  out.mutable_quiet_hours()->set_start(HourMinute(r.quiet.start));
  out.mutable_quiet_hours()->set_end(HourMinute(r.quiet.end));
  out.set_zalo_reachable(zalo_reachable);
  v1::NotificationSettings saved;
  if (!stored.empty() && saved.ParseFromString(stored)) *out.mutable_updated_at() = saved.updated_at();
  return out;
}

absl::StatusOr<std::string> Preferences::Merge(const std::string& stored, const v1::NotificationSettings& update,
                                               absl::Time now) const {
  Resolved r = Resolve(stored);
  if (update.kinds_size() > 50) return InvalidField("kinds", "Quá nhiều mục cài đặt.");
  for (int i = 0; i < update.kinds_size(); ++i) {
    const v1::KindSetting& s = update.kinds(i);
    auto it = r.kinds.find(s.kind());
    if (it == r.kinds.end()) {
      return InvalidField(absl::StrCat("kinds[", i, "].kind"), absl::StrCat("Không có loại thông báo \"", s.kind(), "\"."));
    }
    it->second = Choice{s.in_app(), s.zalo()};
  }
  if (update.has_quiet_hours()) {
    const v1::QuietHours& q = update.quiet_hours();
    auto start = Minutes("quietHours.start", q.start());
    if (!start.ok()) return InvalidField("quietHours.start", "Giờ bắt đầu phải có dạng HH:MM, ví dụ 21:00.");
    auto end = Minutes("quietHours.end", q.end());
    if (!end.ok()) return InvalidField("quietHours.end", "Giờ kết thúc phải có dạng HH:MM, ví dụ 07:00.");
    r.quiet = QuietWindow{q.enabled(), *start, *end};
  }
  v1::NotificationSettings saved;
  for (const auto& [kind, choice] : r.kinds) {
    v1::KindSetting* s = saved.add_kinds();
    s->set_kind(kind);
    s->set_in_app(choice.in_app);
    s->set_zalo(choice.zalo);
  }
  saved.mutable_quiet_hours()->set_enabled(r.quiet.enabled);
  saved.mutable_quiet_hours()->set_start(HourMinute(r.quiet.start));
  saved.mutable_quiet_hours()->set_end(HourMinute(r.quiet.end));
  SetTimestamp(now, saved.mutable_updated_at());
  return saved.SerializeAsString();
}

}  // namespace laso::notify

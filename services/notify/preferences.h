#pragma once

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "laso/notify/v1/notify.pb.h"
#include "services/notify/templates.h"

namespace laso::notify {

// Minutes after local midnight (Vietnam time).
struct QuietWindow {
  bool enabled = true;
  int start = 21 * 60;
  int end = 7 * 60;
};

// "21:00-07:00" -> the window; the error names the configuration key.
absl::StatusOr<QuietWindow> ParseQuietWindow(const std::string& key, const std::string& text);

// When a message of an urgent or non-urgent kind may go out: now, or the end
// of the quiet window now falls in.
absl::Time EarliestSend(const QuietWindow& quiet, bool urgent, absl::Time now);

// A resident's choices, over the kinds the templates define: what they did not
// choose comes from each kind's default (in the inbox: yes; by Zalo: the kind's
// zaloByDefault) and from the deployment's quiet hours.
class Preferences {
 public:
  Preferences(const Templates& templates, QuietWindow default_quiet)
      : templates_(templates), default_quiet_(default_quiet) {}

  struct Choice {
    bool in_app = true;
    bool zalo = false;
  };
  struct Resolved {
    std::map<std::string, Choice> kinds;
    QuietWindow quiet;
  };

  // `stored` is what the resident saved (serialized NotificationSettings), or
  // empty for none.
  Resolved Resolve(const std::string& stored) const;
  v1::NotificationSettings View(const std::string& stored, bool zalo_reachable) const;
  // Checks an update and merges it over what was stored; returns the new bytes.
  absl::StatusOr<std::string> Merge(const std::string& stored, const v1::NotificationSettings& update,
                                    absl::Time now) const;

 private:
  const Templates& templates_;
  const QuietWindow default_quiet_;
};

}  // namespace laso::notify

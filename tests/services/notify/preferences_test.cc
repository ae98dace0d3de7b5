#include "services/notify/preferences.h"

#include <gtest/gtest.h>

#include "common/time/rfc3339.h"
#include "tests/e2e/processes.h"

namespace laso::notify {
namespace {

absl::Time At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

TEST(QuietHoursTest, NonUrgentMessagesWaitForTheEndOfTheWindowAcrossMidnight) {
  QuietWindow quiet = *ParseQuietWindow("k", "21:00-07:00");
  EXPECT_EQ(EarliestSend(quiet, false, At("2026-11-24T20:59:00+07:00")), At("2026-11-24T20:59:00+07:00"));
  EXPECT_EQ(EarliestSend(quiet, false, At("2026-11-24T21:00:00+07:00")), At("2026-11-25T07:00:00+07:00"));
  EXPECT_EQ(EarliestSend(quiet, false, At("2026-11-25T03:10:00+07:00")), At("2026-11-25T07:00:00+07:00"));
  EXPECT_EQ(EarliestSend(quiet, false, At("2026-11-25T07:00:00+07:00")), At("2026-11-25T07:00:00+07:00"));
  // Urgent kinds (the truck is coming) go at once.
  EXPECT_EQ(EarliestSend(quiet, true, At("2026-11-24T23:00:00+07:00")), At("2026-11-24T23:00:00+07:00"));
  // A daytime window.
  QuietWindow noon = *ParseQuietWindow("k", "12:00-13:30");
  EXPECT_EQ(EarliestSend(noon, false, At("2026-11-24T12:15:00+07:00")), At("2026-11-24T13:30:00+07:00"));
  EXPECT_EQ(EarliestSend(*ParseQuietWindow("k", "off"), false, At("2026-11-24T23:00:00+07:00")),
            At("2026-11-24T23:00:00+07:00"));
  EXPECT_FALSE(ParseQuietWindow("k", "21:00").ok());
  EXPECT_FALSE(ParseQuietWindow("k", "25:00-07:00").ok());
}

class PreferencesTest : public ::testing::Test {
 protected:
  Templates templates_ = *Templates::Load(testing::Source("deploy/data/notify/templates.json"));
  Preferences prefs_{templates_, QuietWindow{true, 21 * 60, 7 * 60}};
};

TEST_F(PreferencesTest, DefaultsComeFromEachKind) {
  Preferences::Resolved r = prefs_.Resolve("");
  EXPECT_TRUE(r.kinds["dossier"].in_app);
  EXPECT_TRUE(r.kinds["dossier"].zalo);
  EXPECT_FALSE(r.kinds["waste"].zalo);
  EXPECT_EQ(r.quiet.start, 21 * 60);
  v1::NotificationSettings view = prefs_.View("", false);
  ASSERT_EQ(view.kinds_size(), 4);
  EXPECT_EQ(view.quiet_hours().start(), "21:00");
  EXPECT_EQ(view.quiet_hours().end(), "07:00");
  EXPECT_FALSE(view.zalo_reachable());
}

TEST_F(PreferencesTest, AnUpdateMergesOverWhatWasSavedAndIsChecked) {
  v1::NotificationSettings update;
  v1::KindSetting* bill = update.add_kinds();
  bill->set_kind("bill");
  bill->set_in_app(true);
  bill->set_zalo(false);
  update.mutable_quiet_hours()->set_enabled(true);
  update.mutable_quiet_hours()->set_start("22:30");
  update.mutable_quiet_hours()->set_end("06:00");
  absl::Time now = At("2026-11-24T10:00:00+07:00");
  auto saved = prefs_.Merge("", update, now);
  ASSERT_TRUE(saved.ok()) << saved.status();
  Preferences::Resolved r = prefs_.Resolve(*saved);
  EXPECT_FALSE(r.kinds["bill"].zalo);
  EXPECT_TRUE(r.kinds["dossier"].zalo);  // untouched
  EXPECT_EQ(r.quiet.start, 22 * 60 + 30);

  v1::NotificationSettings only_dossier;
  v1::KindSetting* d = only_dossier.add_kinds();
  d->set_kind("dossier");
  d->set_in_app(false);
  auto again = prefs_.Merge(*saved, only_dossier, now);
  ASSERT_TRUE(again.ok());
  r = prefs_.Resolve(*again);
  EXPECT_FALSE(r.kinds["bill"].zalo);  // kept from before
  EXPECT_FALSE(r.kinds["dossier"].in_app);
  EXPECT_EQ(r.quiet.end, 6 * 60);

  v1::NotificationSettings unknown;
  unknown.add_kinds()->set_kind("lottery");
  EXPECT_EQ(prefs_.Merge("", unknown, now).status().code(), absl::StatusCode::kInvalidArgument);
  v1::NotificationSettings bad_time;
  bad_time.mutable_quiet_hours()->set_start("9pm");
  bad_time.mutable_quiet_hours()->set_end("07:00");
  EXPECT_EQ(prefs_.Merge("", bad_time, now).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace laso::notify

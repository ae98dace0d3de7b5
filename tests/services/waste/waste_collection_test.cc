#include <libical/ical.h>

#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/crypto/hash.h"
#include "common/status/status.h"
#include "common/testing/outbox_rows.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "services/waste/route_geojson.h"
#include "tests/services/waste/waste_fixture.h"

namespace laso::waste {
namespace {

constexpr char kHousehold[] = "tan-an-sinh-hoat-1";
constexpr char kTruck[] = "62C-123.45";

// Near the household route's second stop (Chợ phường Tân An), ~40 m off the path.
constexpr double kHomeLat = 10.5372, kHomeLng = 106.4123;

v1::ScheduleRequest At(double lat, double lng) {
  v1::ScheduleRequest r;
  r.set_lat(lat);
  r.set_lng(lng);
  return r;
}

TEST_P(WasteTest, GeoJsonRoundTrip) {
  PutDemoRoute(kHousehold);
  v1::GetRouteRequest get;
  get.set_id(kHousehold);
  auto body = waste_->GetRoute(get);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->content_type(), "application/geo+json");
  auto again = RouteFromGeoJson(kHousehold, body->data());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->stops_size(), 5);
  EXPECT_EQ(again->stops(1).name(), "Chợ phường Tân An");
  EXPECT_EQ(again->exdates_size(), 4);
  EXPECT_EQ(RouteToGeoJson(*again), body->data());  // stable both ways
  EXPECT_FALSE(RouteFromGeoJson("x", R"({"type":"FeatureCollection","features":[]})").ok());
  EXPECT_FALSE(RouteFromGeoJson("x", "not json").ok());
  // Found by tools/fuzz: a member of another type used to throw out of the service.
  EXPECT_FALSE(RouteFromGeoJson("x", R"({"type":1,"features":[]})").ok());
  EXPECT_FALSE(RouteFromGeoJson("x", R"({"type":"FeatureCollection","features":[{"geometry":{"type":[]}}]})").ok());
  EXPECT_FALSE(RouteFromGeoJson("x", R"({"type":"FeatureCollection","features":[{"geometry":{"type":"LineString",
      "coordinates":[[106.41,10.53],[106.42,10.54]]},"properties":{"name":7,"stream":"HOUSEHOLD"}}]})").ok());
  // Stop names reach calendars and the app: text rules apply to them as to the route's name.
  std::string long_stop = body->data();
  size_t at = long_stop.find("Chợ phường Tân An");
  ASSERT_NE(at, std::string::npos);
  long_stop.replace(at, 0, std::string(300, 'x'));
  auto refused = RouteFromGeoJson(kHousehold, long_stop);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(WasteTest, ScheduleFindsRoutesWithin300mAndTheNearestStop) {
  for (const char* id : {kHousehold, "tan-an-tai-che-1", "long-an-cong-kenh"}) PutDemoRoute(id);
  auto s = waste_->GetSchedule(At(kHomeLat, kHomeLng));
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->routes_size(), 2);  // household and recyclable pass here; Long An's bulky route does not
  EXPECT_EQ(s->routes(0).route().id(), kHousehold);
  EXPECT_EQ(s->routes(0).nearest_stop().name(), "Chợ phường Tân An");
  ASSERT_EQ(s->routes(0).next_pickups_size(), 7);
  EXPECT_EQ(s->routes(0).next_pickups(0), "2026-11-23");
  EXPECT_EQ(s->routes(0).window_from(), "05:21");
  EXPECT_EQ(s->routes(0).window_to(), "05:51");
  EXPECT_EQ(s->routes(1).route().stream(), v1::RECYCLABLE);
  EXPECT_EQ(s->sorting_rules_size(), 2);
  EXPECT_EQ(waste_->GetSchedule(At(10.7769, 106.7009)).status().code(), absl::StatusCode::kInvalidArgument);
  auto far = waste_->GetSchedule(At(10.60, 106.45));  // Thủ Thừa: no route near
  ASSERT_TRUE(far.ok());
  EXPECT_EQ(far->routes_size(), 0);
}

// Every start date libical finds for the feed between `from` and `to`.
std::vector<std::string> ExpandWithLibical(const std::string& ics, const std::string& uid_prefix, absl::Time from,
                                           absl::Time to) {
  icalcomponent* cal = icalparser_parse_string(ics.c_str());
  EXPECT_NE(cal, nullptr);
  std::vector<std::string> dates;
  if (cal == nullptr) return dates;
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != nullptr;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    if (!absl::StartsWith(icalcomponent_get_uid(ev), uid_prefix)) continue;
    struct icaltimetype start = icaltime_from_timet_with_zone(absl::ToTimeT(from), 0, icaltimezone_get_utc_timezone());
    struct icaltimetype end = icaltime_from_timet_with_zone(absl::ToTimeT(to), 0, icaltimezone_get_utc_timezone());
    icalcomponent_foreach_recurrence(
        ev, start, end,
        [](icalcomponent*, struct icaltime_span* span, void* data) {
          auto* out = static_cast<std::vector<std::string>*>(data);
          out->push_back(FormatIsoDate(VietnamDay(absl::FromTimeT(span->start))));
        },
        &dates);
  }
  icalcomponent_free(cal);
  std::sort(dates.begin(), dates.end());
  return dates;
}

TEST_P(WasteTest, IcsFeedParsesInLibicalAndExpandsToTheSameDays) {
  PutDemoRoute(kHousehold);
  PutDemoRoute("tan-an-tai-che-1");
  auto ics = waste_->GetScheduleIcs(At(kHomeLat, kHomeLng));
  ASSERT_TRUE(ics.ok()) << ics.status();
  EXPECT_EQ(ics->content_type(), "text/calendar; charset=utf-8");
  const std::string& text = ics->data();
  EXPECT_TRUE(absl::StartsWith(text, "BEGIN:VCALENDAR\r\n"));
  EXPECT_TRUE(absl::StrContains(text, "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\n"));
  EXPECT_TRUE(absl::StrContains(text, "TZID:Asia/Ho_Chi_Minh"));
  for (absl::string_view line : absl::StrSplit(text, "\r\n")) EXPECT_LE(line.size(), 75u) << line;

  // Compare across Tết 2027 (skipped days and the make-up Saturday) and the biweekly route.
  FakeClock& clock = clock_;
  clock.Advance(absl::Hours(24 * 66));  // Thursday 28 January 2027
  absl::Time from = clock.Now() - absl::Hours(6), to = from + absl::Hours(24 * 30);
  auto schedule = waste_->GetSchedule(At(kHomeLat, kHomeLng));
  ASSERT_TRUE(schedule.ok());
  ics = waste_->GetScheduleIcs(At(kHomeLat, kHomeLng));
  for (const auto& served : schedule->routes()) {
    std::vector<std::string> json_days;
    for (const auto& day : served.next_pickups()) {
      if (day < FormatIsoDate(VietnamDay(to))) json_days.push_back(day);
    }
    std::vector<std::string> ical_days = ExpandWithLibical(ics->data(), served.route().id(), from, to);
    ical_days.resize(std::min(ical_days.size(), json_days.size()));
    EXPECT_EQ(ical_days, json_days) << served.route().id();
  }
  auto household = schedule->routes(0);
  std::set<std::string> days;
  for (const auto& day : household.next_pickups()) days.insert(day);
  EXPECT_TRUE(days.count("2027-02-13"));   // the make-up Saturday
  EXPECT_FALSE(days.count("2027-02-05"));  // Tết
}

TEST_P(WasteTest, EtaFollowsARecordedTrack) {
  PutDemoRoute(kHousehold);
  v1::EtaRequest at;
  at.set_lat(10.5400);  // beside the 4th stop, Công viên phường
  at.set_lng(106.4181);
  auto before = waste_->GetEta(at);
  ASSERT_EQ(before->routes_size(), 1);
  EXPECT_EQ(before->routes(0).status(), v1::NOT_STARTED);
  EXPECT_EQ(FormatRfc3339(ToTime(before->routes(0).planned())), "2026-11-23T05:48:00+07:00");

  // The truck leaves at 05:30 and crawls the first 800 m in 8 minutes (~6 km/h), one fix every 20 s.
  absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 5, 30, 0), absl::FixedTimeZone(7 * 3600));
  std::vector<std::tuple<double, double, absl::Time>> track;
  for (int i = 0; i <= 24; ++i) {  // south-west to north-east along the first leg
    track.emplace_back(10.5340 + 0.0060 * i / 24, 106.4100 + 0.0040 * i / 24, t + absl::Seconds(20 * i));
  }
  clock_.Set(t + absl::Seconds(20 * 24));
  auto posted = Post(kTruck, track);
  EXPECT_EQ(posted.accepted(), 25);
  auto eta = waste_->GetEta(at);
  ASSERT_EQ(eta->routes_size(), 1);
  const auto& r = eta->routes(0);
  EXPECT_EQ(r.status(), v1::APPROACHING);
  EXPECT_EQ(r.stops_before_you(), 0);  // the first three are served
  EXPECT_EQ(r.position_age_s(), 0);
  absl::Duration to_go = ToTime(r.eta()) - clock_.Now();
  // 440 m left at the observed 1.7 m/s: about 4.4 minutes, not the plan's 6.
  EXPECT_GT(to_go, absl::Minutes(4));
  EXPECT_LT(to_go, absl::Minutes(5));
  EXPECT_EQ(r.delay_minutes(), -6);  // expected ~05:42, planned 05:48: early
  // On to the end: the stop is passed, then the run is complete.
  std::vector<std::tuple<double, double, absl::Time>> rest;
  for (int i = 1; i <= 12; ++i) rest.emplace_back(10.5400, 106.4140 + 0.0060 * i / 12, clock_.Now() + absl::Seconds(20 * i));
  clock_.Advance(absl::Seconds(240));
  Post(kTruck, rest);
  EXPECT_EQ(waste_->GetEta(at)->routes(0).status(), v1::COMPLETED);
  auto vehicles = waste_->ListVehicles();
  ASSERT_EQ(vehicles->vehicles_size(), 1);
  EXPECT_TRUE(vehicles->vehicles(0).today(0).completed());
  EXPECT_EQ(vehicles->vehicles(0).today(0).stops_served(), 5);
  EXPECT_FALSE(vehicles->vehicles(0).stale());
  clock_.Advance(absl::Minutes(6));
  EXPECT_TRUE(waste_->ListVehicles()->vehicles(0).stale());
  // A restart rebuilds today's run from the stored positions.
  Restart();
  EXPECT_EQ(waste_->GetEta(at)->routes(0).status(), v1::COMPLETED);
  // Tuesday: no run.
  clock_.Advance(absl::Hours(24));
  EXPECT_EQ(waste_->GetEta(at)->routes(0).status(), v1::NOT_TODAY);
}

TEST_P(WasteTest, BadPositionsAreFlaggedAndDuplicatesTolerated) {
  PutDemoRoute(kHousehold);
  absl::Time t = clock_.Now();
  auto r = Post(kTruck, {{10.5340, 106.4100, t - absl::Seconds(60)},
                         {10.5345, 106.4103, t - absl::Seconds(40)},
                         {10.5345, 106.4103, t - absl::Seconds(40)},  // the same fix twice
                         {10.7769, 106.7009, t - absl::Seconds(30)},  // Ho Chi Minh City: outside
                         {10.5900, 106.4103, t - absl::Seconds(20)},  // 6 km in 20 s
                         {10.5350, 106.4106, t}});
  EXPECT_EQ(r.accepted(), 3);
  EXPECT_EQ(r.duplicates(), 1);
  EXPECT_EQ(r.flagged(), 2);
  // Sent again, and out of order: nothing new.
  auto again = Post(kTruck, {{10.5345, 106.4103, t - absl::Seconds(40)}, {10.5340, 106.4100, t - absl::Seconds(60)}});
  EXPECT_EQ(again.accepted(), 0);
  EXPECT_EQ(again.duplicates(), 2);
  v1::PostPositionsRequest other;
  other.set_vehicle_id("51A-000.00");
  EXPECT_EQ(waste_->PostPositions(Tracker(kTruck), other).status().code(), absl::StatusCode::kPermissionDenied);
  other.set_vehicle_id(kTruck);
  for (int i = 0; i < 1001; ++i) other.add_positions();
  EXPECT_EQ(waste_->PostPositions(Tracker(kTruck), other).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(WasteTest, DevicesSignTheirPostsWithTheVehiclesKey) {
  PutDemoRoute(kHousehold);
  v1::RegisterTrackerRequest reg;
  reg.set_vehicle_id(kTruck);
  EXPECT_EQ(waste_->RegisterTracker(Tracker(kTruck), reg).status().code(), absl::StatusCode::kPermissionDenied);
  auto key = waste_->RegisterTracker(Admin(), reg);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->device_key().size(), 64u);
  std::string body = absl::StrCat(R"({"positions":[{"lat":10.534,"lng":106.41,"recordedAt":")",
                                  FormatRfc3339(clock_.Now()), R"("}]})");
  auto signed_post = [&](int64_t ts, const std::string& key_hex, const std::string& vehicle) {
    v1::SignedPositionsRequest req;
    req.set_vehicle_id(vehicle);
    req.set_timestamp(ts);
    std::string raw;
    crypto::HexDecode(key_hex, &raw);
    req.set_signature(crypto::Hex(crypto::HmacSha256(raw, absl::StrCat(ts, ".", body))));
    req.mutable_body()->set_data(body);
    return waste_->PostSignedPositions(req);
  };
  int64_t now = absl::ToUnixSeconds(clock_.Now());
  auto ok = signed_post(now, key->device_key(), kTruck);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->accepted(), 1);
  std::string wrong(64, 'a');
  EXPECT_EQ(signed_post(now, wrong, kTruck).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(signed_post(now - 600, key->device_key(), kTruck).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(signed_post(now, key->device_key(), "51A-000.00").status().code(), absl::StatusCode::kUnauthenticated);
  // A new key retires the old one.
  auto rotated = waste_->RegisterTracker(Admin(), reg);
  EXPECT_EQ(signed_post(now, key->device_key(), kTruck).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(signed_post(now, rotated->device_key(), kTruck).ok());
}

TEST_P(WasteTest, SubscribersAreWarnedOnceWhenTheTruckIsNear) {
  PutDemoRoute(kHousehold);
  v1::SubscribeRequest sub;
  sub.set_lat(10.5400);
  sub.set_lng(106.4181);
  sub.add_streams(v1::HOUSEHOLD);
  auto s = waste_->Subscribe(testing::TestIdentity::Citizen("101", "84901234567"), sub);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->route_ids(0), kHousehold);
  absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 5, 30, 0), absl::FixedTimeZone(7 * 3600));
  clock_.Set(t);
  Post(kTruck, {{10.5340, 106.4100, t}});  // at the start: ~20 minutes away by the plan
  EXPECT_TRUE(testing::OutboxRows(database_.db()).empty());
  std::vector<std::tuple<double, double, absl::Time>> track;
  for (int i = 1; i <= 24; ++i) track.emplace_back(10.5340 + 0.0060 * i / 24, 106.4100 + 0.0040 * i / 24, t + absl::Seconds(20 * i));
  clock_.Set(t + absl::Seconds(480));
  Post(kTruck, track);
  Post(kTruck, {{10.5400, 106.4150, clock_.Now() + absl::Seconds(20)}});
  auto events = testing::OutboxRows(database_.db());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["type"], "waste.approaching");
  EXPECT_EQ(events[0]["payload"]["recipient"]["subject"], "zalo:101");
  sub.set_lat(10.60);
  sub.set_lng(106.45);
  EXPECT_EQ(ReasonOf(waste_->Subscribe(testing::TestIdentity::Citizen("101"), sub).status()), "NO_ROUTE_HERE");
}

// A phone on a bad network sends "subscribe" again: with its Idempotency-Key the
// retry is the first subscription (one reminder, not two); without one it is new.
TEST_P(WasteTest, ASubscriptionSentAgainWithItsKeyIsTheFirstOne) {
  PutDemoRoute(kHousehold);
  v1::SubscribeRequest sub;
  sub.set_lat(10.5400);
  sub.set_lng(106.4181);
  auto resident = testing::TestIdentity::Citizen("101", "84901234567");
  auto first = waste_->Subscribe(resident, sub, "sub-key-1");
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = waste_->Subscribe(resident, sub, "sub-key-1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->id(), first->id());
  EXPECT_EQ(store_->Subscriptions()->size(), 1u);
  sub.set_lat(10.5401);
  EXPECT_EQ(ReasonOf(waste_->Subscribe(resident, sub, "sub-key-1").status()), "IDEMPOTENCY_KEY_REUSED");
  EXPECT_NE(waste_->Subscribe(resident, sub)->id(), first->id());
  EXPECT_EQ(store_->Subscriptions()->size(), 2u);
}

TEST_P(WasteTest, GuideFindsItemsWithoutDiacritics) {
  v1::GuideRequest q;
  q.set_q("pin");
  auto r = waste_->SearchGuide(q);
  ASSERT_TRUE(r.ok());
  ASSERT_GE(r->items_size(), 1);
  EXPECT_EQ(r->items(0).name(), "Pin, ắc quy");
  EXPECT_TRUE(absl::StrContains(r->items(0).instructions(), "nguy hại"));
  q.set_q("CHAI NHUA");
  EXPECT_EQ(waste_->SearchGuide(q)->items(0).name(), "Chai nhựa PET");
  q.set_q("nệm");
  EXPECT_EQ(waste_->SearchGuide(q)->items(0).stream(), v1::BULKY);
  q.set_q("vỏ chuối");
  EXPECT_EQ(waste_->SearchGuide(q)->items(0).stream(), v1::ORGANIC);
  q.set_q("");
  EXPECT_EQ(waste_->SearchGuide(q)->items_size(), 0);
  auto guide = SortingGuide::Load(std::string(LASO_SOURCE_DIR) + "/deploy/data/waste/guide.json");
  EXPECT_GE(guide->size(), 100u);
}

}  // namespace
}  // namespace laso::waste

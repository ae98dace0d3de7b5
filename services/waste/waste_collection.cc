#include "services/waste/waste_collection.h"

#include "common/time/proto_time.h"

#include "common/log/log.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/crypto/random.h"
#include "common/rpc/caller.h"
#include "common/status/status.h"
#include "common/time/rfc3339.h"
#include "common/time/time_of_day.h"
#include "services/waste/route_geojson.h"
#include "common/audit/audit.h"

namespace laso::waste {
namespace {

std::set<absl::CivilDay> Days(const google::protobuf::RepeatedPtrField<std::string>& dates) {
  std::set<absl::CivilDay> out;
  for (const auto& d : dates) {
    if (auto day = ParseIsoDate(d); day.ok()) out.insert(*day);
  }
  return out;
}

}  // namespace

WasteCollection::WasteCollection(WasteStore& store, redis::Client* redis, const crypto::PiiVault* vault,
                                 SortingGuide guide, WasteOptions options, const Clock* clock)
    : store_(store), redis_(redis), vault_(vault), guide_(std::move(guide)), options_(std::move(options)), clock_(clock),
      runs_day_(VietnamDay(clock->Now())) {}

absl::StatusOr<WasteCollection::RouteEntry> WasteCollection::Entry(v1::Route route) {
  if (auto s = ValidateRoute(route); !s.ok()) return s;
  auto rule = ParseRRule(route.rrule());
  if (!rule.ok()) return rule.status();
  absl::CivilDay first = *ParseIsoDate(route.valid_from());
  std::optional<absl::CivilDay> last;
  if (!route.valid_to().empty()) last = *ParseIsoDate(route.valid_to());
  CollectionCalendar calendar(*rule, first, last, Days(route.exdates()), Days(route.rdates()));
  auto start = ParseTimeOfDay("startTime", route.start_time());
  std::vector<geo::LatLng> path;
  for (const auto& p : route.path()) path.push_back({p.lat(), p.lng()});
  double length = geo::PolylineLengthMeters(path);
  return RouteEntry{std::move(route), std::move(calendar), *start, length, std::move(path)};
}

absl::Status WasteCollection::Load() {
  absl::MutexLock sync(&sync_mu_);
  return LoadLocked();
}

absl::Status WasteCollection::LoadLocked() {
  // The versions first: whatever commits while loading is read again by the next CatchUp.
  int64_t versions[3];
  const char* names[3] = {kRoutesVersion, kSubscriptionsVersion, kFixesVersion};
  for (int i = 0; i < 3; ++i) {
    auto v = store_.Version(names[i]);
    if (!v.ok()) return v.status();
    versions[i] = *v;
  }
  auto routes = store_.Routes();
  if (!routes.ok()) return routes.status();
  auto subscriptions = store_.Subscriptions();
  if (!subscriptions.ok()) return subscriptions.status();
  absl::CivilDay today = VietnamDay(clock_->Now());
  auto fixes = store_.FixesSince(VietnamStartOfDay(today));
  if (!fixes.ok()) return fixes.status();
  std::map<std::string, std::unique_ptr<RouteEntry>> entries;
  for (auto& r : *routes) {
    auto entry = Entry(std::move(r));
    if (!entry.ok()) return entry.status();
    std::string id = entry->route.id();
    entries[id] = std::make_unique<RouteEntry>(std::move(*entry));
  }
  absl::MutexLock lock(&mu_);
  routes_ = std::move(entries);
  runs_.clear();  // today's runs again, from every replica's positions
  subscriptions_ = std::move(*subscriptions);
  RebuildWatchers();
  Track(*fixes);
  schedules_.Clear();
  routes_version_ = versions[0];
  subscriptions_version_ = versions[1];
  fixes_version_ = versions[2];
  return absl::OkStatus();
}

absl::Status WasteCollection::CatchUp() {
  absl::MutexLock sync(&sync_mu_);
  auto routes = store_.Version(kRoutesVersion);
  if (!routes.ok()) return routes.status();
  if (*routes != routes_version_) return LoadLocked();  // a route changed: rare, so load everything
  auto subscriptions = store_.SubscriptionsAfter(subscriptions_version_);
  if (!subscriptions.ok()) return subscriptions.status();
  auto fixes = store_.FixesAfter(fixes_version_);
  if (!fixes.ok()) return fixes.status();
  absl::MutexLock lock(&mu_);
  bool cancelled = false;
  for (auto& sub : subscriptions->items) {
    if (sub.cancelled) {
      cancelled = true;
      const std::string& id = sub.subscription.id();
      subscriptions_.erase(std::remove_if(subscriptions_.begin(), subscriptions_.end(),
                                          [&](const StoredSubscription& s) { return s.subscription.id() == id; }),
                           subscriptions_.end());
      continue;
    }
    subscriptions_.push_back(std::move(sub));
    Watch(subscriptions_.back());
  }
  if (cancelled) RebuildWatchers();  // rare: residents cancel far less often than trucks move
  Track(fixes->items);
  subscriptions_version_ = subscriptions->version;
  fixes_version_ = fixes->version;
  return absl::OkStatus();
}

v1::RouteSummary WasteCollection::Summary(const RouteEntry& e) const {
  v1::RouteSummary s;
  s.set_id(e.route.id());
  s.set_name(e.route.name());
  s.set_stream(e.route.stream());
  s.set_vehicle_id(e.route.vehicle_id());
  s.set_stops(e.route.stops_size());
  s.set_length_m(std::round(e.length_m));
  s.set_rrule(e.route.rrule());
  *s.mutable_wards() = e.route.wards();
  return s;
}

absl::Time WasteCollection::RunStart(const RouteEntry& e, absl::CivilDay day) const {
  return VietnamStartOfDay(day) + e.start_of_day;
}

absl::StatusOr<v1::RouteSummary> WasteCollection::PutRoute(const rpc::Caller& caller, const v1::PutRouteRequest& req) {
  if (auto s = rpc::RequireRole(caller, {rpc::Role::ADMIN, rpc::Role::INTEGRATION}); !s.ok()) return s;
  auto route = RouteFromGeoJson(req.id(), req.geojson().data());
  if (!route.ok()) return route.status();
  for (const auto& s : route->stops()) {
    if (!options_.boundary.Contains({s.point().lat(), s.point().lng()})) {
      return InvalidField("stops", absl::StrCat("Điểm dừng \"", s.name(), "\" nằm ngoài địa bàn tỉnh."));
    }
  }
  auto entry = Entry(*route);
  if (!entry.ok()) return entry.status();
  auto act = audit::ActOf("waste", caller, "waste.put_route", absl::StrCat("route/", req.id()), "", *clock_);
  if (auto s = store_.Write([&](WasteStore::Tx& tx) -> absl::Status {
        if (auto put = tx.PutRoute(*route); !put.ok()) return put;
        return act ? tx.Emit(*act) : absl::OkStatus();
      });
      !s.ok()) {
    return s;
  }
  // Written: every replica (this one now, the others at their next CatchUp) loads the routes again,
  // rebuilding today's runs and who waits where, as the stops may have moved.
  if (auto s = CatchUp(); !s.ok()) log::Warn("reloading routes failed", {{"error", std::string(s.message())}});
  return Summary(*entry);
}

absl::StatusOr<laso::api::HttpBody> WasteCollection::GetRoute(const v1::GetRouteRequest& req) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = routes_.find(req.id());
  if (it == routes_.end()) return absl::NotFoundError("Không có tuyến thu gom này.");
  laso::api::HttpBody body;
  body.set_content_type("application/geo+json");
  body.set_data(RouteToGeoJson(it->second->route));
  return body;
}

absl::StatusOr<v1::ListRoutesResponse> WasteCollection::ListRoutes() const {
  absl::ReaderMutexLock lock(&mu_);
  v1::ListRoutesResponse out;
  for (const auto& [id, e] : routes_) *out.add_routes() = Summary(*e);
  return out;
}

std::vector<WasteCollection::Served> WasteCollection::ServedAt(geo::LatLng p) const {
  std::vector<Served> out;
  for (const auto& [id, e] : routes_) {
    if (geo::ProjectOntoPolyline(p, e->path).distance_m > options_.serving_radius_m) continue;
    Served s{e.get(), 0, 0};
    s.stop = NearestStop(e->route, p, &s.distance_m);
    out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const Served& a, const Served& b) {
    return a.entry->route.stream() != b.entry->route.stream() ? a.entry->route.stream() < b.entry->route.stream()
                                                              : a.distance_m < b.distance_m;
  });
  return out;
}

int WasteCollection::NearestStop(const v1::Route& route, geo::LatLng p, double* distance_m) {
  int best = 0;
  *distance_m = std::numeric_limits<double>::infinity();
  for (int i = 0; i < route.stops_size(); ++i) {
    const auto& stop = route.stops(i).point();
    double d = geo::DistanceMeters(p, {stop.lat(), stop.lng()});
    if (d < *distance_m) {
      *distance_m = d;
      best = i;
    }
  }
  return best;
}

void WasteCollection::Watch(const StoredSubscription& s) {
  geo::LatLng at{s.subscription.lat(), s.subscription.lng()};
  for (const std::string& route_id : s.subscription.route_ids()) {
    auto e = routes_.find(route_id);
    if (e == routes_.end()) continue;
    double ignored;
    watchers_[route_id].push_back({s.subscription.id(), s.subject, NearestStop(e->second->route, at, &ignored)});
  }
}

void WasteCollection::RebuildWatchers() {
  watchers_.clear();
  for (const StoredSubscription& s : subscriptions_) Watch(s);
}

absl::StatusOr<v1::GuideResponse> WasteCollection::SearchGuide(const v1::GuideRequest& req) const {
  if (req.q().size() > 200) return InvalidField("q", "Từ khoá quá dài.");
  v1::GuideResponse out;
  for (auto& item : guide_.Search(req.q())) *out.add_items() = std::move(item);
  return out;
}

namespace {

constexpr char kConsentChangedEvent[] = "privacy.consent_changed";
constexpr char kLocationPurpose[] = "location_reminders";

}  // namespace

absl::StatusOr<v1::Subscription> WasteCollection::Subscribe(const rpc::Caller& caller,
                                                            const v1::SubscribeRequest& req,
                                                            const std::string& idempotency_key) {
  if (caller.role() == rpc::Role::CITIZEN && !rpc::HasConsent(caller, kLocationPurpose)) {
    return WithReason(absl::PermissionDeniedError("Nhắc khi xe rác đến gần dùng vị trí bạn chọn: vui lòng đồng ý mục "
                                                  "\"Nhắc khi xe thu gom rác đến gần\" trong Thông báo xử lý dữ liệu "
                                                  "cá nhân trước."),
                      "CONSENT_REQUIRED");
  }
  geo::LatLng p{req.lat(), req.lng()};
  if (!geo::IsValid(p) || !options_.boundary.Contains(p)) {
    return InvalidField("lat", "Vị trí không hợp lệ hoặc ngoài địa bàn tỉnh.");
  }
  StoredSubscription s;
  s.subject = caller.subject();
  v1::Subscription& sub = s.subscription;
  sub.set_id(absl::StrCat("sub_", crypto::RandomToken(12)));
  sub.set_lat(req.lat());
  sub.set_lng(req.lng());
  SetTimestamp(clock_->Now(), sub.mutable_created_at());
  *sub.mutable_streams() = req.streams();
  {
    absl::ReaderMutexLock lock(&mu_);
    for (const Served& served : ServedAt(p)) {
      bool wanted = req.streams().empty() ||
                    std::find(req.streams().begin(), req.streams().end(), served.entry->route.stream()) !=
                        req.streams().end();
      if (wanted) sub.add_route_ids(served.entry->route.id());
    }
  }
  if (sub.route_ids().empty()) {
    return WithReason(absl::FailedPreconditionError("Chưa có tuyến thu gom nào đi qua vị trí này."), "NO_ROUTE_HERE");
  }
  // Subscribing again with the same Idempotency-Key (a retry) is the first subscription, not a second one.
  idempotency::RetriedWrite retried(caller, idempotency_key, "Subscribe", req);
  bool replayed = false;
  auto st = store_.Write([&](WasteStore::Tx& tx) -> absl::Status {
    auto seen = retried.ReplayInto(tx.Idempotency(), &sub);
    if (!seen.ok()) return seen.status();
    if ((replayed = *seen)) return absl::OkStatus();
    if (auto put = tx.PutSubscription(s); !put.ok()) return put;
    return retried.Remember(tx.Idempotency(), sub, clock_->Now());
  });
  if (!st.ok()) return st;
  if (!replayed) {  // watched here now, and by the other replicas at their next CatchUp
    if (auto c = CatchUp(); !c.ok()) log::Warn("reading new subscriptions failed", {{"error", std::string(c.message())}});
  }
  return sub;
}

absl::StatusOr<v1::ListMySubscriptionsResponse> WasteCollection::ListMySubscriptions(
    const rpc::Caller& caller) const {
  if (caller.subject().empty()) return absl::PermissionDeniedError("Vui lòng đăng nhập.");
  auto mine = store_.SubscriptionsOf(caller.subject());
  if (!mine.ok()) return mine.status();
  v1::ListMySubscriptionsResponse out;
  for (auto& s : *mine) *out.add_subscriptions() = std::move(s);
  return out;
}

absl::StatusOr<v1::CancelSubscriptionResponse> WasteCollection::CancelSubscription(
    const rpc::Caller& caller, const v1::CancelSubscriptionRequest& req) {
  if (caller.subject().empty()) return absl::PermissionDeniedError("Vui lòng đăng nhập.");
  if (req.id().empty() || req.id().size() > 64) return absl::NotFoundError("Không tìm thấy đăng ký nhắc lịch này.");
  bool changed = false;
  auto written = store_.Write([&](WasteStore::Tx& tx) -> absl::Status {
    auto cancelled = tx.CancelSubscription(req.id(), caller.subject());
    if (!cancelled.ok()) return cancelled.status();
    changed = *cancelled;
    return absl::OkStatus();
  });
  if (!written.ok()) return written;
  // Someone else's, or none: the same answer, so ids cannot be probed. A second cancel is done already.
  if (!changed) return absl::NotFoundError("Không tìm thấy đăng ký nhắc lịch này (hoặc đã huỷ).");
  if (auto c = CatchUp(); !c.ok()) log::Warn("reading cancelled subscriptions failed", {{"error", std::string(c.message())}});
  v1::CancelSubscriptionResponse out;
  out.set_id(req.id());
  out.set_cancelled(true);
  return out;
}

absl::StatusOr<int> WasteCollection::TakeConsentEvents(const std::string& group,
                                                      const std::vector<outbox::StreamEvent>& events) {
  int cancelled = 0;
  auto written = store_.Write([&](WasteStore::Tx& tx) -> absl::Status {
    cancelled = 0;
    for (const outbox::StreamEvent& event : events) {
      if (event.type != kConsentChangedEvent) continue;
      nlohmann::json payload = nlohmann::json::parse(event.payload, nullptr, false);
      if (!payload.is_object() || !payload.contains("granted") || !payload["granted"].is_array()) continue;
      std::string subject = payload.value("subject", "");
      bool granted = false;
      for (const auto& purpose : payload["granted"]) granted = granted || purpose == kLocationPurpose;
      if (subject.empty() || granted) continue;
      auto n = tx.CancelSubscriptionsOf(subject);
      if (!n.ok()) return n.status();
      cancelled += *n;
    }
    return tx.AdvanceStreamCheckpoint(group, events);
  });
  if (!written.ok()) return written;
  if (cancelled > 0) {
    log::Info("collection reminders cancelled: their residents withdrew consent to use the location",
              {{"subscriptions", static_cast<int64_t>(cancelled)}});
    if (auto c = CatchUp(); !c.ok()) log::Warn("reading cancelled subscriptions failed", {{"error", std::string(c.message())}});
  }
  return cancelled;
}

absl::StatusOr<int64_t> WasteCollection::PruneHistory(absl::Duration keep) {
  return store_.PruneFixes(clock_->Now() - keep);
}

}  // namespace laso::waste

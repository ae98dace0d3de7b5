#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/cache/local_cache.h"
#include "common/crypto/pii_vault.h"
#include "common/geo/geo.h"
#include "common/rpc/caller.h"
#include "common/redis/client.h"
#include "common/time/clock.h"
#include "laso/api/httpbody.pb.h"
#include "services/waste/guide.h"
#include "services/waste/recurrence.h"
#include "services/waste/run_progress.h"
#include "services/waste/waste_store.h"

namespace laso::waste {

struct WasteOptions {
  geo::Polygon boundary{{}};
  double serving_radius_m = 300;   // a route serves points this close to its path
  double max_speed_kmh = 150;      // faster than this between fixes: a bad fix
  absl::Duration stale_after = absl::Minutes(5);
  absl::Duration warn_ahead = absl::Minutes(10);  // waste.approaching this long before
  absl::Duration window_before = absl::Minutes(15), window_after = absl::Minutes(15);
  int next_pickups = 7;
};

// The waste service's behaviour, independent of gRPC: routes and their
// schedules (JSON and iCalendar), the sorting guide, vehicle positions and
// today's runs, ETAs and approaching warnings.
class WasteCollection {
 public:
  // `redis` (may be null) gets each vehicle's latest position for other
  // processes to read; this process keeps its own copy.
  // `vault` (may be null: no signed posts) seals trackers' device keys.
  WasteCollection(WasteStore& store, redis::Client* redis, const crypto::PiiVault* vault, SortingGuide guide,
                  WasteOptions options, const Clock* clock);

  // Loads routes and subscriptions, and replays today's positions into the runs.
  absl::Status Load();
  // Takes in what any replica wrote since: new subscriptions and positions
  // (incrementally), changed routes (by loading again). Every write here calls
  // it; a periodic task calls it every sync.poll_interval, so a replica answers
  // ETAs and "stops served" for positions another replica received.
  absl::Status CatchUp();

  absl::StatusOr<v1::RouteSummary> PutRoute(const rpc::Caller& caller, const v1::PutRouteRequest& request);
  absl::StatusOr<laso::api::HttpBody> GetRoute(const v1::GetRouteRequest& request) const;
  absl::StatusOr<v1::ListRoutesResponse> ListRoutes() const;

  absl::StatusOr<v1::Schedule> GetSchedule(const v1::ScheduleRequest& request) const;
  // The same answer serialized, as the gRPC adapter sends it: popular places
  // are served from cached bytes with no message built per call.
  absl::StatusOr<std::shared_ptr<const std::string>> GetScheduleBytes(const v1::ScheduleRequest& request) const;
  absl::StatusOr<laso::api::HttpBody> GetScheduleIcs(const v1::ScheduleRequest& request) const;
  absl::StatusOr<v1::EtaResponse> GetEta(const v1::EtaRequest& request) const;
  absl::StatusOr<v1::GuideResponse> SearchGuide(const v1::GuideRequest& request) const;

  absl::StatusOr<v1::Subscription> Subscribe(const rpc::Caller& caller, const v1::SubscribeRequest& request,
                                             const std::string& idempotency_key = "");
  absl::StatusOr<v1::ListMySubscriptionsResponse> ListMySubscriptions(const rpc::Caller& caller) const;
  absl::StatusOr<v1::CancelSubscriptionResponse> CancelSubscription(const rpc::Caller& caller,
                                                                    const v1::CancelSubscriptionRequest& request);
  absl::StatusOr<v1::PostPositionsResponse> PostPositions(const rpc::Caller& caller,
                                                          const v1::PostPositionsRequest& request);
  absl::StatusOr<v1::ListVehiclesResponse> ListVehicles() const;
  absl::StatusOr<v1::TrackerKey> RegisterTracker(const rpc::Caller& caller, const v1::RegisterTrackerRequest& request);
  absl::StatusOr<v1::PostPositionsResponse> PostSignedPositions(const v1::SignedPositionsRequest& request);

  // privacy.consent_changed events, with the stream checkpoint of `group` in
  // the same transaction: a resident who no longer grants location_reminders
  // loses every subscription (here at once, on the other replicas at their
  // next catch-up). How many subscriptions were cancelled.
  absl::StatusOr<int> TakeConsentEvents(const std::string& group, const std::vector<outbox::StreamEvent>& events);

  // Drops position history older than `keep`.
  absl::StatusOr<int64_t> PruneHistory(absl::Duration keep);

 private:
  struct RouteEntry {
    v1::Route route;
    CollectionCalendar calendar;
    absl::Duration start_of_day;
    double length_m;
    std::vector<geo::LatLng> path;
  };
  struct Served {
    const RouteEntry* entry;
    int stop;
    double distance_m;
  };
  struct Latest {
    Fix fix;
  };

  absl::Status LoadLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(sync_mu_);
  std::vector<Served> ServedAt(geo::LatLng p) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The route's stop nearest to a point, and how far it is.
  static int NearestStop(const v1::Route& route, geo::LatLng p, double* distance_m);
  // Who waits at which stop of each route, kept with the subscriptions so
  // that a batch of positions looks only at its own routes' subscribers.
  void Watch(const StoredSubscription& s) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RebuildWatchers() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Time RunStart(const RouteEntry& e, absl::CivilDay day) const;
  v1::RouteSummary Summary(const RouteEntry& e) const;
  // Feeds accepted fixes to today's runs; returns the warnings to emit.
  void Track(const std::vector<Fix>& fixes) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status WarnSubscribers(const std::string& vehicle_id);
  static absl::StatusOr<RouteEntry> Entry(v1::Route route);

  WasteStore& store_;
  redis::Client* redis_;
  const crypto::PiiVault* vault_;
  SortingGuide guide_;
  WasteOptions options_;
  const Clock* clock_;
  // Held while loading or catching up (before mu_): the versions of what this replica has applied.
  absl::Mutex sync_mu_ ABSL_ACQUIRED_BEFORE(mu_);
  int64_t routes_version_ ABSL_GUARDED_BY(sync_mu_) = 0;
  int64_t subscriptions_version_ ABSL_GUARDED_BY(sync_mu_) = 0;
  int64_t fixes_version_ ABSL_GUARDED_BY(sync_mu_) = 0;
  mutable absl::Mutex mu_;
  std::map<std::string, std::unique_ptr<RouteEntry>> routes_ ABSL_GUARDED_BY(mu_);
  // Today's runs by route id; the day they belong to.
  std::map<std::string, std::unique_ptr<RunProgress>> runs_ ABSL_GUARDED_BY(mu_);
  absl::CivilDay runs_day_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Fix> latest_ ABSL_GUARDED_BY(mu_);
  std::vector<StoredSubscription> subscriptions_ ABSL_GUARDED_BY(mu_);
  struct Watcher {
    std::string subscription, subject;
    int stop;
  };
  std::map<std::string, std::vector<Watcher>> watchers_ ABSL_GUARDED_BY(mu_);  // by route id
  // Schedules by place (to ~10 m) and day: the same street asks the same question.
  mutable cache::LocalCache<std::string> schedules_{20000, absl::Minutes(10)};
  v1::Schedule BuildSchedule(geo::LatLng p, absl::CivilDay today) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
};

}  // namespace laso::waste

// waste-eta-bench: ETA answers per second in-process (WasteCollection::GetEta)
// with the demo routes loaded and a truck part-way along its run, so every
// answer projects the position and estimates from observed speed.
//   waste-eta-bench SOURCE_DIR [SECONDS]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "common/geo/polygon_file.h"
#include "common/time/proto_time.h"
#include "common/sqlite/sqlite_database.h"
#include "services/waste/sql_waste_store.h"
#include "services/waste/waste_collection.h"

int main(int argc, char** argv) {
  using namespace laso;
  if (argc < 2) {
    std::fputs("usage: waste-eta-bench SOURCE_DIR [SECONDS]\n", stderr);
    return 2;
  }
  std::string src = argv[1];
  double seconds = 3;
  if (argc > 2) (void)absl::SimpleAtod(argv[2], &seconds);
  std::string dir = std::filesystem::temp_directory_path() / ("waste-eta-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto pool = sqlite::SqliteDatabase::Open({.path = dir + "/waste.db", .synchronous = sqlite::Synchronous::kNormal}, 2);
  auto store = waste::SqlWasteStore::Open(**pool);
  auto boundary = geo::LoadPolygonFile(src + "/deploy/data/boundary/long-an.geojson");
  auto guide = waste::SortingGuide::Load(src + "/deploy/data/waste/guide.json");
  if (!store.ok() || !boundary.ok() || !guide.ok()) {
    std::fputs("waste-eta-bench: cannot set up\n", stderr);
    return 1;
  }
  // Monday 23 November 2026, 05:38: the household truck is on its way.
  FakeClock clock(absl::FromCivil(absl::CivilSecond(2026, 11, 23, 5, 30, 0), absl::FixedTimeZone(7 * 3600)));
  waste::WasteCollection w(**store, nullptr, nullptr, std::move(*guide), {.boundary = std::move(*boundary)}, &clock);
  (void)w.Load();
  rpc::Caller admin;
  admin.set_role(rpc::Role::ADMIN);
  for (const auto& entry : std::filesystem::directory_iterator(src + "/deploy/demo/waste")) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    waste::v1::PutRouteRequest req;
    req.set_id(entry.path().stem().string());
    req.mutable_geojson()->set_data(text.str());
    if (auto r = w.PutRoute(admin, req); !r.ok()) {
      std::fprintf(stderr, "waste-eta-bench: %s\n", std::string(r.status().message()).c_str());
      return 1;
    }
  }
  waste::v1::PostPositionsRequest track;
  track.set_vehicle_id("62C-123.45");
  absl::Time t = clock.Now();
  for (int i = 0; i <= 24; ++i) {
    auto* p = track.add_positions();
    p->set_lat(10.5340 + 0.0060 * i / 24);
    p->set_lng(106.4100 + 0.0040 * i / 24);
    SetTimestamp(t + absl::Seconds(20 * i), p->mutable_recorded_at());
  }
  clock.Set(t + absl::Seconds(480));
  rpc::Caller tracker;
  tracker.set_role(rpc::Role::TRACKER);
  (void)w.PostPositions(tracker, track);

  waste::v1::EtaRequest q;
  q.set_lat(10.5400);
  q.set_lng(106.4181);
  int64_t answers = 0;
  absl::Time start = absl::Now(), end = start + absl::Seconds(seconds);
  while (absl::Now() < end) {
    for (int i = 0; i < 100; ++i) {
      auto r = w.GetEta(q);
      if (!r.ok() || r->routes_size() == 0) {
        std::fputs("waste-eta-bench: no answer\n", stderr);
        return 1;
      }
      ++answers;
    }
  }
  double elapsed = absl::ToDoubleSeconds(absl::Now() - start);
  std::printf("eta: %lld answers in %.1f s on one thread: %.0f answers/s   (target >= 5,000)\n",
              static_cast<long long>(answers), elapsed, answers / elapsed);
  std::filesystem::remove_all(dir);
  return 0;
}

#include "tests/services/waste/waste_fixture.h"

#include <fstream>
#include <sstream>

#include "common/geo/polygon_file.h"
#include "common/time/proto_time.h"

namespace laso::waste {

WasteTest::WasteTest() {
  store_ = std::move(*SqlWasteStore::Open(database_.db()));
  Restart();
}

void WasteTest::Restart() {
  waste_ = NewCollection(*store_);
  ASSERT_TRUE(waste_->Load().ok());
}

WasteCollection& WasteTest::SecondReplica() {
  if (second_ == nullptr) {
    second_db_ = database_.OpenAnother();
    second_store_ = std::move(*SqlWasteStore::Open(*second_db_));
    second_ = NewCollection(*second_store_);
    EXPECT_TRUE(second_->Load().ok());
  }
  return *second_;
}

std::unique_ptr<WasteCollection> WasteTest::NewCollection(WasteStore& store) {
  auto boundary = geo::LoadPolygonFile(std::string(LASO_SOURCE_DIR) + "/deploy/data/boundary/long-an.geojson");
  auto guide = SortingGuide::Load(std::string(LASO_SOURCE_DIR) + "/deploy/data/waste/guide.json");
  EXPECT_TRUE(boundary.ok() && guide.ok());
  if (vault_ == nullptr) {
    vault_ = std::make_unique<crypto::PiiVault>(*crypto::PiiVault::Open(dir_.path(), "waste", &clock_));
  }
  return std::make_unique<WasteCollection>(store, nullptr, vault_.get(), std::move(*guide),
                                           WasteOptions{.boundary = std::move(*boundary)}, &clock_);
}

void WasteTest::PutDemoRoute(const std::string& id) {
  std::ifstream in(std::string(LASO_SOURCE_DIR) + "/deploy/demo/waste/" + id + ".geojson");
  std::stringstream text;
  text << in.rdbuf();
  v1::PutRouteRequest req;
  req.set_id(id);
  req.mutable_geojson()->set_data(text.str());
  auto r = waste_->PutRoute(Admin(), req);
  ASSERT_TRUE(r.ok()) << r.status();
}

v1::PostPositionsResponse WasteTest::Post(const std::string& vehicle,
                                          std::vector<std::tuple<double, double, absl::Time>> fixes,
                                          WasteCollection* replica) {
  v1::PostPositionsRequest req;
  req.set_vehicle_id(vehicle);
  for (auto [lat, lng, at] : fixes) {
    v1::PositionIn* p = req.add_positions();
    p->set_lat(lat);
    p->set_lng(lng);
    p->set_speed(20);
    SetTimestamp(at, p->mutable_recorded_at());
  }
  auto r = (replica != nullptr ? replica : waste_.get())->PostPositions(Tracker(vehicle), req);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : v1::PostPositionsResponse();
}

LASO_ON_BOTH_ENGINES(WasteTest);

}  // namespace laso::waste

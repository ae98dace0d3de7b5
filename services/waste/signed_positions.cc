// WasteCollection: trackers that sign their posts with a device key instead
// of holding a token.
#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"
#include "common/crypto/hmac_key.h"
#include "common/crypto/random.h"
#include "common/rpc/caller.h"
#include "common/log/log.h"
#include "common/status/status.h"
#include "services/waste/waste_collection.h"
#include "common/audit/audit.h"

namespace laso::waste {
namespace {

constexpr absl::Duration kClockSkew = absl::Minutes(5);
constexpr char kKeyContext[] = "waste.tracker_key";

absl::Status Refused() {
  // One answer for a wrong key, an unknown vehicle and a stale timestamp.
  return absl::UnauthenticatedError("Chữ ký của thiết bị không hợp lệ.");
}

}  // namespace

absl::StatusOr<v1::TrackerKey> WasteCollection::RegisterTracker(const rpc::Caller& caller,
                                                                const v1::RegisterTrackerRequest& req) {
  if (auto s = rpc::RequireRole(caller, {rpc::Role::ADMIN}); !s.ok()) return s;
  if (vault_ == nullptr) return absl::FailedPreconditionError("signed posts are not enabled");
  if (req.vehicle_id().empty() || req.vehicle_id().size() > 40) return InvalidField("vehicleId", "Biển số xe không hợp lệ.");
  std::string key = crypto::Hex(crypto::RandomBytes(32));
  auto sealed = vault_->Seal(key, kKeyContext);
  if (!sealed.ok()) return sealed.status();
  auto act = audit::ActOf("waste", caller, "waste.register_tracker", absl::StrCat("vehicle/", req.vehicle_id()), "",
                          *clock_);
  if (auto s = store_.Write([&](WasteStore::Tx& tx) -> absl::Status {
        if (auto put = tx.PutTrackerKey(req.vehicle_id(), *sealed); !put.ok()) return put;
        return act ? tx.Emit(*act) : absl::OkStatus();
      });
      !s.ok()) {
    return s;
  }
  log::Info("tracker key registered", {{"vehicle", req.vehicle_id()}, {"by", caller.subject()}});
  v1::TrackerKey out;
  out.set_vehicle_id(req.vehicle_id());
  out.set_device_key(key);
  return out;
}

absl::StatusOr<v1::PostPositionsResponse> WasteCollection::PostSignedPositions(const v1::SignedPositionsRequest& req) {
  if (vault_ == nullptr) return Refused();
  absl::Time sent = absl::FromUnixSeconds(req.timestamp());
  if (absl::AbsDuration(clock_->Now() - sent) > kClockSkew) return Refused();
  auto sealed = store_.TrackerKey(req.vehicle_id());
  if (!sealed.ok()) return sealed.status();
  if (sealed->empty()) return Refused();
  auto key = vault_->Unseal(*sealed, kKeyContext);
  if (!key.ok()) return key.status();
  std::string mac, key_bytes;
  if (!crypto::HexDecode(*key, &key_bytes) || !crypto::HexDecode(req.signature(), &mac) ||
      !crypto::HmacSha256Key(key_bytes).Verify(absl::StrCat(req.timestamp(), ".", req.body().data()), mac)) {
    return Refused();
  }
  v1::PostPositionsRequest batch;
  auto parsed = google::protobuf::util::JsonStringToMessage(req.body().data(), &batch);
  if (!parsed.ok()) return InvalidField("body", "Nội dung phải là JSON của PostPositionsRequest.");
  if (!batch.vehicle_id().empty() && batch.vehicle_id() != req.vehicle_id()) {
    return absl::PermissionDeniedError("Thiết bị này chỉ gửi vị trí cho xe của mình.");
  }
  batch.set_vehicle_id(req.vehicle_id());
  rpc::Caller device;
  device.set_role(rpc::Role::TRACKER);
  device.set_subject("device:" + req.vehicle_id());
  device.set_agency(req.vehicle_id());
  return PostPositions(device, batch);
}

}  // namespace laso::waste

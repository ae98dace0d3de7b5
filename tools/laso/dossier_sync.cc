#include "tools/laso/dossier_sync.h"

#include <cstdio>

#include "common/grpc/grpc_status.h"
#include "common/status/status.h"
#include "laso/dossier/v1/dossier.grpc.pb.h"

namespace laso::cli {

namespace dv1 = laso::dossier::v1;

absl::Status SyncDossiers(const ServiceClient& client, const std::vector<dv1::DossierRecord>& records,
                          SyncTotals* totals) {
  auto stub = dv1::DossierService::NewStub(client.channel());
  constexpr size_t kBatch = 1000;
  for (size_t start = 0; start < records.size(); start += kBatch) {
    dv1::SyncDossiersRequest request;
    for (size_t i = start; i < std::min(records.size(), start + kBatch); ++i) *request.add_dossiers() = records[i];
    dv1::SyncDossiersResponse response;
    auto ctx = client.NewContext();
    grpc::Status status = stub->SyncDossiers(ctx.get(), request, &response);
    if (!status.ok()) return FromGrpcStatus(status);
    totals->dossiers += response.dossiers_accepted();
    totals->events += response.events_accepted();
    totals->duplicates += response.events_duplicate();
    for (const auto& r : response.rejected()) {
      if (totals->rejected++ < 20) {
        std::fprintf(stderr, "rejected %s %s: %s\n", r.code().c_str(), r.event_id().c_str(), r.reason().c_str());
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace laso::cli

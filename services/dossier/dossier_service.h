#pragma once

#include "common/grpc/identity.h"
#include "common/process/worker_pool.h"
#include "laso/dossier/v1/dossier.grpc.pb.h"
#include "services/dossier/dossiers.h"

namespace laso::dossier {

// The gRPC face of Dossiers, on gRPC's callback API: each call verified,
// logged and mapped by rpc::ServeCallback / rpc::ServeOnPool.
class DossierGrpc final : public v1::DossierService::CallbackService {
 public:
  DossierGrpc(Dossiers& dossiers, const rpc::IdentityVerifier& verifier, process::WorkerPool& pool)
      : dossiers_(dossiers), verifier_(verifier), pool_(pool) {}

  grpc::ServerUnaryReactor* GetDossier(grpc::CallbackServerContext* ctx, const v1::GetDossierRequest* req,
                                       v1::Dossier* resp) override;
  grpc::ServerUnaryReactor* ListMyDossiers(grpc::CallbackServerContext* ctx, const v1::ListMyDossiersRequest* req,
                                           v1::ListMyDossiersResponse* resp) override;
  grpc::ServerUnaryReactor* SyncDossiers(grpc::CallbackServerContext* ctx, const v1::SyncDossiersRequest* req,
                                         v1::SyncDossiersResponse* resp) override;
  grpc::ServerUnaryReactor* AddDossierEvents(grpc::CallbackServerContext* ctx,
                                             const v1::AddDossierEventsRequest* req,
                                             v1::AddDossierEventsResponse* resp) override;
  grpc::ServerUnaryReactor* GetDossierStats(grpc::CallbackServerContext* ctx, const v1::GetDossierStatsRequest* req,
                                            v1::DossierStats* resp) override;

 private:
  Dossiers& dossiers_;
  const rpc::IdentityVerifier& verifier_;
  process::WorkerPool& pool_;
};

}  // namespace laso::dossier

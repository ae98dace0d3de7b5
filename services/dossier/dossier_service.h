#pragma once

#include "common/grpc/identity.h"
#include "laso/dossier/v1/dossier.grpc.pb.h"
#include "services/dossier/dossiers.h"

namespace laso::dossier {

// The gRPC face of Dossiers: each call verified, logged and mapped by rpc::Serve.
class DossierGrpc final : public v1::DossierService::Service {
 public:
  DossierGrpc(Dossiers& dossiers, const rpc::IdentityVerifier& verifier) : dossiers_(dossiers), verifier_(verifier) {}

  grpc::Status GetDossier(grpc::ServerContext* ctx, const v1::GetDossierRequest* req, v1::Dossier* resp) override;
  grpc::Status ListMyDossiers(grpc::ServerContext* ctx, const v1::ListMyDossiersRequest* req,
                              v1::ListMyDossiersResponse* resp) override;
  grpc::Status SyncDossiers(grpc::ServerContext* ctx, const v1::SyncDossiersRequest* req,
                            v1::SyncDossiersResponse* resp) override;
  grpc::Status AddDossierEvents(grpc::ServerContext* ctx, const v1::AddDossierEventsRequest* req,
                                v1::AddDossierEventsResponse* resp) override;
  grpc::Status GetDossierStats(grpc::ServerContext* ctx, const v1::GetDossierStatsRequest* req,
                               v1::DossierStats* resp) override;

 private:
  Dossiers& dossiers_;
  const rpc::IdentityVerifier& verifier_;
};

}  // namespace laso::dossier

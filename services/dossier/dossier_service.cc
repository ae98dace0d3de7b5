#include "services/dossier/dossier_service.h"

#include "common/grpc/call.h"

namespace laso::dossier {

// Reads answer on gRPC's own threads: they only touch the caches and SQLite
// readers, which do not wait on the writer.
grpc::ServerUnaryReactor* DossierGrpc::GetDossier(grpc::CallbackServerContext* ctx, const v1::GetDossierRequest* req,
                                                  v1::Dossier* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                              return dossiers_.Get(call.caller, *req);
                            }));
}

grpc::ServerUnaryReactor* DossierGrpc::ListMyDossiers(grpc::CallbackServerContext* ctx,
                                                      const v1::ListMyDossiersRequest* req,
                                                      v1::ListMyDossiersResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                              return dossiers_.ListMine(call.caller, *req);
                            }));
}

// Writes wait for the disk and statistics scan history: both go to the pool.
grpc::ServerUnaryReactor* DossierGrpc::SyncDossiers(grpc::CallbackServerContext* ctx,
                                                    const v1::SyncDossiersRequest* req,
                                                    v1::SyncDossiersResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return dossiers_.Sync(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* DossierGrpc::AddDossierEvents(grpc::CallbackServerContext* ctx,
                                                        const v1::AddDossierEventsRequest* req,
                                                        v1::AddDossierEventsResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return dossiers_.AddEvents(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* DossierGrpc::GetDossierStats(grpc::CallbackServerContext* ctx,
                                                       const v1::GetDossierStatsRequest* req, v1::DossierStats* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_,
                          rpc::IntoResponse(resp, [this, req](const rpc::Call&) { return dossiers_.Stats(*req); }));
}

}  // namespace laso::dossier

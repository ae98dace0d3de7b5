#include "services/dossier/dossier_service.h"

#include "common/grpc/call.h"

namespace laso::dossier {
namespace {

// Runs a Dossiers method and moves its answer into the response. The method
// is called with the verified caller; it must own what it captures (it may
// run after the handler has returned).
template <typename Response, typename Method>
auto IntoResponse(Response* resp, Method method) {
  return [resp, method = std::move(method)](const rpc::Call& call) -> absl::Status {
    auto result = method(call.caller);
    if (!result.ok()) return result.status();
    *resp = std::move(*result);
    return absl::OkStatus();
  };
}

}  // namespace

// Reads answer on gRPC's own threads: they only touch the caches and SQLite
// readers, which do not wait on the writer.
grpc::ServerUnaryReactor* DossierGrpc::GetDossier(grpc::CallbackServerContext* ctx, const v1::GetDossierRequest* req,
                                                  v1::Dossier* resp) {
  return rpc::ServeCallback(ctx, verifier_,
                            IntoResponse(resp, [this, req](const rpc::Caller& c) { return dossiers_.Get(c, *req); }));
}

grpc::ServerUnaryReactor* DossierGrpc::ListMyDossiers(grpc::CallbackServerContext* ctx,
                                                      const v1::ListMyDossiersRequest* req,
                                                      v1::ListMyDossiersResponse* resp) {
  return rpc::ServeCallback(
      ctx, verifier_, IntoResponse(resp, [this, req](const rpc::Caller& c) { return dossiers_.ListMine(c, *req); }));
}

// Writes wait for the disk and statistics scan history: both go to the pool.
grpc::ServerUnaryReactor* DossierGrpc::SyncDossiers(grpc::CallbackServerContext* ctx,
                                                    const v1::SyncDossiersRequest* req,
                                                    v1::SyncDossiersResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_,
                          IntoResponse(resp, [this, req](const rpc::Caller& c) { return dossiers_.Sync(c, *req); }));
}

grpc::ServerUnaryReactor* DossierGrpc::AddDossierEvents(grpc::CallbackServerContext* ctx,
                                                        const v1::AddDossierEventsRequest* req,
                                                        v1::AddDossierEventsResponse* resp) {
  return rpc::ServeOnPool(
      ctx, verifier_, pool_,
      IntoResponse(resp, [this, req](const rpc::Caller& c) { return dossiers_.AddEvents(c, *req); }));
}

grpc::ServerUnaryReactor* DossierGrpc::GetDossierStats(grpc::CallbackServerContext* ctx,
                                                       const v1::GetDossierStatsRequest* req,
                                                       v1::DossierStats* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_,
                          IntoResponse(resp, [this, req](const rpc::Caller&) { return dossiers_.Stats(*req); }));
}

}  // namespace laso::dossier

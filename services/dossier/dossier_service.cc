#include "services/dossier/dossier_service.h"

#include "common/grpc/call.h"

namespace laso::dossier {
namespace {

// Runs a Dossiers method and moves its answer into the response.
template <typename Response, typename Method>
grpc::Status Answer(grpc::ServerContext* ctx, const rpc::IdentityVerifier& verifier, Response* resp, Method&& method) {
  return rpc::Serve(ctx, verifier, [&](const rpc::Call& call) -> absl::Status {
    auto result = method(call.caller);
    if (!result.ok()) return result.status();
    *resp = std::move(*result);
    return absl::OkStatus();
  });
}

}  // namespace

grpc::Status DossierGrpc::GetDossier(grpc::ServerContext* ctx, const v1::GetDossierRequest* req, v1::Dossier* resp) {
  return Answer(ctx, verifier_, resp, [&](const rpc::Caller& c) { return dossiers_.Get(c, *req); });
}

grpc::Status DossierGrpc::ListMyDossiers(grpc::ServerContext* ctx, const v1::ListMyDossiersRequest* req,
                                         v1::ListMyDossiersResponse* resp) {
  return Answer(ctx, verifier_, resp, [&](const rpc::Caller& c) { return dossiers_.ListMine(c, *req); });
}

grpc::Status DossierGrpc::SyncDossiers(grpc::ServerContext* ctx, const v1::SyncDossiersRequest* req,
                                       v1::SyncDossiersResponse* resp) {
  return Answer(ctx, verifier_, resp, [&](const rpc::Caller& c) { return dossiers_.Sync(c, *req); });
}

grpc::Status DossierGrpc::AddDossierEvents(grpc::ServerContext* ctx, const v1::AddDossierEventsRequest* req,
                                           v1::AddDossierEventsResponse* resp) {
  return Answer(ctx, verifier_, resp, [&](const rpc::Caller& c) { return dossiers_.AddEvents(c, *req); });
}

grpc::Status DossierGrpc::GetDossierStats(grpc::ServerContext* ctx, const v1::GetDossierStatsRequest* req,
                                          v1::DossierStats* resp) {
  return Answer(ctx, verifier_, resp, [&](const rpc::Caller&) { return dossiers_.Stats(*req); });
}

}  // namespace laso::dossier

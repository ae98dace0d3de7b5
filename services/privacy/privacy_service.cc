#include "services/privacy/privacy_service.h"

#include "common/grpc/call.h"

namespace laso::privacy {

grpc::ServerUnaryReactor* PrivacyGrpc::GetPrivacyNotice(Ctx* ctx, const v1::GetPrivacyNoticeRequest* req,
                                                        v1::PrivacyNotice* resp) {
  return rpc::ServeCallback(
      ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call&) { return consents_.Notice(*req); }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::GetMyConsents(Ctx* ctx, const v1::GetMyConsentsRequest* req,
                                                     v1::Consents* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return consents_.Mine(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::UpdateMyConsents(Ctx* ctx, const v1::UpdateMyConsentsRequest* req,
                                                        v1::Consents* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return consents_.Update(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::ListAudit(Ctx* ctx, const v1::ListAuditRequest* req,
                                                 v1::ListAuditResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return audit_.List(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::ListMyAccessLog(Ctx* ctx, const v1::ListMyAccessLogRequest* req,
                                                       v1::ListMyAccessLogResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return audit_.Mine(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::BeginSession(Ctx* ctx, const v1::BeginSessionRequest* req, v1::Consents* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return requests_.BeginSession(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::StartDataExport(Ctx* ctx, const v1::StartDataExportRequest* req, v1::DataExport* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this](const rpc::Call& call) {
                            return requests_.StartExport(call.caller);
                          }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::GetDataExport(Ctx* ctx, const v1::GetDataExportRequest* req, v1::DataExport* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this](const rpc::Call& call) {
                            return requests_.Export(call.caller);
                          }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::DownloadDataExport(Ctx* ctx, const v1::GetDataExportRequest* req, laso::api::HttpBody* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this](const rpc::Call& call) {
                            return requests_.Download(call.caller);
                          }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::EraseMe(Ctx* ctx, const v1::EraseMeRequest* req, v1::Erasure* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return requests_.EraseMe(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::EraseResident(Ctx* ctx, const v1::EraseResidentRequest* req, v1::Erasure* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return requests_.EraseResident(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* PrivacyGrpc::GetErasure(Ctx* ctx, const v1::GetErasureRequest* req, v1::Erasure* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return requests_.GetErasure(call.caller, *req);
                          }));
}

}  // namespace laso::privacy

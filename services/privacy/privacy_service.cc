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

}  // namespace laso::privacy

#include "services/billing/billing_service.h"

#include "common/grpc/call.h"

namespace laso::billing {

grpc::ServerUnaryReactor* BillingGrpc::ListProviders(grpc::CallbackServerContext* ctx,
                                                     const v1::ListProvidersRequest* req,
                                                     v1::ListProvidersResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_,
                            rpc::IntoResponse(resp, [this](const rpc::Call&) { return bills_.ListProviders(); }));
}

grpc::ServerUnaryReactor* BillingGrpc::PutProvider(grpc::CallbackServerContext* ctx, const v1::PutProviderRequest* req,
                                                   v1::Provider* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return bills_.PutProvider(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* BillingGrpc::ComputeTariff(grpc::CallbackServerContext* ctx,
                                                     const v1::ComputeTariffRequest* req, v1::TariffComputation* resp) {
  return rpc::ServeCallback(ctx, verifier_,
                            rpc::IntoResponse(resp, [this, req](const rpc::Call&) { return bills_.Compute(*req); }));
}

grpc::ServerUnaryReactor* BillingGrpc::ImportBills(grpc::CallbackServerContext* ctx, const laso::api::HttpBody* req,
                                                   v1::ImportBillsResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return bills_.Import(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* BillingGrpc::LinkUtilityAccount(grpc::CallbackServerContext* ctx,
                                                          const v1::LinkUtilityAccountRequest* req,
                                                          v1::UtilityAccount* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return bills_.Link(call.caller, *req, call.idempotency_key);
                          }));
}

grpc::ServerUnaryReactor* BillingGrpc::ListUtilityAccounts(grpc::CallbackServerContext* ctx,
                                                           const v1::ListUtilityAccountsRequest* req,
                                                           v1::ListUtilityAccountsResponse* resp) {
  return rpc::ServeCallback(
      ctx, verifier_, rpc::IntoResponse(resp, [this](const rpc::Call& call) { return bills_.Accounts(call.caller); }));
}

grpc::ServerUnaryReactor* BillingGrpc::UnlinkUtilityAccount(grpc::CallbackServerContext* ctx,
                                                            const v1::UnlinkUtilityAccountRequest* req,
                                                            v1::UnlinkUtilityAccountResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return bills_.Unlink(call.caller, *req, call.idempotency_key);
                          }));
}

grpc::ServerUnaryReactor* BillingGrpc::ListMyBills(grpc::CallbackServerContext* ctx, const v1::ListMyBillsRequest* req,
                                                   v1::ListBillsResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                              return bills_.MyBills(call.caller, *req);
                            }));
}

grpc::ServerUnaryReactor* BillingGrpc::ListAccountBills(grpc::CallbackServerContext* ctx,
                                                        const v1::ListAccountBillsRequest* req,
                                                        v1::ListBillsResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                              return bills_.AccountBills(call.caller, *req);
                            }));
}

grpc::ServerUnaryReactor* BillingGrpc::LookupBill(grpc::CallbackServerContext* ctx, const v1::LookupBillRequest* req,
                                                  v1::BillSummary* resp) {
  return rpc::ServeCallback(ctx, verifier_,
                            rpc::IntoResponse(resp, [this, req](const rpc::Call&) { return bills_.Lookup(*req); }));
}

grpc::ServerUnaryReactor* BillingGrpc::CheckoutBill(grpc::CallbackServerContext* ctx,
                                                    const v1::CheckoutBillRequest* req, v1::CheckoutOrder* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                              return bills_.Checkout(call.caller, *req);
                            }));
}

grpc::ServerUnaryReactor* BillingGrpc::ZaloPaymentCallback(grpc::CallbackServerContext* ctx,
                                                           const laso::api::HttpBody* req,
                                                           v1::ZaloPaymentCallbackResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call&) {
                            return bills_.PaymentCallback(*req);
                          }));
}

}  // namespace laso::billing

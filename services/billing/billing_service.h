#pragma once

#include "common/grpc/identity.h"
#include "common/process/worker_pool.h"
#include "laso/billing/v1/billing.grpc.pb.h"
#include "services/billing/bills.h"

namespace laso::billing {

// The gRPC face of Bills on gRPC's callback API: reads answer on gRPC's
// threads; writes (which wait for the disk) and imports run on the pool.
class BillingGrpc final : public v1::BillingService::CallbackService {
 public:
  BillingGrpc(Bills& bills, const rpc::IdentityVerifier& verifier, process::WorkerPool& pool)
      : bills_(bills), verifier_(verifier), pool_(pool) {}
  grpc::ServerUnaryReactor* ListProviders(grpc::CallbackServerContext* ctx, const v1::ListProvidersRequest* req,
                                          v1::ListProvidersResponse* resp) override;
  grpc::ServerUnaryReactor* PutProvider(grpc::CallbackServerContext* ctx, const v1::PutProviderRequest* req,
                                        v1::Provider* resp) override;
  grpc::ServerUnaryReactor* ComputeTariff(grpc::CallbackServerContext* ctx, const v1::ComputeTariffRequest* req,
                                          v1::TariffComputation* resp) override;
  grpc::ServerUnaryReactor* ImportBills(grpc::CallbackServerContext* ctx, const laso::api::HttpBody* req,
                                        v1::ImportBillsResponse* resp) override;
  grpc::ServerUnaryReactor* LinkUtilityAccount(grpc::CallbackServerContext* ctx,
                                               const v1::LinkUtilityAccountRequest* req,
                                               v1::UtilityAccount* resp) override;
  grpc::ServerUnaryReactor* ListUtilityAccounts(grpc::CallbackServerContext* ctx,
                                                const v1::ListUtilityAccountsRequest* req,
                                                v1::ListUtilityAccountsResponse* resp) override;
  grpc::ServerUnaryReactor* UnlinkUtilityAccount(grpc::CallbackServerContext* ctx,
                                                 const v1::UnlinkUtilityAccountRequest* req,
                                                 v1::UnlinkUtilityAccountResponse* resp) override;
  grpc::ServerUnaryReactor* ListMyBills(grpc::CallbackServerContext* ctx, const v1::ListMyBillsRequest* req,
                                        v1::ListBillsResponse* resp) override;
  grpc::ServerUnaryReactor* ListAccountBills(grpc::CallbackServerContext* ctx, const v1::ListAccountBillsRequest* req,
                                             v1::ListBillsResponse* resp) override;
  grpc::ServerUnaryReactor* LookupBill(grpc::CallbackServerContext* ctx, const v1::LookupBillRequest* req,
                                       v1::BillSummary* resp) override;
  grpc::ServerUnaryReactor* CheckoutBill(grpc::CallbackServerContext* ctx, const v1::CheckoutBillRequest* req,
                                         v1::CheckoutOrder* resp) override;
  grpc::ServerUnaryReactor* ZaloPaymentCallback(grpc::CallbackServerContext* ctx, const laso::api::HttpBody* req,
                                                v1::ZaloPaymentCallbackResponse* resp) override;

 private:
  Bills& bills_;
  const rpc::IdentityVerifier& verifier_;
  process::WorkerPool& pool_;
};

}  // namespace laso::billing

#pragma once

#include "common/grpc/identity.h"
#include "common/process/worker_pool.h"
#include "laso/waste/v1/waste.grpc.pb.h"
#include "services/waste/waste_collection.h"

namespace laso::waste {

// The gRPC face of WasteCollection on gRPC's callback API: lookups answer on
// gRPC's threads from memory; writes (which wait for the disk) run on the pool.
// GetSchedule, the busiest lookup, answers with cached serialized bytes.
class WasteGrpc final : public v1::WasteService::WithRawCallbackMethod_GetSchedule<v1::WasteService::CallbackService> {
 public:
  WasteGrpc(WasteCollection& waste, const rpc::IdentityVerifier& verifier, process::WorkerPool& pool)
      : waste_(waste), verifier_(verifier), pool_(pool) {}
  grpc::ServerUnaryReactor* PutRoute(grpc::CallbackServerContext* ctx, const v1::PutRouteRequest* req,
                                     v1::RouteSummary* resp) override;
  grpc::ServerUnaryReactor* GetRoute(grpc::CallbackServerContext* ctx, const v1::GetRouteRequest* req,
                                     laso::api::HttpBody* resp) override;
  grpc::ServerUnaryReactor* ListRoutes(grpc::CallbackServerContext* ctx, const v1::ListRoutesRequest* req,
                                       v1::ListRoutesResponse* resp) override;
  grpc::ServerUnaryReactor* GetSchedule(grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* req,
                                        grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* GetScheduleIcs(grpc::CallbackServerContext* ctx, const v1::ScheduleRequest* req,
                                           laso::api::HttpBody* resp) override;
  grpc::ServerUnaryReactor* GetEta(grpc::CallbackServerContext* ctx, const v1::EtaRequest* req,
                                   v1::EtaResponse* resp) override;
  grpc::ServerUnaryReactor* SearchGuide(grpc::CallbackServerContext* ctx, const v1::GuideRequest* req,
                                        v1::GuideResponse* resp) override;
  grpc::ServerUnaryReactor* ListMySubscriptions(grpc::CallbackServerContext* ctx,
                                                const v1::ListMySubscriptionsRequest* req,
                                                v1::ListMySubscriptionsResponse* resp) override;
  grpc::ServerUnaryReactor* CancelSubscription(grpc::CallbackServerContext* ctx, const v1::CancelSubscriptionRequest* req,
                                               v1::CancelSubscriptionResponse* resp) override;
  grpc::ServerUnaryReactor* Subscribe(grpc::CallbackServerContext* ctx, const v1::SubscribeRequest* req,
                                      v1::Subscription* resp) override;
  grpc::ServerUnaryReactor* PostPositions(grpc::CallbackServerContext* ctx, const v1::PostPositionsRequest* req,
                                          v1::PostPositionsResponse* resp) override;
  grpc::ServerUnaryReactor* RegisterTracker(grpc::CallbackServerContext* ctx, const v1::RegisterTrackerRequest* req,
                                            v1::TrackerKey* resp) override;
  grpc::ServerUnaryReactor* PostSignedPositions(grpc::CallbackServerContext* ctx,
                                                const v1::SignedPositionsRequest* req,
                                                v1::PostPositionsResponse* resp) override;
  grpc::ServerUnaryReactor* ListVehicles(grpc::CallbackServerContext* ctx, const v1::ListVehiclesRequest* req,
                                         v1::ListVehiclesResponse* resp) override;

 private:
  WasteCollection& waste_;
  const rpc::IdentityVerifier& verifier_;
  process::WorkerPool& pool_;
};

}  // namespace laso::waste

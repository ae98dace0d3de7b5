#include "services/waste/waste_service.h"

#include "common/grpc/call.h"

namespace laso::waste {

grpc::ServerUnaryReactor* WasteGrpc::PutRoute(grpc::CallbackServerContext* ctx, const v1::PutRouteRequest* req,
                                              v1::RouteSummary* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return waste_.PutRoute(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* WasteGrpc::GetRoute(grpc::CallbackServerContext* ctx, const v1::GetRouteRequest* req,
                                              laso::api::HttpBody* resp) {
  return rpc::ServeCallback(ctx, verifier_,
                            rpc::IntoResponse(resp, [this, req](const rpc::Call&) { return waste_.GetRoute(*req); }));
}

grpc::ServerUnaryReactor* WasteGrpc::ListRoutes(grpc::CallbackServerContext* ctx, const v1::ListRoutesRequest* req,
                                                v1::ListRoutesResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_,
                            rpc::IntoResponse(resp, [this](const rpc::Call&) { return waste_.ListRoutes(); }));
}

grpc::ServerUnaryReactor* WasteGrpc::GetSchedule(grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* req,
                                                 grpc::ByteBuffer* resp) {
  return rpc::ServeCallback(ctx, verifier_, [this, req, resp](const rpc::Call&) -> absl::Status {
    std::vector<grpc::Slice> slices;
    v1::ScheduleRequest request;
    if (!req->Dump(&slices).ok()) return absl::InvalidArgumentError("unreadable request");
    std::string raw;
    for (const auto& slice : slices) raw.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    if (!request.ParseFromString(raw)) return absl::InvalidArgumentError("malformed ScheduleRequest");
    auto bytes = waste_.GetScheduleBytes(request);
    if (!bytes.ok()) return bytes.status();
    grpc::Slice slice((*bytes)->data(), (*bytes)->size());
    *resp = grpc::ByteBuffer(&slice, 1);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* WasteGrpc::GetScheduleIcs(grpc::CallbackServerContext* ctx, const v1::ScheduleRequest* req,
                                                    laso::api::HttpBody* resp) {
  return rpc::ServeCallback(
      ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call&) { return waste_.GetScheduleIcs(*req); }));
}

grpc::ServerUnaryReactor* WasteGrpc::GetEta(grpc::CallbackServerContext* ctx, const v1::EtaRequest* req,
                                            v1::EtaResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_,
                            rpc::IntoResponse(resp, [this, req](const rpc::Call&) { return waste_.GetEta(*req); }));
}

grpc::ServerUnaryReactor* WasteGrpc::SearchGuide(grpc::CallbackServerContext* ctx, const v1::GuideRequest* req,
                                                 v1::GuideResponse* resp) {
  return rpc::ServeCallback(
      ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call&) { return waste_.SearchGuide(*req); }));
}

grpc::ServerUnaryReactor* WasteGrpc::Subscribe(grpc::CallbackServerContext* ctx, const v1::SubscribeRequest* req,
                                               v1::Subscription* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return waste_.Subscribe(call.caller, *req, call.idempotency_key);
                          }));
}

grpc::ServerUnaryReactor* WasteGrpc::ListMySubscriptions(grpc::CallbackServerContext* ctx,
                                                         const v1::ListMySubscriptionsRequest* req,
                                                         v1::ListMySubscriptionsResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this](const rpc::Call& call) {
                            return waste_.ListMySubscriptions(call.caller);
                          }));
}

grpc::ServerUnaryReactor* WasteGrpc::CancelSubscription(grpc::CallbackServerContext* ctx,
                                                        const v1::CancelSubscriptionRequest* req,
                                                        v1::CancelSubscriptionResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return waste_.CancelSubscription(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* WasteGrpc::PostPositions(grpc::CallbackServerContext* ctx,
                                                   const v1::PostPositionsRequest* req,
                                                   v1::PostPositionsResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return waste_.PostPositions(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* WasteGrpc::ListVehicles(grpc::CallbackServerContext* ctx, const v1::ListVehiclesRequest* req,
                                                  v1::ListVehiclesResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_,
                            rpc::IntoResponse(resp, [this](const rpc::Call&) { return waste_.ListVehicles(); }));
}

grpc::ServerUnaryReactor* WasteGrpc::RegisterTracker(grpc::CallbackServerContext* ctx,
                                                     const v1::RegisterTrackerRequest* req, v1::TrackerKey* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return waste_.RegisterTracker(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* WasteGrpc::PostSignedPositions(grpc::CallbackServerContext* ctx,
                                                         const v1::SignedPositionsRequest* req,
                                                         v1::PostPositionsResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call&) {
                            return waste_.PostSignedPositions(*req);
                          }));
}

}  // namespace laso::waste

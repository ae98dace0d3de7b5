#include "services/notify/notify_service.h"

#include "common/grpc/call.h"

namespace laso::notify {

using common::v1::Role;

grpc::ServerUnaryReactor* NotifyGrpc::ListNotifications(grpc::CallbackServerContext* ctx,
                                                        const v1::ListNotificationsRequest* req,
                                                        v1::ListNotificationsResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return notifications_.List(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* NotifyGrpc::MarkRead(grpc::CallbackServerContext* ctx, const v1::MarkReadRequest* req,
                                               v1::Notification* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return notifications_.MarkRead(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* NotifyGrpc::MarkAllRead(grpc::CallbackServerContext* ctx, const v1::MarkAllReadRequest*,
                                                  v1::MarkAllReadResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this](const rpc::Call& call) {
                            return notifications_.MarkAllRead(call.caller);
                          }));
}

grpc::ServerUnaryReactor* NotifyGrpc::GetSettings(grpc::CallbackServerContext* ctx, const v1::GetSettingsRequest*,
                                                  v1::NotificationSettings* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this](const rpc::Call& call) {
                            return notifications_.GetSettings(call.caller);
                          }));
}

grpc::ServerUnaryReactor* NotifyGrpc::UpdateSettings(grpc::CallbackServerContext* ctx,
                                                     const v1::NotificationSettings* req,
                                                     v1::NotificationSettings* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return notifications_.UpdateSettings(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* NotifyGrpc::GetDeliveryStats(grpc::CallbackServerContext* ctx,
                                                       const v1::GetDeliveryStatsRequest*, v1::DeliveryStats* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this](const rpc::Call& call) {
                            if (auto s = rpc::RequireRole(call.caller, {Role::ADMIN, Role::OPERATOR}); !s.ok()) {
                              return absl::StatusOr<v1::DeliveryStats>(s);
                            }
                            return notifications_.Stats();
                          }));
}

grpc::ServerUnaryReactor* NotifyGrpc::ListDeadLetters(grpc::CallbackServerContext* ctx,
                                                      const v1::ListDeadLettersRequest* req,
                                                      v1::ListDeadLettersResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            if (auto s = rpc::RequireRole(call.caller, {Role::ADMIN, Role::OPERATOR}); !s.ok()) {
                              return absl::StatusOr<v1::ListDeadLettersResponse>(s);
                            }
                            return notifications_.DeadLetters(*req);
                          }));
}

}  // namespace laso::notify

#pragma once

#include "common/grpc/identity.h"
#include "common/process/worker_pool.h"
#include "laso/notify/v1/notify.grpc.pb.h"
#include "services/notify/notifications.h"

namespace laso::notify {

// The gRPC face of Notifications; every call reads or writes SQLite, so all
// run on the worker pool.
class NotifyGrpc final : public v1::NotifyService::CallbackService {
 public:
  NotifyGrpc(Notifications& notifications, const rpc::IdentityVerifier& verifier, process::WorkerPool& pool)
      : notifications_(notifications), verifier_(verifier), pool_(pool) {}

  grpc::ServerUnaryReactor* ListNotifications(grpc::CallbackServerContext* ctx, const v1::ListNotificationsRequest* req,
                                              v1::ListNotificationsResponse* resp) override;
  grpc::ServerUnaryReactor* MarkRead(grpc::CallbackServerContext* ctx, const v1::MarkReadRequest* req,
                                     v1::Notification* resp) override;
  grpc::ServerUnaryReactor* MarkAllRead(grpc::CallbackServerContext* ctx, const v1::MarkAllReadRequest* req,
                                        v1::MarkAllReadResponse* resp) override;
  grpc::ServerUnaryReactor* GetSettings(grpc::CallbackServerContext* ctx, const v1::GetSettingsRequest* req,
                                        v1::NotificationSettings* resp) override;
  grpc::ServerUnaryReactor* UpdateSettings(grpc::CallbackServerContext* ctx, const v1::NotificationSettings* req,
                                           v1::NotificationSettings* resp) override;
  grpc::ServerUnaryReactor* GetDeliveryStats(grpc::CallbackServerContext* ctx, const v1::GetDeliveryStatsRequest* req,
                                             v1::DeliveryStats* resp) override;
  grpc::ServerUnaryReactor* ListDeadLetters(grpc::CallbackServerContext* ctx, const v1::ListDeadLettersRequest* req,
                                            v1::ListDeadLettersResponse* resp) override;

 private:
  Notifications& notifications_;
  const rpc::IdentityVerifier& verifier_;
  process::WorkerPool& pool_;
};

}  // namespace laso::notify

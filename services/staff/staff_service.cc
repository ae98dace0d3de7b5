#include "services/staff/staff_service.h"

#include "common/grpc/call.h"
#include "common/process/thread_priority.h"

namespace laso::staff {
namespace {

// The call's method answers the response (StatusOr) or only a status.
template <typename Response, typename Method>
auto Answer(Response* resp, Method method) {
  return [resp, method = std::move(method)](const rpc::Call& call) -> absl::Status {
    if constexpr (std::is_same_v<decltype(method(call)), absl::Status>) {
      return method(call);
    } else {
      auto result = method(call);
      if (!result.ok()) return result.status();
      *resp = std::move(*result);
      return absl::OkStatus();
    }
  };
}

// Hashing threads yield to everything else on the machine.
template <typename Handler>
auto AtLowPriority(Handler handler) {
  return [handler = std::move(handler)](const rpc::Call& call) {
    process::LowerThisThreadPriority();
    return handler(call);
  };
}

}  // namespace

#define LASO_STAFF_ON(pool, expr)                                                              \
  return rpc::ServeOnPool(ctx, verifier_, pool, Answer(resp, [this, req](const rpc::Call& call) { \
                            (void)req;                                                          \
                            return expr;                                                        \
                          }))
#define LASO_STAFF_HASHING(expr)                                                                               \
  return rpc::ServeOnPool(ctx, verifier_, hashing_, AtLowPriority(Answer(resp, [this, req](const rpc::Call& call) { \
                            return expr;                                                                        \
                          })))

grpc::ServerUnaryReactor* StaffGrpc::SignIn(Ctx* ctx, const v1::SignInRequest* req, v1::StaffSession* resp) {
  LASO_STAFF_HASHING(sessions_.SignIn(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::ChangeInitialPassword(Ctx* ctx, const v1::ChangeInitialPasswordRequest* req,
                                                           v1::StaffSession* resp) {
  LASO_STAFF_HASHING(sessions_.ChangeInitialPassword(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::RefreshSession(Ctx* ctx, const v1::RefreshSessionRequest* req,
                                                    v1::StaffSession* resp) {
  LASO_STAFF_ON(pool_, sessions_.Refresh(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::SignOut(Ctx* ctx, const v1::SignOutRequest* req, v1::SignOutResponse* resp) {
  LASO_STAFF_ON(pool_, sessions_.SignOut(call.caller));
}
grpc::ServerUnaryReactor* StaffGrpc::ChangePassword(Ctx* ctx, const v1::ChangePasswordRequest* req,
                                                    v1::ChangePasswordResponse* resp) {
  LASO_STAFF_HASHING(sessions_.ChangePassword(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::ListStaff(Ctx* ctx, const v1::ListStaffRequest* req, v1::ListStaffResponse* resp) {
  LASO_STAFF_ON(pool_, accounts_.List(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::GetStaff(Ctx* ctx, const v1::GetStaffRequest* req, v1::StaffMember* resp) {
  LASO_STAFF_ON(pool_, accounts_.Get(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::CreateStaff(Ctx* ctx, const v1::CreateStaffRequest* req,
                                                 v1::StaffEnrolment* resp) {
  LASO_STAFF_HASHING(accounts_.Create(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::UpdateStaff(Ctx* ctx, const v1::UpdateStaffRequest* req, v1::StaffMember* resp) {
  LASO_STAFF_ON(pool_, accounts_.Update(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::ResetStaff(Ctx* ctx, const v1::ResetStaffRequest* req, v1::StaffEnrolment* resp) {
  LASO_STAFF_HASHING(accounts_.Reset(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::RevokeSessions(Ctx* ctx, const v1::RevokeSessionsRequest* req,
                                                    v1::RevokeSessionsResponse* resp) {
  LASO_STAFF_ON(pool_, accounts_.RevokeSessions(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::ListSessions(Ctx* ctx, const v1::ListSessionsRequest* req,
                                                  v1::ListSessionsResponse* resp) {
  LASO_STAFF_ON(pool_, accounts_.ListSessions(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::CreateMachineToken(Ctx* ctx, const v1::CreateMachineTokenRequest* req,
                                                        v1::IssuedMachineToken* resp) {
  LASO_STAFF_ON(pool_, machines_.Create(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::ListMachineTokens(Ctx* ctx, const v1::ListMachineTokensRequest* req,
                                                       v1::ListMachineTokensResponse* resp) {
  LASO_STAFF_ON(pool_, machines_.List(call.caller, *req));
}
grpc::ServerUnaryReactor* StaffGrpc::RevokeMachineToken(Ctx* ctx, const v1::RevokeMachineTokenRequest* req,
                                                        v1::MachineToken* resp) {
  LASO_STAFF_ON(pool_, machines_.Revoke(call.caller, *req));
}

#undef LASO_STAFF_ON
#undef LASO_STAFF_HASHING

}  // namespace laso::staff

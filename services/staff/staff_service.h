#pragma once

#include "common/grpc/identity.h"
#include "common/process/worker_pool.h"
#include "laso/staff/v1/staff.grpc.pb.h"
#include "services/staff/machine_tokens.h"
#include "services/staff/staff_accounts.h"
#include "services/staff/staff_sessions.h"

namespace laso::staff {

// The gRPC face of the staff service on gRPC's callback API. Everything that
// hashes a password (sign-in, first password, change, create, reset) runs on
// `hashing`, a small pool at low CPU priority, so a burst of sign-ins (or a
// guesser) waits its turn instead of starving the calls beside it; the rest
// runs on `pool`.
class StaffGrpc final : public v1::StaffService::CallbackService {
 public:
  StaffGrpc(StaffSessions& sessions, StaffAccounts& accounts, MachineTokens& machines,
            const rpc::IdentityVerifier& verifier, process::WorkerPool& hashing, process::WorkerPool& pool)
      : sessions_(sessions), accounts_(accounts), machines_(machines), verifier_(verifier), hashing_(hashing),
        pool_(pool) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* SignIn(Ctx* ctx, const v1::SignInRequest* req, v1::StaffSession* resp) override;
  Reactor* ChangeInitialPassword(Ctx* ctx, const v1::ChangeInitialPasswordRequest* req, v1::StaffSession* resp) override;
  Reactor* RefreshSession(Ctx* ctx, const v1::RefreshSessionRequest* req, v1::StaffSession* resp) override;
  Reactor* SignOut(Ctx* ctx, const v1::SignOutRequest* req, v1::SignOutResponse* resp) override;
  Reactor* ChangePassword(Ctx* ctx, const v1::ChangePasswordRequest* req, v1::ChangePasswordResponse* resp) override;
  Reactor* ListStaff(Ctx* ctx, const v1::ListStaffRequest* req, v1::ListStaffResponse* resp) override;
  Reactor* GetStaff(Ctx* ctx, const v1::GetStaffRequest* req, v1::StaffMember* resp) override;
  Reactor* CreateStaff(Ctx* ctx, const v1::CreateStaffRequest* req, v1::StaffEnrolment* resp) override;
  Reactor* UpdateStaff(Ctx* ctx, const v1::UpdateStaffRequest* req, v1::StaffMember* resp) override;
  Reactor* ResetStaff(Ctx* ctx, const v1::ResetStaffRequest* req, v1::StaffEnrolment* resp) override;
  Reactor* RevokeSessions(Ctx* ctx, const v1::RevokeSessionsRequest* req, v1::RevokeSessionsResponse* resp) override;
  Reactor* ListSessions(Ctx* ctx, const v1::ListSessionsRequest* req, v1::ListSessionsResponse* resp) override;
  Reactor* CreateMachineToken(Ctx* ctx, const v1::CreateMachineTokenRequest* req, v1::IssuedMachineToken* resp) override;
  Reactor* ListMachineTokens(Ctx* ctx, const v1::ListMachineTokensRequest* req,
                             v1::ListMachineTokensResponse* resp) override;
  Reactor* RevokeMachineToken(Ctx* ctx, const v1::RevokeMachineTokenRequest* req, v1::MachineToken* resp) override;

 private:
  StaffSessions& sessions_;
  StaffAccounts& accounts_;
  MachineTokens& machines_;
  const rpc::IdentityVerifier& verifier_;
  process::WorkerPool& hashing_;
  process::WorkerPool& pool_;
};

}  // namespace laso::staff

#pragma once

#include "common/grpc/identity.h"
#include "common/process/worker_pool.h"
#include "laso/privacy/v1/privacy.grpc.pb.h"
#include "services/privacy/consent_book.h"

namespace laso::privacy {

// The gRPC face of the privacy service on gRPC's callback API; the work runs on `pool`.
class PrivacyGrpc final : public v1::PrivacyService::CallbackService {
 public:
  PrivacyGrpc(ConsentBook& consents, const rpc::IdentityVerifier& verifier, process::WorkerPool& pool)
      : consents_(consents), verifier_(verifier), pool_(pool) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* GetPrivacyNotice(Ctx* ctx, const v1::GetPrivacyNoticeRequest* req, v1::PrivacyNotice* resp) override;
  Reactor* GetMyConsents(Ctx* ctx, const v1::GetMyConsentsRequest* req, v1::Consents* resp) override;
  Reactor* UpdateMyConsents(Ctx* ctx, const v1::UpdateMyConsentsRequest* req, v1::Consents* resp) override;

 private:
  ConsentBook& consents_;
  const rpc::IdentityVerifier& verifier_;
  process::WorkerPool& pool_;
};

}  // namespace laso::privacy

#pragma once

#include "common/grpc/identity.h"
#include "common/process/worker_pool.h"
#include "laso/privacy/v1/privacy.grpc.pb.h"
#include "services/privacy/audit_book.h"
#include "services/privacy/consent_book.h"
#include "services/privacy/request_book.h"

namespace laso::privacy {

// The gRPC face of the privacy service on gRPC's callback API; the work runs on `pool`.
class PrivacyGrpc final : public v1::PrivacyService::CallbackService {
 public:
  PrivacyGrpc(ConsentBook& consents, const AuditBook& audit, RequestBook& requests,
              const rpc::IdentityVerifier& verifier, process::WorkerPool& pool)
      : consents_(consents), audit_(audit), requests_(requests), verifier_(verifier), pool_(pool) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* GetPrivacyNotice(Ctx* ctx, const v1::GetPrivacyNoticeRequest* req, v1::PrivacyNotice* resp) override;
  Reactor* GetMyConsents(Ctx* ctx, const v1::GetMyConsentsRequest* req, v1::Consents* resp) override;
  Reactor* UpdateMyConsents(Ctx* ctx, const v1::UpdateMyConsentsRequest* req, v1::Consents* resp) override;
  Reactor* ListAudit(Ctx* ctx, const v1::ListAuditRequest* req, v1::ListAuditResponse* resp) override;
  Reactor* ListMyAccessLog(Ctx* ctx, const v1::ListMyAccessLogRequest* req,
                           v1::ListMyAccessLogResponse* resp) override;
  Reactor* BeginSession(Ctx* ctx, const v1::BeginSessionRequest* req, v1::Consents* resp) override;
  Reactor* StartDataExport(Ctx* ctx, const v1::StartDataExportRequest* req, v1::DataExport* resp) override;
  Reactor* GetDataExport(Ctx* ctx, const v1::GetDataExportRequest* req, v1::DataExport* resp) override;
  Reactor* DownloadDataExport(Ctx* ctx, const v1::GetDataExportRequest* req, laso::api::HttpBody* resp) override;
  Reactor* EraseMe(Ctx* ctx, const v1::EraseMeRequest* req, v1::Erasure* resp) override;
  Reactor* EraseResident(Ctx* ctx, const v1::EraseResidentRequest* req, v1::Erasure* resp) override;
  Reactor* GetErasure(Ctx* ctx, const v1::GetErasureRequest* req, v1::Erasure* resp) override;

 private:
  ConsentBook& consents_;
  const AuditBook& audit_;
  RequestBook& requests_;
  const rpc::IdentityVerifier& verifier_;
  process::WorkerPool& pool_;
};

}  // namespace laso::privacy

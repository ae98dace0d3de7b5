#pragma once

#include "common/grpc/identity.h"
#include "common/process/worker_pool.h"
#include "laso/feedback/v1/feedback.grpc.pb.h"
#include "services/feedback/attachments.h"
#include "services/feedback/feedbacks.h"

namespace laso::feedback {

// The gRPC face of Feedbacks and Attachments on gRPC's callback API. Quick
// reads answer on gRPC's threads; anything that writes (and waits for the
// disk), scans or moves megabytes runs on the worker pool.
class FeedbackGrpc final : public v1::FeedbackService::CallbackService {
 public:
  FeedbackGrpc(Feedbacks& feedbacks, Attachments& attachments, const rpc::IdentityVerifier& verifier,
               process::WorkerPool& pool)
      : feedbacks_(feedbacks), attachments_(attachments), verifier_(verifier), pool_(pool) {}
  grpc::ServerUnaryReactor* ListCategories(grpc::CallbackServerContext* ctx, const v1::ListCategoriesRequest* req, v1::ListCategoriesResponse* resp) override;
  grpc::ServerUnaryReactor* GetCategory(grpc::CallbackServerContext* ctx, const v1::GetCategoryRequest* req, v1::Category* resp) override;
  grpc::ServerUnaryReactor* PutCategory(grpc::CallbackServerContext* ctx, const v1::PutCategoryRequest* req, v1::Category* resp) override;
  grpc::ServerUnaryReactor* ImportCatalog(grpc::CallbackServerContext* ctx, const v1::ImportCatalogRequest* req, v1::ImportCatalogResponse* resp) override;
  grpc::ServerUnaryReactor* ListAgencies(grpc::CallbackServerContext* ctx, const v1::ListAgenciesRequest* req, v1::ListAgenciesResponse* resp) override;
  grpc::ServerUnaryReactor* CreateFeedback(grpc::CallbackServerContext* ctx, const v1::CreateFeedbackRequest* req, v1::CreateFeedbackResponse* resp) override;
  grpc::ServerUnaryReactor* UploadAttachment(grpc::CallbackServerContext* ctx, const laso::api::HttpBody* req, v1::Attachment* resp) override;
  grpc::ServerUnaryReactor* GetAttachment(grpc::CallbackServerContext* ctx, const v1::GetAttachmentRequest* req, laso::api::HttpBody* resp) override;
  grpc::ServerUnaryReactor* GetFeedback(grpc::CallbackServerContext* ctx, const v1::GetFeedbackRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* RevealReporter(grpc::CallbackServerContext* ctx, const v1::RevealReporterRequest* req, v1::Contact* resp) override;
  grpc::ServerUnaryReactor* ListMyFeedback(grpc::CallbackServerContext* ctx, const v1::ListMyFeedbackRequest* req, v1::ListFeedbackResponse* resp) override;
  grpc::ServerUnaryReactor* NearbyFeedback(grpc::CallbackServerContext* ctx, const v1::NearbyFeedbackRequest* req, v1::ListFeedbackResponse* resp) override;
  grpc::ServerUnaryReactor* ListPublicFeedback(grpc::CallbackServerContext* ctx, const v1::ListPublicFeedbackRequest* req, v1::ListFeedbackResponse* resp) override;
  grpc::ServerUnaryReactor* SupportFeedback(grpc::CallbackServerContext* ctx, const v1::FeedbackActionRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* RateFeedback(grpc::CallbackServerContext* ctx, const v1::RateFeedbackRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* ReopenFeedback(grpc::CallbackServerContext* ctx, const v1::FeedbackActionRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* ListFeedback(grpc::CallbackServerContext* ctx, const v1::ListFeedbackRequest* req, v1::ListFeedbackResponse* resp) override;
  grpc::ServerUnaryReactor* AssignFeedback(grpc::CallbackServerContext* ctx, const v1::AssignFeedbackRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* RejectFeedback(grpc::CallbackServerContext* ctx, const v1::RejectFeedbackRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* AcceptFeedback(grpc::CallbackServerContext* ctx, const v1::FeedbackActionRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* RespondFeedback(grpc::CallbackServerContext* ctx, const v1::RespondFeedbackRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* TransferFeedback(grpc::CallbackServerContext* ctx, const v1::FeedbackActionRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* SetFeedbackPriority(grpc::CallbackServerContext* ctx, const v1::SetFeedbackPriorityRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* RecategorizeFeedback(grpc::CallbackServerContext* ctx, const v1::RecategorizeFeedbackRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* MoveFeedback(grpc::CallbackServerContext* ctx, const v1::MoveFeedbackRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* HideFeedback(grpc::CallbackServerContext* ctx, const v1::HideFeedbackRequest* req, v1::Feedback* resp) override;
  grpc::ServerUnaryReactor* RedactAttachment(grpc::CallbackServerContext* ctx, const v1::RedactAttachmentRequest* req, v1::Attachment* resp) override;
  grpc::ServerUnaryReactor* BanReporter(grpc::CallbackServerContext* ctx, const v1::BanReporterRequest* req, v1::BanReporterResponse* resp) override;
  grpc::ServerUnaryReactor* GetFeedbackStats(grpc::CallbackServerContext* ctx, const v1::GetFeedbackStatsRequest* req, v1::FeedbackStats* resp) override;
  grpc::ServerUnaryReactor* ListAnswerTemplates(grpc::CallbackServerContext* ctx, const v1::ListAnswerTemplatesRequest* req, v1::ListAnswerTemplatesResponse* resp) override;
  grpc::ServerUnaryReactor* PutAnswerTemplate(grpc::CallbackServerContext* ctx, const v1::PutAnswerTemplateRequest* req, v1::AnswerTemplate* resp) override;
  grpc::ServerUnaryReactor* DraftFeedbackAnswers(grpc::CallbackServerContext* ctx, const v1::DraftFeedbackAnswersRequest* req, v1::ListAnswerTemplatesResponse* resp) override;
  grpc::ServerWriteReactor<laso::api::HttpBody>* ExportFeedback(grpc::CallbackServerContext* ctx,
                                                                const v1::ListFeedbackRequest* req) override;
  grpc::ServerUnaryReactor* ExportFeedbackStats(grpc::CallbackServerContext* ctx, const v1::GetFeedbackStatsRequest* req, laso::api::HttpBody* resp) override;

 private:
  Feedbacks& feedbacks_;
  Attachments& attachments_;
  const rpc::IdentityVerifier& verifier_;
  process::WorkerPool& pool_;
};

}  // namespace laso::feedback

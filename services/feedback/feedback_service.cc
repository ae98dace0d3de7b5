#include "services/feedback/feedback_service.h"

#include "common/grpc/call.h"
#include "common/grpc/stream_on_pool.h"

namespace laso::feedback {

grpc::ServerUnaryReactor* FeedbackGrpc::ListCategories(grpc::CallbackServerContext* ctx, const v1::ListCategoriesRequest* req,
                                             v1::ListCategoriesResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.catalog.ListCategories(*req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::GetCategory(grpc::CallbackServerContext* ctx, const v1::GetCategoryRequest* req,
                                             v1::Category* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.catalog.GetCategory(*req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::PutCategory(grpc::CallbackServerContext* ctx, const v1::PutCategoryRequest* req,
                                             v1::Category* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.catalog.PutCategory(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ImportCatalog(grpc::CallbackServerContext* ctx, const v1::ImportCatalogRequest* req,
                                             v1::ImportCatalogResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.catalog.ImportCatalog(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ListAgencies(grpc::CallbackServerContext* ctx, const v1::ListAgenciesRequest* req,
                                             v1::ListAgenciesResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.catalog.ListAgencies();
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::CreateFeedback(grpc::CallbackServerContext* ctx, const v1::CreateFeedbackRequest* req,
                                             v1::CreateFeedbackResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.intake.Create(call.caller, *req, call.idempotency_key);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::UploadAttachment(grpc::CallbackServerContext* ctx, const laso::api::HttpBody* req,
                                             v1::Attachment* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return attachments_.Upload(call.caller, *req, call.idempotency_key);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::GetAttachment(grpc::CallbackServerContext* ctx, const v1::GetAttachmentRequest* req,
                                             laso::api::HttpBody* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return attachments_.Get(req->id());
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::GetFeedback(grpc::CallbackServerContext* ctx, const v1::GetFeedbackRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.views.Get(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::RevealReporter(grpc::CallbackServerContext* ctx,
                                                       const v1::RevealReporterRequest* req, v1::Contact* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.views.RevealReporter(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ListMyFeedback(grpc::CallbackServerContext* ctx, const v1::ListMyFeedbackRequest* req,
                                             v1::ListFeedbackResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.views.ListMine(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::NearbyFeedback(grpc::CallbackServerContext* ctx, const v1::NearbyFeedbackRequest* req,
                                             v1::ListFeedbackResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.views.Nearby(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ListPublicFeedback(grpc::CallbackServerContext* ctx, const v1::ListPublicFeedbackRequest* req,
                                             v1::ListFeedbackResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.views.ListPublic(*req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::SupportFeedback(grpc::CallbackServerContext* ctx, const v1::FeedbackActionRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.follow_up.Support(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::RateFeedback(grpc::CallbackServerContext* ctx, const v1::RateFeedbackRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.follow_up.Rate(call.caller, *req, call.idempotency_key);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ReopenFeedback(grpc::CallbackServerContext* ctx, const v1::FeedbackActionRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.follow_up.Reopen(call.caller, *req, call.idempotency_key);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ListFeedback(grpc::CallbackServerContext* ctx, const v1::ListFeedbackRequest* req,
                                             v1::ListFeedbackResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.views.List(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::AssignFeedback(grpc::CallbackServerContext* ctx, const v1::AssignFeedbackRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.handling.Assign(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::RejectFeedback(grpc::CallbackServerContext* ctx, const v1::RejectFeedbackRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.handling.Reject(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::AcceptFeedback(grpc::CallbackServerContext* ctx, const v1::FeedbackActionRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.handling.Accept(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::RespondFeedback(grpc::CallbackServerContext* ctx, const v1::RespondFeedbackRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.handling.Respond(call.caller, *req, call.idempotency_key);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::TransferFeedback(grpc::CallbackServerContext* ctx, const v1::FeedbackActionRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.handling.Transfer(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::SetFeedbackPriority(grpc::CallbackServerContext* ctx, const v1::SetFeedbackPriorityRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.corrections.SetPriority(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::RecategorizeFeedback(grpc::CallbackServerContext* ctx, const v1::RecategorizeFeedbackRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.corrections.Recategorize(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::MoveFeedback(grpc::CallbackServerContext* ctx, const v1::MoveFeedbackRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.corrections.Move(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::HideFeedback(grpc::CallbackServerContext* ctx, const v1::HideFeedbackRequest* req,
                                             v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.moderation.Hide(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::RedactAttachment(grpc::CallbackServerContext* ctx,
                                                         const v1::RedactAttachmentRequest* req, v1::Attachment* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return attachments_.Redact(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::BanReporter(grpc::CallbackServerContext* ctx, const v1::BanReporterRequest* req,
                                             v1::BanReporterResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.moderation.BanReporter(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::GetFeedbackStats(grpc::CallbackServerContext* ctx, const v1::GetFeedbackStatsRequest* req,
                                             v1::FeedbackStats* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.statistics.Stats(*req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ListAnswerTemplates(grpc::CallbackServerContext* ctx, const v1::ListAnswerTemplatesRequest* req,
                                             v1::ListAnswerTemplatesResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.templates.List(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::PutAnswerTemplate(grpc::CallbackServerContext* ctx, const v1::PutAnswerTemplateRequest* req,
                                             v1::AnswerTemplate* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.templates.Put(call.caller, *req);
  }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::DraftFeedbackAnswers(grpc::CallbackServerContext* ctx, const v1::DraftFeedbackAnswersRequest* req,
                                             v1::ListAnswerTemplatesResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.templates.Drafts(call.caller, *req);
  }));
}

grpc::ServerWriteReactor<laso::api::HttpBody>* FeedbackGrpc::ExportFeedback(grpc::CallbackServerContext* ctx,
                                                                            const v1::ListFeedbackRequest* req) {
  return rpc::StreamOnPool<laso::api::HttpBody>(
      ctx, verifier_, pool_, [this, req](const rpc::Call& call) -> absl::StatusOr<rpc::Producer<laso::api::HttpBody>> {
        auto opened = feedbacks_.exports.OpenWorkList(call.caller, *req);
        if (!opened.ok()) return opened.status();
        std::shared_ptr<CsvPieces> pieces = std::move(*opened);
        return [pieces]() -> absl::StatusOr<std::optional<laso::api::HttpBody>> {
          auto piece = pieces->Next();
          if (!piece.ok()) return piece.status();
          if (!*piece) return std::nullopt;
          laso::api::HttpBody body;
          body.set_content_type(kCsvContentType);
          body.set_data(std::move(**piece));
          return body;
        };
      });
}

grpc::ServerUnaryReactor* FeedbackGrpc::ExportFeedbackStats(grpc::CallbackServerContext* ctx, const v1::GetFeedbackStatsRequest* req,
                                             laso::api::HttpBody* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
    return feedbacks_.exports.Stats(*req);
  }));
}

}  // namespace laso::feedback

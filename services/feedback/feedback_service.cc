#include "services/feedback/feedback_service.h"

#include "common/grpc/call.h"

namespace laso::feedback {
grpc::ServerUnaryReactor* FeedbackGrpc::ListCategories(grpc::CallbackServerContext* ctx,
                                                       const v1::ListCategoriesRequest* req,
                                                       v1::ListCategoriesResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call&) {
                              return feedbacks_.ListCategories(*req);
                            }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::GetCategory(grpc::CallbackServerContext* ctx, const v1::GetCategoryRequest* req,
                                                    v1::Category* resp) {
  return rpc::ServeCallback(
      ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call&) { return feedbacks_.GetCategory(*req); }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::PutCategory(grpc::CallbackServerContext* ctx, const v1::PutCategoryRequest* req,
                                                    v1::Category* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.PutCategory(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ImportCatalog(grpc::CallbackServerContext* ctx,
                                                      const v1::ImportCatalogRequest* req,
                                                      v1::ImportCatalogResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.ImportCatalog(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ListAgencies(grpc::CallbackServerContext* ctx,
                                                     const v1::ListAgenciesRequest* req,
                                                     v1::ListAgenciesResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_,
                            rpc::IntoResponse(resp, [this](const rpc::Call&) { return feedbacks_.ListAgencies(); }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::CreateFeedback(grpc::CallbackServerContext* ctx,
                                                       const v1::CreateFeedbackRequest* req,
                                                       v1::CreateFeedbackResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.Create(call.caller, *req, call.idempotency_key);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::UploadAttachment(grpc::CallbackServerContext* ctx,
                                                         const laso::api::HttpBody* req, v1::Attachment* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return attachments_.Upload(call.caller, *req, call.idempotency_key);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::GetAttachment(grpc::CallbackServerContext* ctx,
                                                      const v1::GetAttachmentRequest* req, laso::api::HttpBody* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call&) {
                            return attachments_.Get(req->id());
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::GetFeedback(grpc::CallbackServerContext* ctx, const v1::GetFeedbackRequest* req,
                                                    v1::Feedback* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                              return feedbacks_.Get(call.caller, *req);
                            }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ListMyFeedback(grpc::CallbackServerContext* ctx,
                                                       const v1::ListMyFeedbackRequest* req,
                                                       v1::ListFeedbackResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                              return feedbacks_.ListMine(call.caller, *req);
                            }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::NearbyFeedback(grpc::CallbackServerContext* ctx,
                                                       const v1::NearbyFeedbackRequest* req,
                                                       v1::ListFeedbackResponse* resp) {
  return rpc::ServeCallback(ctx, verifier_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                              return feedbacks_.Nearby(call.caller, *req);
                            }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ListPublicFeedback(grpc::CallbackServerContext* ctx,
                                                           const v1::ListPublicFeedbackRequest* req,
                                                           v1::ListFeedbackResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call&) {
                            return feedbacks_.ListPublic(*req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::SupportFeedback(grpc::CallbackServerContext* ctx,
                                                        const v1::FeedbackActionRequest* req, v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.Support(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::RateFeedback(grpc::CallbackServerContext* ctx,
                                                     const v1::RateFeedbackRequest* req, v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.Rate(call.caller, *req, call.idempotency_key);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ReopenFeedback(grpc::CallbackServerContext* ctx,
                                                       const v1::FeedbackActionRequest* req, v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.Reopen(call.caller, *req, call.idempotency_key);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::ListFeedback(grpc::CallbackServerContext* ctx,
                                                     const v1::ListFeedbackRequest* req,
                                                     v1::ListFeedbackResponse* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.List(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::AssignFeedback(grpc::CallbackServerContext* ctx,
                                                       const v1::AssignFeedbackRequest* req, v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.Assign(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::RejectFeedback(grpc::CallbackServerContext* ctx,
                                                       const v1::RejectFeedbackRequest* req, v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.Reject(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::AcceptFeedback(grpc::CallbackServerContext* ctx,
                                                       const v1::FeedbackActionRequest* req, v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.Accept(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::RespondFeedback(grpc::CallbackServerContext* ctx,
                                                        const v1::RespondFeedbackRequest* req, v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.Respond(call.caller, *req, call.idempotency_key);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::TransferFeedback(grpc::CallbackServerContext* ctx,
                                                         const v1::FeedbackActionRequest* req, v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.Transfer(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::HideFeedback(grpc::CallbackServerContext* ctx,
                                                     const v1::HideFeedbackRequest* req, v1::Feedback* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_, rpc::IntoResponse(resp, [this, req](const rpc::Call& call) {
                            return feedbacks_.Hide(call.caller, *req);
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
                            return feedbacks_.BanReporter(call.caller, *req);
                          }));
}

grpc::ServerUnaryReactor* FeedbackGrpc::GetFeedbackStats(grpc::CallbackServerContext* ctx,
                                                         const v1::GetFeedbackStatsRequest* req,
                                                         v1::FeedbackStats* resp) {
  return rpc::ServeOnPool(ctx, verifier_, pool_,
                          rpc::IntoResponse(resp, [this, req](const rpc::Call&) { return feedbacks_.Stats(*req); }));
}

}  // namespace laso::feedback

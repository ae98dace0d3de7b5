#pragma once

#include <map>
#include <mutex>

#include "common/grpc/identity.h"
#include "laso/testing/v1/echo.grpc.pb.h"

namespace laso::testing {

// The test-only services, written like a real service's gRPC adapter (every
// handler through rpc::Serve, so caller identity is checked as in production).
class EchoService final : public laso::testing::v1::Echo::Service {
 public:
  explicit EchoService(const rpc::IdentityVerifier& verifier) : verifier_(verifier) {}

  grpc::Status Echo(grpc::ServerContext* ctx, const v1::EchoRequest* request, v1::EchoResponse* response) override;
  grpc::Status WhoAmI(grpc::ServerContext* ctx, const v1::WhoAmIRequest* request, v1::EchoResponse* response) override;
  grpc::Status StaffOnly(grpc::ServerContext* ctx, const v1::WhoAmIRequest* request,
                         v1::EchoResponse* response) override;
  grpc::Status Fail(grpc::ServerContext* ctx, const v1::FailRequest* request, v1::EchoResponse* response) override;
  grpc::Status Slow(grpc::ServerContext* ctx, const v1::SlowRequest* request, v1::EchoResponse* response) override;
  grpc::Status Guess(grpc::ServerContext* ctx, const v1::EchoRequest* request, v1::EchoResponse* response) override;

 private:
  const rpc::IdentityVerifier& verifier_;
};

// A little in-memory library, enough to exercise every HTTP annotation form.
// On gRPC's callback API: its handlers never block.
class LibraryService final : public laso::testing::v1::Library::CallbackService {
 public:
  explicit LibraryService(const rpc::IdentityVerifier& verifier) : verifier_(verifier) {}

  grpc::ServerUnaryReactor* GetBook(grpc::CallbackServerContext* ctx, const v1::GetBookRequest* request, v1::Book* response) override;
  grpc::ServerUnaryReactor* ListBooks(grpc::CallbackServerContext* ctx, const v1::ListBooksRequest* request,
                         v1::ListBooksResponse* response) override;
  grpc::ServerUnaryReactor* CreateBook(grpc::CallbackServerContext* ctx, const v1::CreateBookRequest* request, v1::Book* response) override;
  grpc::ServerUnaryReactor* UpdateBook(grpc::CallbackServerContext* ctx, const v1::UpdateBookRequest* request, v1::Book* response) override;
  grpc::ServerUnaryReactor* ReplaceBook(grpc::CallbackServerContext* ctx, const v1::Book* request, v1::Book* response) override;
  grpc::ServerUnaryReactor* DeleteBook(grpc::CallbackServerContext* ctx, const v1::DeleteBookRequest* request,
                          google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* ArchiveBook(grpc::CallbackServerContext* ctx, const v1::ArchiveBookRequest* request,
                           v1::Book* response) override;
  grpc::ServerUnaryReactor* UploadCover(grpc::CallbackServerContext* ctx, const v1::UploadCoverRequest* request,
                           v1::Book* response) override;
  grpc::ServerUnaryReactor* GetCover(grpc::CallbackServerContext* ctx, const v1::GetCoverRequest* request,
                        laso::api::HttpBody* response) override;

 private:
  const rpc::IdentityVerifier& verifier_;
  std::mutex mu_;
  std::map<std::string, v1::Book> books_;  // "shelf/id"
  std::map<std::string, laso::api::HttpBody> covers_;
};

}  // namespace laso::testing

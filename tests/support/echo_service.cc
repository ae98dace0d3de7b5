#include "tests/support/echo_service.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/grpc/call.h"
#include "common/status/status.h"

namespace laso::testing {
namespace {

void Describe(const rpc::Call& call, v1::EchoResponse* response) {
  response->set_caller_subject(call.caller.subject());
  response->set_caller_role(rpc::RoleName(call.caller.role()));
  response->set_caller_phone(call.caller.phone());
  response->set_client_ip(call.caller.client_ip());
  response->set_request_id(call.request_id);
  response->set_accept_language(call.accept_language);
  response->set_idempotency_key(call.idempotency_key);
}

std::string Key(const std::string& shelf, const std::string& id) { return absl::StrCat(shelf, "/", id); }

}  // namespace

grpc::Status EchoService::Echo(grpc::ServerContext* ctx, const v1::EchoRequest* request, v1::EchoResponse* response) {
  return rpc::Serve(ctx, verifier_, [&](const rpc::Call& call) {
    Describe(call, response);
    response->set_message(request->message());
    return absl::OkStatus();
  });
}

grpc::Status EchoService::WhoAmI(grpc::ServerContext* ctx, const v1::WhoAmIRequest*, v1::EchoResponse* response) {
  return rpc::Serve(ctx, verifier_, [&](const rpc::Call& call) {
    Describe(call, response);
    return absl::OkStatus();
  });
}

grpc::Status EchoService::StaffOnly(grpc::ServerContext* ctx, const v1::WhoAmIRequest*,
                                    v1::EchoResponse* response) {
  return WhoAmI(ctx, nullptr, response);
}

grpc::Status EchoService::Fail(grpc::ServerContext* ctx, const v1::FailRequest* request, v1::EchoResponse*) {
  return rpc::Serve(ctx, verifier_, [&](const rpc::Call&) {
    std::string message = request->message().empty() ? absl::StrCat("failed with ", request->code()) : request->message();
    absl::Status status(static_cast<absl::StatusCode>(request->code()), message);
    if (!request->field().empty()) status = AddFieldViolation(status, request->field(), message);
    return status;
  });
}

grpc::Status EchoService::Slow(grpc::ServerContext* ctx, const v1::SlowRequest* request, v1::EchoResponse* response) {
  return rpc::Serve(ctx, verifier_, [&](const rpc::Call&) {
    absl::SleepFor(absl::Milliseconds(request->millis()));
    response->set_message("slept");
    return absl::OkStatus();
  });
}

grpc::Status EchoService::Guess(grpc::ServerContext* ctx, const v1::EchoRequest* request, v1::EchoResponse* response) {
  return Echo(ctx, request, response);
}

grpc::ServerUnaryReactor* LibraryService::GetBook(grpc::CallbackServerContext* ctx, const v1::GetBookRequest* request, v1::Book* response) {
  return rpc::ServeCallback(ctx, verifier_, [&](const rpc::Call&) -> absl::Status {
    std::vector<std::string> parts = absl::StrSplit(request->name(), '/');
    if (parts.size() != 4 || parts[0] != "shelves" || parts[2] != "books") {
      return InvalidField("name", absl::StrCat("not shelves/*/books/*: ", request->name()));
    }
    std::lock_guard<std::mutex> lock(mu_);
    auto it = books_.find(Key(parts[1], parts[3]));
    if (it == books_.end()) return absl::NotFoundError(absl::StrCat("no book ", request->name()));
    *response = it->second;
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LibraryService::ListBooks(grpc::CallbackServerContext* ctx, const v1::ListBooksRequest* request,
                                       v1::ListBooksResponse* response) {
  return rpc::ServeCallback(ctx, verifier_, [&](const rpc::Call&) {
    *response->mutable_echo() = *request;
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [key, book] : books_) {
      if (book.shelf() == request->shelf()) *response->add_books() = book;
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LibraryService::CreateBook(grpc::CallbackServerContext* ctx, const v1::CreateBookRequest* request,
                                        v1::Book* response) {
  return rpc::ServeCallback(ctx, verifier_, [&](const rpc::Call&) -> absl::Status {
    if (request->book().id().empty()) return InvalidField("book.id", "a book needs an id");
    v1::Book book = request->book();
    book.set_shelf(request->shelf());
    std::lock_guard<std::mutex> lock(mu_);
    if (!books_.emplace(Key(book.shelf(), book.id()), book).second) return absl::AlreadyExistsError("book exists");
    *response = book;
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LibraryService::UpdateBook(grpc::CallbackServerContext* ctx, const v1::UpdateBookRequest* request,
                                        v1::Book* response) {
  return rpc::ServeCallback(ctx, verifier_, [&](const rpc::Call&) -> absl::Status {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = books_.find(Key(request->shelf(), request->book().id()));
    if (it == books_.end()) return absl::NotFoundError("no such book");
    if (!request->book().title().empty()) it->second.set_title(request->book().title());
    if (request->book().pages() != 0) it->second.set_pages(request->book().pages());
    *response = it->second;
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LibraryService::ReplaceBook(grpc::CallbackServerContext* ctx, const v1::Book* request, v1::Book* response) {
  return rpc::ServeCallback(ctx, verifier_, [&](const rpc::Call&) {
    std::lock_guard<std::mutex> lock(mu_);
    books_[Key(request->shelf(), request->id())] = *request;
    *response = *request;
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LibraryService::DeleteBook(grpc::CallbackServerContext* ctx, const v1::DeleteBookRequest* request,
                                        google::protobuf::Empty*) {
  return rpc::ServeCallback(ctx, verifier_, [&](const rpc::Call&) -> absl::Status {
    std::lock_guard<std::mutex> lock(mu_);
    if (books_.erase(Key(request->shelf(), request->id())) == 0) return absl::NotFoundError("no such book");
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LibraryService::ArchiveBook(grpc::CallbackServerContext* ctx, const v1::ArchiveBookRequest* request,
                                         v1::Book* response) {
  return rpc::ServeCallback(ctx, verifier_, [&](const rpc::Call&) -> absl::Status {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = books_.find(Key(request->shelf(), request->id()));
    if (it == books_.end()) return absl::NotFoundError("no such book");
    if (it->second.archived()) return absl::FailedPreconditionError("already archived");
    it->second.set_archived(true);
    *response = it->second;
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LibraryService::UploadCover(grpc::CallbackServerContext* ctx, const v1::UploadCoverRequest* request,
                                         v1::Book* response) {
  return rpc::ServeCallback(ctx, verifier_, [&](const rpc::Call&) -> absl::Status {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = books_.find(Key(request->shelf(), request->id()));
    if (it == books_.end()) return absl::NotFoundError("no such book");
    it->second.set_cover_type(request->file().content_type());
    it->second.set_cover_bytes(static_cast<int64_t>(request->file().data().size()));
    covers_[it->first] = request->file();
    *response = it->second;
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LibraryService::GetCover(grpc::CallbackServerContext* ctx, const v1::GetCoverRequest* request,
                                      laso::api::HttpBody* response) {
  return rpc::ServeCallback(ctx, verifier_, [&](const rpc::Call&) -> absl::Status {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = covers_.find(Key(request->shelf(), request->id()));
    if (it == covers_.end()) return absl::NotFoundError("no cover");
    *response = it->second;
    return absl::OkStatus();
  });
}

}  // namespace laso::testing

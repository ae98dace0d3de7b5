#include "tests/support/echo_service.h"

#include "absl/time/clock.h"
#include "common/grpc/call.h"
#include "common/status/status.h"

namespace laso::testing {

grpc::Status EchoService::Echo(grpc::ServerContext* ctx, const v1::EchoRequest* request,
                               v1::EchoResponse* response) {
  return rpc::Serve(ctx, verifier_, [&](const rpc::Call& call) {
    response->set_message(request->message());
    response->set_caller_subject(call.caller.subject());
    response->set_caller_role(rpc::RoleName(call.caller.role()));
    response->set_request_id(call.request_id);
    return absl::OkStatus();
  });
}

grpc::Status EchoService::Fail(grpc::ServerContext* ctx, const v1::FailRequest* request,
                               v1::EchoResponse* response) {
  return rpc::Serve(ctx, verifier_, [&](const rpc::Call&) {
    absl::Status status(static_cast<absl::StatusCode>(request->code()), request->message());
    if (!request->field().empty()) status = AddFieldViolation(status, request->field(), request->message());
    return status;
  });
}

grpc::Status EchoService::Slow(grpc::ServerContext* ctx, const v1::SlowRequest* request,
                               v1::EchoResponse* response) {
  return rpc::Serve(ctx, verifier_, [&](const rpc::Call&) {
    absl::SleepFor(absl::Milliseconds(request->millis()));
    response->set_message("slept");
    return absl::OkStatus();
  });
}

}  // namespace laso::testing

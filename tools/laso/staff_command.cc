#include "tools/laso/staff_command.h"

#include <cstdio>

#include "common/auth/session_tokens.h"
#include "common/crypto/totp.h"
#include "common/grpc/grpc_status.h"
#include "laso/staff/v1/staff.grpc.pb.h"
#include "tools/laso/report.h"
#include "tools/laso/service_client.h"

namespace laso::cli {
namespace {

namespace v1 = laso::staff::v1;

int Usage() {
  std::fputs("usage: laso staff create --admin USERNAME [--name \"Display Name\"]\n"
             "       laso staff create USERNAME --role operator|officer|supervisor|admin|dpo [--agency CODE] [--name \"…\"]\n"
             "       laso staff reset USERNAME            a new one-time password and TOTP enrolment\n"
             "       laso staff revoke-sessions USERNAME  sign the person out everywhere\n"
             "       laso staff disable USERNAME | enable USERNAME\n"
             "       laso staff list\n"
             "       laso staff code SECRET               the current TOTP code of a base32 secret (demos, scripts)\n"
             "create and reset print a one-time password and the TOTP enrolment URI (otpauth://…) to give the\n"
             "person; they sign in at POST /v1/auth/staff:changePassword the first time.\n",
             stderr);
  return 2;
}

void PrintEnrolment(const v1::StaffEnrolment& e) {
  std::printf("username: %s\nrole: %s%s%s\none-time password: %s\ntotp uri: %s\ntotp secret: %s\n",
              e.staff().username().c_str(), rpc::RoleName(e.staff().role()).c_str(),
              e.staff().agency().empty() ? "" : "\nagency: ", e.staff().agency().c_str(), e.one_time_password().c_str(),
              e.totp_uri().c_str(), e.totp_secret().c_str());
}

// What an authenticator app shows now for the secret: for demos and scripts, not for people.
int PrintTotpCode(const std::string& base32) {
  std::string secret;
  if (!crypto::Base32Decode(base32, &secret) || secret.empty()) {
    std::fputs("laso: the TOTP secret is base32 (A-Z, 2-7)\n", stderr);
    return 2;
  }
  std::printf("%s\n", crypto::TotpCode(secret, crypto::TotpStep(absl::Now())).c_str());
  return 0;
}

}  // namespace

int StaffCommand(const std::vector<std::string>& args, int argc, char** argv) {
  if (args.empty()) return Usage();
  const std::string& verb = args[0];
  if (verb == "code") return args.size() == 2 ? PrintTotpCode(args[1]) : Usage();
  auto client = ConnectFromFlags("staff", argc, argv);
  if (!client.ok()) return ReportFailure(client.status());
  auto stub = v1::StaffService::NewStub((*client)->channel());
  rpc::Caller admin = CliAdmin();
  auto ctx = [&] { return (*client)->NewContext(absl::Seconds(30), &admin); };

  if (verb == "create") {
    v1::CreateStaffRequest req;
    for (size_t i = 1; i < args.size(); ++i) {
      bool has_value = i + 1 < args.size();
      if (args[i] == "--admin" && has_value) {
        req.set_username(args[++i]);
        req.set_role(rpc::Role::ADMIN);
      } else if (args[i] == "--role" && has_value) {
        req.set_role(auth::ParseRoleName(args[++i]));
      } else if (args[i] == "--agency" && has_value) {
        req.set_agency(args[++i]);
      } else if (args[i] == "--name" && has_value) {
        req.set_display_name(args[++i]);
      } else if (req.username().empty() && args[i].rfind("--", 0) != 0) {
        req.set_username(args[i]);
      } else {
        return Usage();
      }
    }
    if (req.username().empty()) return Usage();
    if (req.display_name().empty()) req.set_display_name(req.username());
    v1::StaffEnrolment enrolment;
    auto status = stub->CreateStaff(ctx().get(), req, &enrolment);
    if (!status.ok()) return ReportFailure(FromGrpcStatus(status));
    PrintEnrolment(enrolment);
    return 0;
  }
  if (args.size() == 2 && verb == "reset") {
    v1::ResetStaffRequest req;
    req.set_username(args[1]);
    v1::StaffEnrolment enrolment;
    auto status = stub->ResetStaff(ctx().get(), req, &enrolment);
    if (!status.ok()) return ReportFailure(FromGrpcStatus(status));
    PrintEnrolment(enrolment);
    return 0;
  }
  if (args.size() == 2 && verb == "revoke-sessions") {
    v1::RevokeSessionsRequest req;
    req.set_username(args[1]);
    v1::RevokeSessionsResponse resp;
    auto status = stub->RevokeSessions(ctx().get(), req, &resp);
    if (!status.ok()) return ReportFailure(FromGrpcStatus(status));
    std::fprintf(stderr, "%d session(s) of %s ended\n", resp.revoked(), args[1].c_str());
    return 0;
  }
  if (args.size() == 2 && (verb == "disable" || verb == "enable")) {
    v1::UpdateStaffRequest req;
    req.set_username(args[1]);
    req.mutable_active()->set_value(verb == "enable");
    v1::StaffMember member;
    auto status = stub->UpdateStaff(ctx().get(), req, &member);
    if (!status.ok()) return ReportFailure(FromGrpcStatus(status));
    std::fprintf(stderr, "%s is %s\n", member.username().c_str(), member.active() ? "enabled" : "disabled");
    return 0;
  }
  if (args.size() == 1 && verb == "list") {
    v1::ListStaffRequest req;
    req.set_include_disabled(true);
    req.set_page_size(200);
    while (true) {
      v1::ListStaffResponse page;
      auto status = stub->ListStaff(ctx().get(), req, &page);
      if (!status.ok()) return ReportFailure(FromGrpcStatus(status));
      for (const auto& m : page.staff()) {
        std::printf("%s\t%s\t%s\t%s\t%s\n", m.username().c_str(), m.display_name().c_str(),
                    rpc::RoleName(m.role()).c_str(), m.agency().empty() ? "-" : m.agency().c_str(),
                    m.active() ? "active" : "disabled");
      }
      if (page.next_page_token().empty()) return 0;
      req.set_page_token(page.next_page_token());
    }
  }
  return Usage();
}

}  // namespace laso::cli

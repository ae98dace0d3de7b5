#include "tools/laso/token_command.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "common/auth/session_tokens.h"
#include "common/config/value_parsing.h"
#include "common/crypto/hash.h"
#include "common/crypto/random.h"
#include "common/grpc/grpc_status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "laso/staff/v1/staff.grpc.pb.h"
#include "tools/laso/report.h"
#include "tools/laso/service_client.h"

namespace laso::cli {
namespace {

namespace v1 = laso::staff::v1;

int Usage() {
  std::fputs("usage: laso token --role integration|tracker [--name NAME] [--agency CODE] [--ttl 30d]\n"
             "       laso token list [--all]\n"
             "       laso token revoke TOKEN_ID\n"
             "Machine tokens for systems that feed laso (the one-stop system, utilities, vehicle trackers), made by\n"
             "the staff service, which lists them and revokes them on every gateway within seconds. People sign in\n"
             "with their staff account (laso staff create). Scripts may hold an operator, officer or admin token.\n",
             stderr);
  return 2;
}

int Create(const std::vector<std::string>& args, int argc, char** argv) {
  std::string role_name, name, agency, ttl_text = "30d";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has_value = i + 1 < args.size();
    if (a == "--role" && has_value) role_name = args[++i];
    else if (a == "--name" && has_value) name = args[++i];
    else if (a == "--agency" && has_value) agency = args[++i];
    else if (a == "--ttl" && has_value) ttl_text = args[++i];
    else return Usage();
  }
  absl::Duration ttl;
  if (role_name.empty() || !config::ParseDurationWithDays(ttl_text, &ttl) || ttl <= absl::ZeroDuration()) {
    return Usage();
  }
  if (name.empty()) name = absl::StrCat(role_name, "-", crypto::Hex(crypto::RandomBytes(3)));
  auto client = ConnectFromFlags("staff", argc, argv);
  if (!client.ok()) return ReportFailure(client.status());
  v1::CreateMachineTokenRequest req;
  req.set_name(name);
  req.set_role(auth::ParseRoleName(role_name));
  req.set_agency(agency);
  req.mutable_ttl()->set_seconds(absl::ToInt64Seconds(ttl));
  v1::IssuedMachineToken issued;
  auto stub = v1::StaffService::NewStub((*client)->channel());
  rpc::Caller admin = CliAdmin();
  auto status = stub->CreateMachineToken((*client)->NewContext(absl::Seconds(30), &admin).get(), req, &issued);
  if (!status.ok()) return ReportFailure(FromGrpcStatus(status));
  std::printf("%s\n", issued.bearer_token().c_str());
  std::fprintf(stderr, "token %s for machine:%s (%s%s%s), valid until %s\n", issued.token().id().c_str(), name.c_str(),
               role_name.c_str(), agency.empty() ? "" : ", agency ", agency.c_str(),
               FormatRfc3339(ToTime(issued.token().expires_at())).c_str());
  return 0;
}

int List(const std::vector<std::string>& args, int argc, char** argv) {
  bool all = args.size() == 2 && args[1] == "--all";
  if (args.size() > 2 || (args.size() == 2 && !all)) return Usage();
  auto client = ConnectFromFlags("staff", argc, argv);
  if (!client.ok()) return ReportFailure(client.status());
  auto stub = v1::StaffService::NewStub((*client)->channel());
  rpc::Caller admin = CliAdmin();
  v1::ListMachineTokensRequest req;
  req.set_include_ended(all);
  req.set_page_size(200);
  while (true) {
    v1::ListMachineTokensResponse page;
    auto status = stub->ListMachineTokens((*client)->NewContext(absl::Seconds(30), &admin).get(), req, &page);
    if (!status.ok()) return ReportFailure(FromGrpcStatus(status));
    for (const auto& t : page.tokens()) {
      std::printf("%s\t%s\t%s\t%s\texpires %s%s\n", t.id().c_str(), t.name().c_str(), rpc::RoleName(t.role()).c_str(),
                  t.agency().empty() ? "-" : t.agency().c_str(), FormatRfc3339(ToTime(t.expires_at())).c_str(),
                  t.has_revoked_at() ? absl::StrCat("\trevoked ", FormatRfc3339(ToTime(t.revoked_at()))).c_str() : "");
    }
    if (page.next_page_token().empty()) return 0;
    req.set_page_token(page.next_page_token());
  }
}

int Revoke(const std::vector<std::string>& args, int argc, char** argv) {
  if (args.size() != 2) return Usage();
  auto client = ConnectFromFlags("staff", argc, argv);
  if (!client.ok()) return ReportFailure(client.status());
  auto stub = v1::StaffService::NewStub((*client)->channel());
  rpc::Caller admin = CliAdmin();
  v1::RevokeMachineTokenRequest req;
  req.set_id(args[1]);
  v1::MachineToken token;
  auto status = stub->RevokeMachineToken((*client)->NewContext(absl::Seconds(30), &admin).get(), req, &token);
  if (!status.ok()) return ReportFailure(FromGrpcStatus(status));
  std::fprintf(stderr, "token %s (%s) revoked\n", token.id().c_str(), token.name().c_str());
  return 0;
}

}  // namespace

int TokenCommand(const std::vector<std::string>& args, int argc, char** argv) {
  if (!args.empty() && args[0] == "list") return List(args, argc, argv);
  if (!args.empty() && args[0] == "revoke") return Revoke(args, argc, argv);
  return Create(args, argc, argv);
}

}  // namespace laso::cli

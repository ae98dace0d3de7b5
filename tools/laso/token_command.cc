#include "tools/laso/token_command.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "common/config/value_parsing.h"
#include "common/crypto/hash.h"
#include "common/crypto/random.h"
#include "common/time/rfc3339.h"
#include "services/gateway/gateway.h"
#include "tools/laso/gateway_settings.h"
#include "tools/laso/report.h"

namespace laso::cli {
namespace {

int Usage() {
  std::fputs("usage: laso token --role operator|officer|admin|integration|tracker\n"
             "                  [--name NAME] [--agency CODE] [--ttl 30d]\n"
             "Prints a bearer token signed with the gateway's key ($LASO_DATA_DIR/keys/gateway-jwt.key).\n",
             stderr);
  return 2;
}

}  // namespace

int TokenCommand(const std::vector<std::string>& args, int argc, char** argv) {
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
  rpc::Role role = gateway::ParseRoleName(role_name);
  absl::Duration ttl;
  if (role_name.empty() || !config::ParseDurationWithDays(ttl_text, &ttl) || ttl <= absl::ZeroDuration()) {
    return Usage();
  }
  if (name.empty()) name = absl::StrCat(role_name, "-", crypto::Hex(crypto::RandomBytes(3)));

  auto options = LoadGatewaySettings(argc, argv);
  if (!options.ok()) return ReportFailure(options.status());
  auto keys = gateway::LoadJwtKeys(options->jwt_key_file, RealClock::Get(), options->missing_keys);
  if (!keys.ok()) return ReportFailure(keys.status());
  gateway::SessionTokens tokens(std::move(*keys), options->tokens, RealClock::Get());
  auto issued = tokens.IssueStaff(role, name, agency, ttl);
  if (!issued.ok()) return ReportFailure(issued.status());
  std::printf("%s\n", issued->token.c_str());
  std::fprintf(stderr, "token for staff:%s (%s%s%s), valid until %s\n", name.c_str(), role_name.c_str(),
               agency.empty() ? "" : ", agency ", agency.c_str(), FormatRfc3339(issued->expires_at).c_str());
  return 0;
}

}  // namespace laso::cli

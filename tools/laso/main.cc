// laso: the operator's command line. Each command lives in its own file.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "tools/laso/audit_command.h"
#include "tools/laso/backup_command.h"
#include "tools/laso/config_command.h"
#include "tools/laso/demo_command.h"
#include "tools/laso/import_command.h"
#include "tools/laso/keys_command.h"
#include "tools/laso/report.h"
#include "tools/laso/service_client.h"
#include "tools/laso/staff_command.h"
#include "tools/laso/token_command.h"
#include "tools/laso/waste_commands.h"

namespace {

void Usage() {
  std::fputs("usage: laso <command> [args]\n"
             "commands:\n"
             "  config example|show|check   inspect and validate configuration\n"
             "  config get KEY              print one key's value (scripts, tools/up)\n"
             "  config services             list the services, one per line\n"
             "  token --role ROLE ...       a machine token (integration, tracker); token list|revoke ID\n"
             "  staff create --admin USER   people's accounts: create|reset|revoke-sessions|disable|enable|list\n"
             "  keys init [DIR]             make the deployment's key files once (keys.dir by default)\n"
             "  keys rotate gateway-jwt     start signing tokens with a new key\n"
             "  import dossiers FILE.jsonl  load dossiers from the one-stop system\n"
             "  import feedback-catalog F   load feedback agencies, wards and categories (JSON)\n"
             "  demo dossiers [--count N]   load demo dossiers dated around today\n"
             "  import bills FILE           load bills (JSON lines or CSV) from a utility\n"
             "  import routes FILE.geojson  load waste collection routes\n"
             "  simulate truck ROUTE [--speed KMH] [--every S] [--loop]  drive a route's truck\n"
             "  demo feedback               load the feedback catalogue and demo reports\n"
             "  demo bills [--count N] [--out FILE]  load (or write) demo bills for last month\n"
             "  backup DIR                  copy every database, the keys and attachments while serving\n"
             "  restore DIR                 bring a backup back (services stopped)\n"
             "  audit verify                check the audit log's hash chain (privacy.database)\n"
             "  audit export --from --to    records and residents touched in a window, for a breach notice\n",
             stderr);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    Usage();
    return 2;
  }
  std::string command = argv[1];
  std::vector<std::string> args;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--config" && i + 1 < argc) {
      ++i;  // read by config::ProcessSources
      continue;
    }
    args.push_back(argv[i]);
  }
  if (command == "config") return laso::cli::ConfigCommand(args, argc, argv);
  if (command == "token") return laso::cli::TokenCommand(args, argc, argv);
  if (command == "staff") return laso::cli::StaffCommand(args, argc, argv);
  if (command == "keys") return laso::cli::KeysCommand(args, argc, argv);
  if (command == "import") return laso::cli::ImportCommand(args, argc, argv);
  if (command == "demo") return laso::cli::DemoCommand(args, argc, argv);
  if (command == "audit") return laso::cli::AuditCommand(args, argc, argv);
  if (command == "backup") return laso::cli::BackupCommand(args, argc, argv);
  if (command == "restore") return laso::cli::RestoreCommand(args, argc, argv);
  if (command == "simulate" && args.size() >= 2 && args[0] == "truck") {
    double speed = 15, every = 3;
    bool loop = false;
    for (size_t i = 2; i < args.size(); ++i) {
      if (args[i] == "--loop") loop = true;
      else if (args[i] == "--speed" && i + 1 < args.size() && absl::SimpleAtod(args[i + 1], &speed) && speed > 0) ++i;
      else if (args[i] == "--every" && i + 1 < args.size() && absl::SimpleAtod(args[i + 1], &every) && every > 0) ++i;
      else {
        Usage();
        return 2;
      }
    }
    auto client = laso::cli::ConnectFromFlags("waste", argc, argv);
    if (!client.ok()) return laso::cli::ReportFailure(client.status());
    auto s = laso::cli::SimulateTruck(**client, args[1], speed, every, loop);
    return s.ok() ? 0 : laso::cli::ReportFailure(s);
  }
  Usage();
  return 2;
}

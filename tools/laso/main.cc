// laso: the operator's command line. Each command lives in its own file.
#include <cstdio>
#include <string>
#include <vector>

#include "tools/laso/config_command.h"
#include "tools/laso/demo_command.h"
#include "tools/laso/import_command.h"
#include "tools/laso/keys_command.h"
#include "tools/laso/token_command.h"

namespace {

void Usage() {
  std::fputs("usage: laso <command> [args]\n"
             "commands:\n"
             "  config example|show|check   inspect and validate configuration\n"
             "  token --role ROLE ...       issue a staff or integration token\n"
             "  keys rotate gateway-jwt     start signing tokens with a new key\n"
             "  import dossiers FILE.jsonl  load dossiers from the one-stop system\n"
             "  import feedback-catalog F   load feedback agencies, wards and categories (JSON)\n"
             "  demo dossiers [--count N]   load demo dossiers dated around today\n"
             "  import bills FILE           load bills (JSON lines or CSV) from a utility\n"
             "  demo feedback               load the feedback catalogue and demo reports\n"
             "  demo bills [--count N] [--out FILE]  load (or write) demo bills for last month\n",
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
  if (command == "keys") return laso::cli::KeysCommand(args, argc, argv);
  if (command == "import") return laso::cli::ImportCommand(args, argc, argv);
  if (command == "demo") return laso::cli::DemoCommand(args, argc, argv);
  Usage();
  return 2;
}

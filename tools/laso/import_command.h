#pragma once

#include <string>
#include <vector>

namespace laso::cli {

// `laso import dossiers FILE.jsonl`: one DossierRecord per line (proto3 JSON),
// sent to the dossier service in batches. Bad lines are reported by number.
int ImportCommand(const std::vector<std::string>& args, int argc, char** argv);

}  // namespace laso::cli

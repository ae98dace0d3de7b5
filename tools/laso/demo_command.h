#pragma once

#include <string>
#include <vector>

namespace laso::cli {

// `laso demo dossiers [--count N] [--catalog FILE]`: realistic dossiers dated
// around today (every status and standing: registered, on track, waiting for
// documents, overdue, finished on time, late with an apology, returned,
// withdrawn), built from deploy/demo/dossier_catalog.toml and synced to the
// dossier service. Running it again changes nothing (same codes and event ids
// the same day).
int DemoCommand(const std::vector<std::string>& args, int argc, char** argv);

}  // namespace laso::cli

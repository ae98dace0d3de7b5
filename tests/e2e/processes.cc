#include "tests/e2e/processes.h"

#include <dirent.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/subprocess.h"

namespace laso::testing {

std::string Bin(const std::string& relative) { return absl::StrCat(LASO_BINARY_DIR, "/", relative); }

std::string Source(const std::string& relative) { return absl::StrCat(LASO_SOURCE_DIR, "/", relative); }

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool WaitReady(HttpTestClient& client) {
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (absl::Now() < deadline) {
    // "ready", not just 200: a gateway that was ready stays 200 ("degraded") while a backend restarts.
    auto r = client.Get("/readyz");
    if (r.status == 200 && r.body.find("\"status\":\"ready\"") != std::string::npos) return true;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return false;
}

bool RefusesToStartNaming(const std::string& binary, const std::vector<std::string>& env, const std::string& log_path,
                          const std::string& what) {
  Subprocess process;
  if (!process.Start({binary}, log_path, env)) return false;
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (process.Running() && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(20));
  return !process.Running() && ReadWholeFile(log_path).find(what) != std::string::npos;
}

int RunCli(const std::vector<std::string>& args, const std::vector<std::string>& env, const std::string& out_file) {
  std::string command = Bin("tools/laso/laso");
  for (const auto& a : args) absl::StrAppend(&command, " '", a, "'");
  absl::StrAppend(&command, " > '", out_file, "' 2> '", out_file, ".err'");
  Subprocess cli;
  if (!cli.Start({"/bin/sh", "-c", command}, "", env)) return -1;
  int status = cli.Wait(absl::Seconds(30));
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> DataFilesUnder(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return out;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    std::string path = dir + "/" + name;
    if (e->d_type == DT_DIR) {
      if (name == "keys" || name == "attachments") continue;
      for (auto& f : DataFilesUnder(path)) out.push_back(f);
    } else {
      out.push_back(path);
    }
  }
  closedir(d);
  return out;
}

}  // namespace laso::testing

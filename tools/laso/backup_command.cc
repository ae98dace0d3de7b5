#include "tools/laso/backup_command.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/config/config.h"
#include "services/laso_schema.h"
#include "common/pg/uri.h"
#include "common/sqlite/backup.h"
#include "common/time/rfc3339.h"
#include "tools/laso/report.h"

namespace laso::cli {
namespace {

namespace fs = std::filesystem;

// The newest PostgreSQL client tool of that name (Debian keeps them per version), else PATH's.
std::string PgTool(const std::string& name) {
  std::string best;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    std::string path = entry.path().string() + "/bin/" + name;
    if (access(path.c_str(), X_OK) == 0 && path > best) best = path;
  }
  return best.empty() ? name : best;
}

// Runs a program (no shell: the URI is never re-parsed) and waits for it.
absl::Status RunProgram(const std::vector<std::string>& argv) {
  pid_t pid = fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return absl::OkStatus();
  return absl::InternalError(absl::StrCat(argv[0], " failed (exit ", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                                          ")"));
}

// A file tree copied with its files made readable by the owner only (keys, residents' photos).
absl::Status CopyTree(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (!fs::exists(from, ec)) return absl::OkStatus();
  fs::create_directories(to, ec);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("copy ", from.string(), " to ", to.string(), ": ", ec.message()));
  for (const auto& entry : fs::recursive_directory_iterator(to, ec)) {
    if (entry.is_regular_file()) chmod(entry.path().c_str(), 0600);
  }
  return absl::OkStatus();
}

struct Place {
  std::string service;
  std::string database;  // the configured value
  bool postgres;
  std::string sqlite_path;  // for SQLite, resolved against data_dir
};

std::vector<Place> Places(const config::Config& c) {
  std::vector<Place> out;
  for (const std::string& s : ServiceNames()) {
    Place p{s, c.String(s + ".database"), false, ""};
    p.postgres = pg::IsPostgresUri(p.database);
    if (!p.postgres) p.sqlite_path = (fs::path(c.String("data_dir")) / p.database).string();  // absolute stays
    out.push_back(std::move(p));
  }
  return out;
}

absl::StatusOr<config::Config> LoadConfig(int argc, char** argv) {
  return config::Load(LasoSchema(), config::ProcessSources(argc, argv));
}

fs::path AttachmentsDir(const config::Config& c) {
  std::string dir = c.String("feedback.attachments_dir");
  return fs::path(c.String("data_dir")) / dir;  // an absolute dir replaces data_dir
}

absl::Status Backup(const config::Config& c, const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return absl::FailedPreconditionError(absl::StrCat(dir.string(), " is not empty: back up into a new directory"));
  }
  fs::create_directories(dir, ec);
  chmod(dir.c_str(), 0700);
  nlohmann::json manifest = {{"createdAt", FormatRfc3339(absl::Now(), absl::UTCTimeZone())}, {"services", {}}};
  for (const Place& p : Places(c)) {
    if (p.postgres) {
      std::string file = p.service + ".pgdump";
      if (auto s = RunProgram({PgTool("pg_dump"), "--format=custom", "--no-owner", "--file", (dir / file).string(),
                               "--dbname", p.database});
          !s.ok()) {
        return absl::Status(s.code(), absl::StrCat(p.service, ": ", s.message(), " dumping ", pg::RedactUri(p.database)));
      }
      manifest["services"][p.service] = {{"engine", "postgresql"}, {"file", file}};
    } else {
      if (!fs::exists(p.sqlite_path, ec)) continue;  // this service has never run here
      std::string file = p.service + ".db";
      if (auto s = sqlite::OnlineBackup(p.sqlite_path, (dir / file).string()); !s.ok()) return s;
      chmod((dir / file).c_str(), 0600);
      manifest["services"][p.service] = {{"engine", "sqlite"}, {"file", file}};
    }
    std::fprintf(stderr, "laso: backed up %s\n", p.service.c_str());
  }
  if (auto s = CopyTree(fs::path(c.String("data_dir")) / "keys", dir / "keys"); !s.ok()) return s;
  if (auto s = CopyTree(AttachmentsDir(c), dir / "attachments"); !s.ok()) return s;
  std::ofstream(dir / "manifest.json") << manifest.dump(2) << "\n";
  return absl::OkStatus();
}

absl::Status Restore(const config::Config& c, const fs::path& dir) {
  std::ifstream in(dir / "manifest.json");
  nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
  if (!manifest.is_object() || !manifest["services"].is_object()) {
    return absl::InvalidArgumentError(absl::StrCat(dir.string(), " holds no laso backup (no manifest.json)"));
  }
  std::error_code ec;
  fs::create_directories(c.String("data_dir"), ec);
  for (const Place& p : Places(c)) {
    if (!manifest["services"].contains(p.service)) continue;
    const nlohmann::json& entry = manifest["services"][p.service];
    std::string engine = entry.value("engine", ""), file = (dir / entry.value("file", "")).string();
    if ((engine == "postgresql") != p.postgres) {
      return absl::FailedPreconditionError(absl::StrCat(p.service, ": the backup is of ", engine,
                                                        ", the configuration names the other engine"));
    }
    absl::Status s = p.postgres ? RunProgram({PgTool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                                              "--single-transaction", "--exit-on-error", "--dbname", p.database, file})
                                : sqlite::OnlineBackup(file, p.sqlite_path);
    if (!s.ok()) return absl::Status(s.code(), absl::StrCat(p.service, ": ", s.message()));
    std::fprintf(stderr, "laso: restored %s\n", p.service.c_str());
  }
  if (auto s = CopyTree(dir / "keys", fs::path(c.String("data_dir")) / "keys"); !s.ok()) return s;
  return CopyTree(dir / "attachments", AttachmentsDir(c));
}

int Run(const std::vector<std::string>& args, int argc, char** argv, const char* name,
        absl::Status (*step)(const config::Config&, const fs::path&)) {
  if (args.size() != 1) {
    std::fprintf(stderr, "usage: laso %s DIR\n", name);
    return 2;
  }
  auto c = LoadConfig(argc, argv);
  if (!c.ok()) return ReportFailure(c.status());
  if (auto s = step(*c, args[0]); !s.ok()) return ReportFailure(s);
  std::fprintf(stderr, "laso: %s done: %s\n", name, args[0].c_str());
  return 0;
}

}  // namespace

int BackupCommand(const std::vector<std::string>& args, int argc, char** argv) {
  return Run(args, argc, argv, "backup", Backup);
}

int RestoreCommand(const std::vector<std::string>& args, int argc, char** argv) {
  return Run(args, argc, argv, "restore", Restore);
}

}  // namespace laso::cli

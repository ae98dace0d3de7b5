#pragma once

#include <string>
#include <vector>

namespace laso::cli {

// `laso backup DIR`: a consistent copy of every service's database (SQLite's
// online backup, or pg_dump for a postgresql:// database), the key files and
// the feedback attachments, while the stack serves. DIR must be new or empty.
int BackupCommand(const std::vector<std::string>& args, int argc, char** argv);

// `laso restore DIR`: brings a backup back into the configured databases
// (SQLite files, or pg_restore into the PostgreSQL databases), keys and
// attachments. Stop the services first; start them afterwards.
int RestoreCommand(const std::vector<std::string>& args, int argc, char** argv);

}  // namespace laso::cli

#pragma once

#include <string>
#include <vector>

namespace laso::cli {

// `laso audit verify`: walks the privacy service's audit log (privacy.database)
// from its start and checks every entry's hash and link; exit 0 with the count
// and the head hash, or 1 naming the first entry that breaks the chain.
// `laso audit export --from T --to T`: what a breach notice needs about a
// window (RFC 3339 times or dates): every record touched, with the fields, how
// often and by which agencies, and how many distinct residents, as JSON.
int AuditCommand(const std::vector<std::string>& args, int argc, char** argv);

}  // namespace laso::cli

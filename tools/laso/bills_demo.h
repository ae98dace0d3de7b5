#pragma once

#include <cstdio>
#include <string>

#include "absl/status/statusor.h"
#include "tools/laso/service_client.h"

namespace laso::cli {

// `laso import bills FILE`: JSON lines or CSV (with a header), sent to the
// billing service in calls of up to 100,000 rows. Prints accepted/rejected
// and the first errors by row number (counted across the whole file).
absl::Status ImportBills(const ServiceClient& client, const std::string& path);

// Writes `count` bills for last month as JSON lines, totals computed with the
// tariff engine from the providers file, due in 5 days (every fourth overdue);
// the first two belong to fake-zalo's demo resident (phone 0901234567). Used by `laso demo bills` and the benchmark.
absl::Status WriteDemoBills(const std::string& providers_file, int64_t count, std::FILE* out);

// `laso demo bills [--count N]`: WriteDemoBills through ImportBills.
absl::StatusOr<std::string> DemoBills(const ServiceClient& client, const std::string& providers_file, int64_t count);

}  // namespace laso::cli

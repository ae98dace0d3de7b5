#include "services/billing/provider_file.h"

#include <fstream>
#include <sstream>

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "services/billing/tariff.h"

namespace laso::billing {

absl::Status LoadProviderFile(const std::string& path, BillingStore& store) {
  if (path.empty()) return absl::OkStatus();
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read providers file ", path));
  std::stringstream text;
  text << in.rdbuf();
  v1::ListProvidersResponse file;
  auto parsed = google::protobuf::util::JsonStringToMessage(text.str(), &file);
  if (!parsed.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", parsed.ToString()));
  for (const auto& p : file.providers()) {
    if (auto s = ValidateTariff(p); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": provider ", p.code(), ": ", s.message()));
    }
  }
  return store.Write([&](BillingStore::Tx& tx) -> absl::Status {
    for (const auto& p : file.providers()) {
      if (auto s = tx.PutProvider(p); !s.ok()) return s;
    }
    return absl::OkStatus();
  });
}

}  // namespace laso::billing

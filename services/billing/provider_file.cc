#include "services/billing/provider_file.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "common/status/data_file.h"
#include "services/billing/tariff.h"

namespace laso::billing {

absl::Status LoadProviderFile(const std::string& path, BillingStore& store) {
  if (path.empty()) return absl::OkStatus();
  auto text = ReadDataFile(path, "providers file");
  if (!text.ok()) return text.status();
  v1::ListProvidersResponse file;
  auto parsed = google::protobuf::util::JsonStringToMessage(*text, &file);
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

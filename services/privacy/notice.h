#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "laso/privacy/v1/privacy.pb.h"

// The privacy notice, as data: deploy/data/privacy/notice-v<N>.toml, one file
// per version, all kept (a resident's record names the version they accepted,
// which must stay readable). The highest version is the current one.
namespace laso::privacy {

class Notices {
 public:
  // Every notice-v<N>.toml of `dir`; INVALID_ARGUMENT naming the file and the
  // field when one is malformed, FAILED_PRECONDITION when there is none.
  static absl::StatusOr<Notices> LoadDir(const std::string& dir);
  // One file (tests, `laso` checks).
  static absl::StatusOr<v1::PrivacyNotice> LoadFile(const std::string& path);

  const v1::PrivacyNotice& current() const { return by_version_.rbegin()->second; }
  // nullptr when there is no such version.
  const v1::PrivacyNotice* Version(int version) const;

 private:
  std::map<int, v1::PrivacyNotice> by_version_;
};

// The purpose of `notice` named `code`, or nullptr.
const v1::Purpose* FindPurpose(const v1::PrivacyNotice& notice, const std::string& code);

}  // namespace laso::privacy

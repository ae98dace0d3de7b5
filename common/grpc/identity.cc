#include "common/grpc/identity.h"

#include "absl/strings/str_cat.h"
#include "common/crypto/hash.h"
#include "common/crypto/key_file.h"

namespace laso::rpc {
namespace {

std::string MetadataValue(const grpc::ServerContextBase& ctx, const char* key) {
  const auto& md = ctx.client_metadata();
  auto it = md.find(key);
  return it == md.end() ? std::string() : std::string(it->second.data(), it->second.size());
}

}  // namespace

void IdentitySigner::Attach(Caller caller, grpc::ClientContext* ctx) const {
  caller.set_issued_at(absl::ToUnixSeconds(clock_->Now()));
  std::string bytes = caller.SerializeAsString();
  ctx->AddMetadata(kCallerMacHeader, crypto::Hex(key_.Sign(bytes)));
  ctx->AddMetadata(kCallerHeader, std::move(bytes));
}

absl::StatusOr<Caller> IdentityVerifier::Verify(const grpc::ServerContextBase& ctx) const {
  std::string bytes = MetadataValue(ctx, kCallerHeader);
  std::string mac = MetadataValue(ctx, kCallerMacHeader);
  if (bytes.empty() || mac.empty()) {
    return absl::UnauthenticatedError("missing caller identity: call through the gateway");
  }
  std::string mac_bytes;
  if (!crypto::HexDecode(mac, &mac_bytes) || !key_.Verify(bytes, mac_bytes)) {
    return absl::UnauthenticatedError("caller identity signature does not verify");
  }
  Caller caller;
  if (!caller.ParseFromString(bytes)) return absl::UnauthenticatedError("malformed caller identity");
  absl::Duration age = clock_->Now() - absl::FromUnixSeconds(caller.issued_at());
  if (age > max_age_ || age < -max_age_) return absl::UnauthenticatedError("caller identity expired");
  if (caller.role() == Role::ROLE_UNSPECIFIED) caller.set_role(Role::ANONYMOUS);
  return caller;
}

absl::StatusOr<std::string> LoadInternalKey(const std::string& key_file, const std::string& data_dir,
                                            const Clock* clock, crypto::MissingKey missing) {
  std::string path = key_file.empty() ? absl::StrCat(data_dir, "/keys/internal.key") : key_file;
  auto keys = crypto::LoadOrCreateKeyFile(path, 32, clock->Now(), missing);
  if (!keys.ok()) return keys.status();
  return keys->back().secret;
}

}  // namespace laso::rpc

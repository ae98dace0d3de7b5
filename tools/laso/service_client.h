#pragma once

#include <memory>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/grpc/identity.h"

namespace laso::cli {

// A channel to one laso service, as an operator's tool on the server: calls
// are signed as an integration ("staff:laso-cli") with the internal key from
// the data directory, the way the gateway signs callers.
class ServiceClient {
 public:
  static absl::StatusOr<std::unique_ptr<ServiceClient>> Connect(const config::Config& config,
                                                                const std::string& service);
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // A context with a deadline and the signed identity: the CLI's own
  // (integration "staff:laso-cli"), or `as` when an operator's tool acts for a role.
  std::unique_ptr<grpc::ClientContext> NewContext(absl::Duration deadline = absl::Seconds(60),
                                                  const rpc::Caller* as = nullptr) const;

 private:
  ServiceClient(std::shared_ptr<grpc::Channel> channel, std::unique_ptr<rpc::IdentitySigner> signer)
      : channel_(std::move(channel)), signer_(std::move(signer)) {}
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<rpc::IdentitySigner> signer_;
};

// The identity of the IT team's own commands that administer (laso token, laso staff):
// an admin, "staff:laso-cli", signed with the internal key only the server holds.
rpc::Caller CliAdmin();

// The configuration every command reads (file and LASO_* environment).
absl::StatusOr<config::Config> LoadCliConfig(int argc, char** argv);

// LoadCliConfig then ServiceClient::Connect.
absl::StatusOr<std::unique_ptr<ServiceClient>> ConnectFromFlags(const std::string& service, int argc, char** argv);

}  // namespace laso::cli

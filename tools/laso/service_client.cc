#include "tools/laso/service_client.h"

#include "common/config/key_values.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/laso_schema.h"
#include "common/grpc/channel.h"

namespace laso::cli {

absl::StatusOr<config::Config> LoadCliConfig(int argc, char** argv) {
  return config::Load(LasoSchema(), config::ProcessSources(argc, argv));
}

absl::StatusOr<std::unique_ptr<ServiceClient>> ServiceClient::Connect(const config::Config& config,
                                                                      const std::string& service) {
  auto key = rpc::LoadInternalKey(config::InternalKeyFile(config), config.String("data_dir"), RealClock::Get(),
                                  crypto::MissingKeyPolicy(config.Bool("keys.create_missing")));
  if (!key.ok()) return key.status();
  const std::string address = config.String(absl::StrCat(service, ".listen"));
  auto channel = rpc::NewChannel(address);
  // A service just started by tools/up may still be binding: give it a moment.
  if (!channel->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(10)))) {
    return absl::UnavailableError(absl::StrCat("the ", service, " service at ", address, " is not reachable (",
                                               service, ".listen)"));
  }
  return std::unique_ptr<ServiceClient>(
      new ServiceClient(std::move(channel), std::make_unique<rpc::IdentitySigner>(*key, RealClock::Get())));
}

std::unique_ptr<grpc::ClientContext> ServiceClient::NewContext(absl::Duration deadline, const rpc::Caller* as) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  rpc::Caller caller;
  caller.set_role(rpc::Role::INTEGRATION);
  caller.set_subject("staff:laso-cli");
  signer_->Attach(as != nullptr ? *as : caller, ctx.get());
  return ctx;
}

rpc::Caller CliAdmin() {
  rpc::Caller caller;
  caller.set_role(rpc::Role::ADMIN);
  caller.set_subject("staff:laso-cli");
  caller.set_name("laso CLI");
  return caller;
}

absl::StatusOr<std::unique_ptr<ServiceClient>> ConnectFromFlags(const std::string& service, int argc, char** argv) {
  auto config = LoadCliConfig(argc, argv);
  if (!config.ok()) return config.status();
  return ServiceClient::Connect(*config, service);
}

}  // namespace laso::cli

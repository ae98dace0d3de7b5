#include "common/grpc/server.h"

#include "common/process/systemd_notify.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>

#include "absl/strings/str_cat.h"
#include "common/grpc/interceptors.h"
#include "common/grpc/ops_service.h"
#include "common/process/signals.h"
#include "common/log/log.h"

namespace laso::rpc {

ServerOptions ServerOptionsFromConfig(const config::Config& config, const std::string& listen_key) {
  ServerOptions options;
  options.listen = config.String(listen_key);
  options.max_threads = static_cast<int>(config.Int("grpc.threads"));
  options.max_message_bytes = static_cast<int>(config.Int("grpc.max_message_bytes"));
  options.drain_timeout = config.Duration("grpc.drain_timeout");
  return options;
}

Server::Server(ServerOptions options) : options_(std::move(options)), ops_(NewOpsService()) {}

Server::~Server() {
  if (server_) server_->Shutdown(std::chrono::system_clock::now());
}

void Server::AddService(grpc::Service* service) { services_.push_back(service); }

absl::Status Server::Start() {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options_.listen, grpc::InsecureServerCredentials(), &port_);
  grpc::ResourceQuota quota("laso-server");
  quota.SetMaxThreads(options_.max_threads);
  builder.SetResourceQuota(quota);
  builder.SetMaxReceiveMessageSize(options_.max_message_bytes);
  builder.SetMaxSendMessageSize(options_.max_message_bytes);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::NUM_CQS, 2);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 1);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 2);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<ObservabilityInterceptorFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  for (grpc::Service* service : services_) builder.RegisterService(service);
  builder.RegisterService(ops_.get());
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options_.listen));
  }
  server_->GetHealthCheckService()->SetServingStatus(true);
  log::Info("listening", {{"address", options_.listen}, {"port", port_}});
  return absl::OkStatus();
}

void Server::Shutdown() {
  if (!server_) return;
  server_->GetHealthCheckService()->SetServingStatus(false);
  auto deadline = std::chrono::system_clock::now() +
                  std::chrono::milliseconds(absl::ToInt64Milliseconds(options_.drain_timeout));
  server_->Shutdown(deadline);
  server_->Wait();
  server_.reset();
  log::Info("stopped");
}

void Server::RunUntilSignal() {
  process::NotifyReady();  // Type=notify: units ordered after this one start now
  int sig = process::WaitForTerminationSignal();
  log::Info("shutting down", {{"signal", sig}});
  process::NotifyStopping();
  Shutdown();
}

}  // namespace laso::rpc

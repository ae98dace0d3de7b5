#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "absl/time/time.h"
#include "common/grpc/identity.h"
#include "common/http/server.h"
#include "services/gateway/gateway_handler.h"
#include "services/gateway/route_table.h"

namespace laso::gateway {

// One request on its way through the gateway (shared by the handler's parts).
struct GatewayHandler::Exchange {
  http::Request request;
  http::Peer peer;
  http::Responder respond{[](http::Response) {}};
  absl::Time start;
  std::string request_id;
  std::string origin;
  std::string pattern = "unmatched";
  std::string path;
  std::string query;
  RouteMatch match;
  rpc::Caller caller;
  absl::Time token_expires;
  std::atomic<bool> finished{false};
};

}  // namespace laso::gateway

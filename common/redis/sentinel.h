#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct redisContext;

// Redis that fails over: with redis.sentinels set, a client asks the
// sentinels which server is the primary of redis.master_name, connects there
// and confirms it with ROLE before using the connection. A connection whose
// server answers READONLY, LOADING or MASTERDOWN is dropped, not kept as
// healthy, so the next connection asks the sentinels again and follows a
// failover within seconds.
namespace laso::redis {

struct Options;

struct Endpoint {
  std::string host;
  int port = 0;
};

// The server to connect to: redis.address, or the primary the sentinels name.
absl::StatusOr<Endpoint> Primary(const Options& options);

// Asks each sentinel in turn (SENTINEL get-master-addr-by-name); the first that knows wins.
absl::StatusOr<Endpoint> AskSentinels(const std::vector<Endpoint>& sentinels, const std::string& master_name,
                                      const Options& options);

// ROLE on a fresh connection: OK when the server is a primary.
absl::Status ConfirmPrimary(redisContext* ctx);

// An error reply that says the connection is to the wrong server (a replica,
// one still loading, one that lost its primary): drop it.
bool MeansWrongServer(absl::string_view error_reply);

}  // namespace laso::redis

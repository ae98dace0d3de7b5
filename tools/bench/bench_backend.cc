// bench-backend: the test-only Echo and Library services as a process, for
// benchmarks of the gateway. Verifies caller identity with the internal key
// under $LASO_DATA_DIR, exactly as a real service does.
//   bench-backend PORT
#include <cstdio>
#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/identity.h"
#include "common/grpc/server.h"
#include "common/log/log.h"
#include "common/process/signals.h"
#include "tests/support/echo_service.h"

int main(int argc, char** argv) {
  laso::process::InitProcess();
  int port = 0;
  if (argc != 2 || !absl::SimpleAtoi(argv[1], &port)) {
    std::fprintf(stderr, "usage: bench-backend PORT\n");
    return 2;
  }
  const char* data_dir = std::getenv("LASO_DATA_DIR");
  auto key = laso::rpc::LoadInternalKey("", data_dir != nullptr ? data_dir : "./var", laso::RealClock::Get());
  if (!key.ok()) {
    std::fprintf(stderr, "bench-backend: %s\n", std::string(key.status().message()).c_str());
    return 1;
  }
  laso::log::Configure("bench-backend", laso::log::Level::kWarn);
  laso::rpc::IdentityVerifier verifier(*key, absl::Minutes(5), laso::RealClock::Get());
  laso::testing::EchoService echo(verifier);
  laso::testing::LibraryService library(verifier);
  laso::rpc::ServerOptions options;
  options.listen = absl::StrCat("127.0.0.1:", port);
  laso::rpc::Server server(options);
  server.AddService(&echo);
  server.AddService(&library);
  if (auto s = server.Start(); !s.ok()) {
    std::fprintf(stderr, "bench-backend: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  server.RunUntilSignal();
  return 0;
}

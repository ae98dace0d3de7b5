// fake-zalo: Zalo's Graph, ZNS and OA endpoints on loopback, for tests and demos.
//   fake-zalo [--port 8090] [--app-secret S] [--demo]
// With --demo it creates a resident and prints an access token to sign in with.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/numbers.h"
#include "common/process/signals.h"
#include "common/log/log.h"
#include "tools/fake-zalo/fake_zalo.h"

int main(int argc, char** argv) {
  laso::process::InitProcess();
  laso::fakezalo::Options options;
  laso::http::ServerOptions http;
  http.port = 8090;
  http.threads = 1;
  bool demo = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--port" && i + 1 < argc) {
      if (!absl::SimpleAtoi(argv[++i], &http.port)) return 2;
    } else if (arg == "--app-secret" && i + 1 < argc) {
      options.app_secret = argv[++i];
    } else if (arg == "--demo") {
      demo = true;
    } else {
      std::fprintf(stderr, "usage: fake-zalo [--port N] [--app-secret S] [--demo]\n");
      return 2;
    }
  }
  laso::log::Configure("fake-zalo", laso::log::Level::kInfo);
  laso::fakezalo::FakeZalo zalo(options);
  if (demo) {
    auto user = zalo.AddUser("Nguyễn Văn An", "84901234567", "demo-zalo-access-token", "3000000000000000001",
                             "demo-zalo-phone-token");
    std::string location = zalo.SetLocation(user.access_token, user.latitude, user.longitude, "demo-zalo-location-token");
    std::printf("fake-zalo demo user: %s, access token %s, phone token %s, location token %s\n", user.name.c_str(),
                user.access_token.c_str(), user.phone_token.c_str(), location.c_str());
    std::fflush(stdout);
  }
  laso::http::Server server(http, &zalo);
  if (auto s = server.Start(); !s.ok()) {
    std::fprintf(stderr, "fake-zalo: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  laso::log::Info("fake-zalo listening", {{"port", server.port()}});
  laso::process::WaitForTerminationSignal();
  server.Stop(absl::Seconds(1));
  return 0;
}

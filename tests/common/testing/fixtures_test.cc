#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/testing/ports.h"
#include "common/testing/redis_server.h"
#include "common/testing/subprocess.h"
#include "common/testing/temp_dir.h"

namespace laso::testing {
namespace {

TEST(FixturesTest, TempDirIsRemovedWithItsContents) {
  std::string path;
  {
    TempDir dir;
    path = dir.path();
    std::ofstream(dir.File("a.txt")) << "x";
    EXPECT_TRUE(std::filesystem::exists(dir.File("a.txt")));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(FixturesTest, RedisServerCanBeKilledAndRestartedOnTheSamePort) {
  RedisServer server;
  int port = server.port();
  EXPECT_TRUE(PortAcceptsConnections(port));
  server.Kill();
  EXPECT_FALSE(PortAcceptsConnections(port));
  server.Restart();
  EXPECT_EQ(server.port(), port);
  redis::Client client(server.ClientOptions());
  EXPECT_TRUE(client.Run({"PING"}).ok());
}

TEST(FixturesTest, SubprocessTerminatesGracefully) {
  Subprocess sleeper;
  ASSERT_TRUE(sleeper.Start({"sleep", "30"}));
  EXPECT_TRUE(sleeper.Running());
  int status = sleeper.Terminate(absl::Seconds(5));
  EXPECT_NE(status, -1);
  EXPECT_FALSE(sleeper.Running());
}

}  // namespace
}  // namespace laso::testing

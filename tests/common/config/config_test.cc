#include "common/config/config.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "services/laso_schema.h"
#include "common/testing/temp_dir.h"

namespace laso::config {
namespace {

Schema TestSchema() {
  Schema s;
  s.String("data_dir", "./var", "data");
  s.Address("redis.address", "127.0.0.1:6379", "redis");
  s.Int("redis.pool_size", 8, 1, 64, "pool");
  s.Duration("gateway.deadline", "5s", "deadline");
  s.Bool("gateway.tls", false, "tls");
  s.StringList("gateway.cors.allowed_origins", "https://h5.zdn.vn,http://localhost:3000", "origins");
  s.Enum("log.level", "info", {"debug", "info", "warn", "error"}, "level");
  s.Secret("zalo.app_secret", "secret");
  return s;
}

std::string WriteFile(const testing::TempDir& dir, const std::string& text) {
  std::string path = dir.File("laso.toml");
  std::ofstream(path) << text;
  return path;
}

TEST(ConfigTest, DefaultsWhenNothingIsGiven) {
  Schema schema = TestSchema();
  auto config = Load(schema, {});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->String("data_dir"), "./var");
  EXPECT_EQ(config->Host("redis.address"), "127.0.0.1");
  EXPECT_EQ(config->Port("redis.address"), 6379);
  EXPECT_EQ(config->Int("redis.pool_size"), 8);
  EXPECT_EQ(config->Duration("gateway.deadline"), absl::Seconds(5));
  EXPECT_FALSE(config->Bool("gateway.tls"));
  EXPECT_EQ(config->List("gateway.cors.allowed_origins"),
            (std::vector<std::string>{"https://h5.zdn.vn", "http://localhost:3000"}));
  EXPECT_EQ(config->SourceOf("data_dir"), "default");
}

TEST(ConfigTest, FileOverridesDefaultsAndEnvironmentOverridesFile) {
  Schema schema = TestSchema();
  testing::TempDir dir;
  std::string file = WriteFile(dir,
                               "data_dir = \"/srv/laso\"\n"
                               "[redis]\naddress = \"10.0.0.5:6380\"\npool_size = 16\n"
                               "[gateway]\ndeadline = \"2s\"\ntls = true\n"
                               "[gateway.cors]\nallowed_origins = [\"https://h5.zdn.vn\"]\n");
  auto config = Load(schema, {.file = file, .env = {{"LASO_REDIS_POOL_SIZE", "32"}, {"LASO_CONFIG", file}}});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->String("data_dir"), "/srv/laso");
  EXPECT_EQ(config->Port("redis.address"), 6380);
  EXPECT_EQ(config->Int("redis.pool_size"), 32);
  EXPECT_EQ(config->SourceOf("redis.pool_size"), "LASO_REDIS_POOL_SIZE");
  EXPECT_EQ(config->SourceOf("data_dir"), file);
  EXPECT_EQ(config->Duration("gateway.deadline"), absl::Seconds(2));
  EXPECT_TRUE(config->Bool("gateway.tls"));
  EXPECT_EQ(config->List("gateway.cors.allowed_origins"), (std::vector<std::string>{"https://h5.zdn.vn"}));
}

TEST(ConfigTest, UnknownFileKeyIsAnErrorNamingItWithASuggestion) {
  Schema schema = TestSchema();
  testing::TempDir dir;
  auto config = Load(schema, {.file = WriteFile(dir, "[redis]\nadress = \"x:1\"\n")});
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("'redis.adress'"), std::string::npos) << config.status();
  EXPECT_NE(config.status().message().find("did you mean 'redis.address'"), std::string::npos) << config.status();
}

TEST(ConfigTest, UnknownEnvironmentVariableIsAnError) {
  Schema schema = TestSchema();
  auto config = Load(schema, {.env = {{"LASO_REDIS_ADRESS", "x:1"}}});
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("LASO_REDIS_ADRESS"), std::string::npos);
}

TEST(ConfigTest, BadValuesAreErrorsNamingTheKey) {
  Schema schema = TestSchema();
  const std::pair<const char*, const char*> bad[] = {
      {"LASO_REDIS_POOL_SIZE", "many"}, {"LASO_REDIS_POOL_SIZE", "0"},   {"LASO_REDIS_POOL_SIZE", "65"},
      {"LASO_GATEWAY_DEADLINE", "5"},   {"LASO_GATEWAY_TLS", "maybe"},   {"LASO_LOG_LEVEL", "loud"},
      {"LASO_REDIS_ADDRESS", "nohost"}, {"LASO_REDIS_ADDRESS", "h:99999"}};
  for (const auto& [env, value] : bad) {
    auto config = Load(schema, {.env = {{env, value}}});
    ASSERT_FALSE(config.ok()) << env << "=" << value;
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
    std::string key = schema.FindByEnv(env)->name;
    EXPECT_NE(config.status().message().find(key), std::string::npos) << config.status();
  }
}

TEST(ConfigTest, WrongKindInFileIsAnError) {
  Schema schema = TestSchema();
  testing::TempDir dir;
  EXPECT_FALSE(Load(schema, {.file = WriteFile(dir, "[redis]\npool_size = \"lots\"\n")}).ok());
  EXPECT_FALSE(Load(schema, {.file = WriteFile(dir, "[gateway.cors]\nallowed_origins = [1, 2]\n")}).ok());
  EXPECT_FALSE(Load(schema, {.file = WriteFile(dir, "this is not toml")}).ok());
  EXPECT_FALSE(Load(schema, {.file = dir.File("missing.toml")}).ok());
}

TEST(ConfigTest, SecretsAreMaskedInDescribe) {
  Schema schema = TestSchema();
  auto config = Load(schema, {.env = {{"LASO_ZALO_APP_SECRET", "s3cr3t"}}});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->String("zalo.app_secret"), "s3cr3t");
  EXPECT_EQ(config->Describe().find("s3cr3t"), std::string::npos);
  EXPECT_NE(config->Describe().find("zalo.app_secret = ********"), std::string::npos);
}

TEST(ConfigTest, ExampleFileDocumentsEveryKey) {
  std::ifstream in(std::string(LASO_SOURCE_DIR) + "/deploy/laso.example.toml");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), LasoSchema().RenderExampleToml())
      << "deploy/laso.example.toml is stale: run  build/tools/laso/laso config example > deploy/laso.example.toml";
}

TEST(ConfigTest, ExampleFileLoadsAsAConfig) {
  testing::TempDir dir;
  std::string path = WriteFile(dir, LasoSchema().RenderExampleToml());
  auto config = Load(LasoSchema(), {.file = path});
  ASSERT_TRUE(config.ok()) << config.status();
  for (const auto& [name, key] : LasoSchema().keys()) {
    if (!key.secret) {
      EXPECT_EQ(config->SourceOf(name), path) << name;
    }
  }
}

}  // namespace
}  // namespace laso::config

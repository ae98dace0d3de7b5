#include "common/crypto/key_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "common/testing/temp_dir.h"

namespace laso::crypto {
namespace {

TEST(KeyFileTest, CreatesOnceWithMode0600) {
  testing::TempDir dir;
  std::string path = dir.File("keys/internal.key");
  auto first = LoadOrCreateKeyFile(path, 32, absl::Now());
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].secret.size(), 32u);
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto second = LoadOrCreateKeyFile(path, 32, absl::Now());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)[0].secret, (*first)[0].secret);
  EXPECT_EQ((*second)[0].id, (*first)[0].id);
}

// Services and the gateway start together and share keys/internal.key: each
// must see the one complete key, never a file still being written.
TEST(KeyFileTest, ARefusedMissingFileIsNotCreatedAndTheErrorSaysWhatToDo) {
  testing::TempDir dir;
  std::string path = dir.File("keys/internal.key");
  auto refused = LoadOrCreateKeyFile(path, 32, absl::Now(), MissingKey::kRefuse);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find(path), std::string::npos) << refused.status();
  EXPECT_NE(refused.status().message().find("laso keys init"), std::string::npos) << refused.status();
  EXPECT_FALSE(std::filesystem::exists(path));
  // Once made (as `laso keys init` makes it), the same key loads under either policy.
  auto made = LoadOrCreateKeyFile(path, 32, absl::Now(), MissingKey::kCreate);
  ASSERT_TRUE(made.ok()) << made.status();
  auto loaded = LoadOrCreateKeyFile(path, 32, absl::Now(), MissingKey::kRefuse);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ((*loaded)[0].secret, (*made)[0].secret);
}

TEST(KeyFileTest, ProcessesStartingTogetherAgreeOnOneKey) {
  for (int round = 0; round < 20; ++round) {
    testing::TempDir dir;
    std::string path = dir.File("keys/internal.key");
    std::vector<absl::StatusOr<std::vector<NamedKey>>> got(8, absl::UnknownError("not run"));
    std::vector<std::thread> starters;
    for (size_t i = 0; i < got.size(); ++i) {
      starters.emplace_back([&, i] { got[i] = LoadOrCreateKeyFile(path, 32, absl::Now()); });
    }
    for (auto& t : starters) t.join();
    for (const auto& keys : got) {
      ASSERT_TRUE(keys.ok()) << keys.status();
      ASSERT_EQ(keys->size(), 1u);
      EXPECT_EQ((*keys)[0].secret, (*got[0])[0].secret);
    }
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.File("keys")), {}), 1);  // no leftovers
  }
}

TEST(KeyFileTest, RotationAppendsANewCurrentKey) {
  testing::TempDir dir;
  std::string path = dir.File("jwt.key");
  auto first = LoadOrCreateKeyFile(path, 32, absl::Now());
  auto new_id = RotateKeyFile(path, 32, absl::Now());
  ASSERT_TRUE(new_id.ok());
  auto keys = LoadKeyFile(path);
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].secret, (*first)[0].secret);
  EXPECT_EQ(keys->back().id, *new_id);
  EXPECT_NE(keys->back().secret, (*keys)[0].secret);
}

TEST(KeyFileTest, RefusesFilesOthersCanRead) {
  testing::TempDir dir;
  std::string path = dir.File("open.key");
  { std::ofstream(path) << "k1 00112233\n"; }
  chmod(path.c_str(), 0644);
  EXPECT_EQ(LoadKeyFile(path).status().code(), absl::StatusCode::kFailedPrecondition);
  chmod(path.c_str(), 0600);
  EXPECT_TRUE(LoadKeyFile(path).ok());
}

TEST(KeyFileTest, RefusesGarbage) {
  testing::TempDir dir;
  std::string path = dir.File("bad.key");
  { std::ofstream(path) << "k1 not-hex\n"; }
  chmod(path.c_str(), 0600);
  EXPECT_EQ(LoadKeyFile(path).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(LoadKeyFile(dir.File("missing")).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace laso::crypto

#include "common/sql/open_database.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "services/laso_schema.h"
#include "common/pg/uri.h"
#include "common/testing/postgres_server.h"
#include "common/testing/temp_dir.h"

namespace laso::sql {
namespace {

absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& dir, const std::string& value) {
  auto c = config::Load(LasoSchema(), {.env = {{"LASO_DATA_DIR", dir},
                                                       {"LASO_DOSSIER_DATABASE", value},
                                                       {"LASO_PG_CONNECT_TIMEOUT", "2s"}}});
  EXPECT_TRUE(c.ok()) << c.status();
  return OpenDatabase(*c, "dossier.database", "laso-test");
}

TEST(OpenDatabaseTest, AFileIsSqliteAndAUriIsPostgres) {
  testing::TempDir dir;
  auto lite = Open(dir.path(), "dossier.db");
  ASSERT_TRUE(lite.ok()) << lite.status();
  EXPECT_EQ((*lite)->engine(), Engine::kSqlite);
  EXPECT_EQ((*lite)->Describe(), dir.File("dossier.db"));

  testing::PostgresServer& server = testing::PostgresServer::Shared();
  std::string name = server.CreateDatabase();
  auto pg = Open(dir.path(), server.Uri(name));
  ASSERT_TRUE(pg.ok()) << pg.status();
  EXPECT_EQ((*pg)->engine(), Engine::kPostgres);
  pg->reset();
  server.DropDatabase(name);
}

TEST(OpenDatabaseTest, WhatCannotBeOpenedStopsTheStartNamingTheKey) {
  testing::TempDir dir;
  testing::PostgresServer& server = testing::PostgresServer::Shared();
  const std::string cases[] = {
      server.Uri("no_such_database"),                                  // a missing database
      "postgresql://laso:s3cret@127.0.0.1:1/dossier?connect_timeout=1",  // nobody listens there
      "mysql://127.0.0.1/dossier",                                     // not an engine laso has
  };
  for (const std::string& value : cases) {
    auto db = Open(dir.path(), value);
    ASSERT_FALSE(db.ok()) << value;
    std::string message(db.status().message());
    EXPECT_TRUE(absl::StrContains(message, "config key 'dossier.database'")) << message;
    EXPECT_FALSE(absl::StrContains(message, "s3cret")) << message;  // a password never reaches a log
  }
}

TEST(PgUriTest, PasswordsAreRedacted) {
  EXPECT_EQ(pg::RedactUri("postgresql://laso:s3cret@db.internal:5432/dossier?sslmode=require"),
            "postgresql://laso:***@db.internal:5432/dossier?sslmode=require");
  EXPECT_EQ(pg::RedactUri("postgresql://db/x?user=laso&password=s3cret&sslmode=verify-full"),
            "postgresql://db/x?user=laso&password=***&sslmode=verify-full");
  EXPECT_EQ(pg::RedactUri("postgresql://laso@db/x"), "postgresql://laso@db/x");
  EXPECT_TRUE(pg::IsPostgresUri("postgres://db/x"));
  EXPECT_FALSE(pg::IsPostgresUri("dossier.db"));
}

}  // namespace
}  // namespace laso::sql

#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "common/http/client_thread.h"
#include "common/http/server.h"
#include "common/redis/client.h"
#include "common/testing/engines.h"
#include "common/testing/postgres_server.h"
#include "common/testing/redis_server.h"
#include "common/testing/temp_dir.h"
#include "services/notify/event_intake.h"
#include "services/notify/notifications.h"
#include "services/notify/sql_notify_store.h"
#include "common/outbox/stream_consumer.h"
#include "services/notify/zns_sender.h"
#include "tools/fake-zalo/fake_zalo.h"

namespace laso::notify {

// notify's parts wired as main.cc wires them, over a real SQLite file, a real
// redis-server and fake-zalo on loopback, with a clock the test moves.
class NotifyFixture : public ::testing::TestWithParam<sql::Engine> {
 protected:
  NotifyFixture();
  void SetUp() override;
  void TearDown() override;

  // An event as a service's outbox would publish it, addressed to a phone (sealed) and/or a subject.
  std::string Publish(const std::string& type, nlohmann::json payload);
  nlohmann::json DossierPayload(const std::string& code, const std::string& phone);
  // Runs the consumer until the stream has nothing more for it.
  int Drain();
  // Runs the sender once.
  int SendOnce();
  common::v1::Caller Resident(const std::string& id, const std::string& phone = "");
  // The resident's choice for one kind, saved through the settings API.
  void Choose(const common::v1::Caller& resident, const std::string& kind, bool in_app, bool zalo);
  DeliveryCounts Counts();

  testing::TempDir dir_;
  testing::RedisServer server_;
  redis::Client redis_{server_.ClientOptions()};
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 24, 10, 0, 0), absl::FixedTimeZone(7 * 3600))};
  testing::TestDatabase database_{GetParam(), dir_.path(), "notify"};
  std::unique_ptr<SqlNotifyStore> store_;
  crypto::PiiVault events_vault_;
  crypto::PiiVault vault_;
  Templates templates_;
  std::unique_ptr<Preferences> preferences_;
  std::unique_ptr<EventIntake> intake_;
  std::unique_ptr<IntakeSink> sink_;
  std::unique_ptr<outbox::StreamConsumer> consumer_;

  fakezalo::FakeZalo zalo_{fakezalo::Options{.app_secret = "s3cret"}};
  http::Server zalo_server_{http::ServerOptions{.threads = 2}, &zalo_};
  http::ClientThread http_;
  std::unique_ptr<ZaloOaClient> oa_;
  std::unique_ptr<OaTokenKeeper> token_;
  std::unique_ptr<ZnsSender> sender_;
  std::unique_ptr<Notifications> notifications_;
};

}  // namespace laso::notify

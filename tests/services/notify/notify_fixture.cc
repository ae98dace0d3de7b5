#include "tests/services/notify/notify_fixture.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/outbox/outbox.h"
#include "common/time/rfc3339.h"
#include "tests/e2e/processes.h"

namespace laso::notify {

NotifyFixture::NotifyFixture()
    : events_vault_(*crypto::PiiVault::Open(dir_.path(), "events", &clock_)),
      vault_(*crypto::PiiVault::Open(dir_.path(), "notify", &clock_)),
      templates_(*Templates::Load(testing::Source("deploy/data/notify/templates.json"))) {}

void NotifyFixture::SetUp() {
  store_ = std::move(*SqlNotifyStore::Open(database_.db()));
  preferences_ = std::make_unique<Preferences>(templates_, QuietWindow{true, 21 * 60, 7 * 60});
  intake_ = std::make_unique<EventIntake>(*store_, templates_, *preferences_, events_vault_, vault_, &clock_);
  sink_ = std::make_unique<IntakeSink>(*intake_, *store_);
  consumer_ = std::make_unique<outbox::StreamConsumer>(
      redis_, *sink_,
      outbox::ConsumerOptions{.consumer = "notify-test", .batch = 100, .block = absl::Milliseconds(50),
                      .claim_idle = absl::Milliseconds(200)},
      &clock_);
  ASSERT_TRUE(zalo_server_.Start().ok());
  std::string base = absl::StrCat("http://127.0.0.1:", zalo_server_.port());
  oa_ = std::make_unique<ZaloOaClient>(http_.client(), ZaloOaOptions{.zns_base_url = base,
                                                                      .oauth_base_url = base,
                                                                      .app_id = "app",
                                                                      .app_secret = "s3cret",
                                                                      .timeout = absl::Milliseconds(500)});
  token_ = std::make_unique<OaTokenKeeper>(*store_, vault_, *oa_, OaTokenKeeper::Seed{"", "fake-oa-refresh-token"},
                                           absl::Hours(1), &clock_);
  sender_ = std::make_unique<ZnsSender>(*store_, vault_, *oa_, *token_,
                                        SenderOptions{.concurrency = 8, .max_attempts = 3,
                                                      .backoff = absl::Seconds(2), .max_backoff = absl::Minutes(1)},
                                        &clock_);
  notifications_ = std::make_unique<Notifications>(*store_, *preferences_, vault_, sender_.get(), token_.get(), &clock_);
}

void NotifyFixture::TearDown() { zalo_server_.Stop(absl::ZeroDuration()); }

std::string NotifyFixture::Publish(const std::string& type, nlohmann::json payload) {
  outbox::Event e = outbox::NewEvent(type, "test/1", payload.dump(), clock_);
  auto added = redis_.Run({"XADD", "laso:events", "*", "id", e.id, "type", e.type, "subject", e.subject,
                           "occurred_at", FormatRfc3339(e.occurred_at), "source", "test", "payload", e.payload});
  EXPECT_TRUE(added.ok()) << added.status();
  return e.id;
}

nlohmann::json NotifyFixture::DossierPayload(const std::string& code, const std::string& phone) {
  auto sealed = events_vault_.Seal(phone, kEventPhoneContext);
  return {{"code", code},
          {"status", "RECEIVED"},
          {"statusLabel", "Được tiếp nhận"},
          {"time", FormatRfc3339(clock_.Now())},
          {"procedure", "Đăng ký khai sinh"},
          {"agency", "UBND phường Tân An"},
          {"recipient", {{"phoneSealed", absl::Base64Escape(*sealed)}}}};
}

int NotifyFixture::Drain() {
  int total = 0;
  for (int round = 0; round < 50; ++round) {
    auto n = consumer_->RunOnce();
    EXPECT_TRUE(n.ok()) << n.status();
    if (!n.ok()) break;
    total += *n;
    if (*n == 0 && round > 2) break;
  }
  return total;
}

int NotifyFixture::SendOnce() {
  auto n = sender_->RunOnce();
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? *n : -1;
}

common::v1::Caller NotifyFixture::Resident(const std::string& id, const std::string& phone) {
  common::v1::Caller c;
  c.set_role(common::v1::CITIZEN);
  c.set_subject("zalo:" + id);
  c.set_phone(phone);
  return c;
}

void NotifyFixture::Choose(const common::v1::Caller& resident, const std::string& kind, bool in_app, bool zalo) {
  v1::NotificationSettings update;
  v1::KindSetting* k = update.add_kinds();
  k->set_kind(kind);
  k->set_in_app(in_app);
  k->set_zalo(zalo);
  auto saved = notifications_->UpdateSettings(resident, update);
  ASSERT_TRUE(saved.ok()) << saved.status();
}

DeliveryCounts NotifyFixture::Counts() { return *store_->Counts(); }

}  // namespace laso::notify

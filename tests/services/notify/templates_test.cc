#include "services/notify/templates.h"

#include <gtest/gtest.h>

#include "tests/e2e/processes.h"

namespace laso::notify {
namespace {

using nlohmann::json;

TEST(TemplatesTest, PlaceholdersReadThePayloadWithFilters) {
  json payload = {{"code", "H15-1"},
                  {"total", 1234567},
                  {"dueDate", "2026-11-30"},
                  {"time", "2026-11-24T01:05:00Z"},
                  {"agency", {{"name", "UBND phường Tân An"}}}};
  EXPECT_EQ(RenderText("Hồ sơ {code}", payload), "Hồ sơ H15-1");
  EXPECT_EQ(RenderText("{total|vnd}", payload), "1.234.567 đ");
  EXPECT_EQ(RenderText("{dueDate|date}", payload), "30/11/2026");
  EXPECT_EQ(RenderText("{time|datetime}", payload), "08:05 24/11/2026");  // Vietnam time
  EXPECT_EQ(RenderText("{time|time}", payload), "08:05");
  EXPECT_EQ(RenderText("{agency.name}", payload), "UBND phường Tân An");
  // A missing optional field leaves nothing behind, not even the space before it.
  EXPECT_EQ(RenderText("Đã xử lý. {note}", payload), "Đã xử lý.");
  EXPECT_EQ(RenderText("{total|vnd}", json{{"total", 500}}), "500 đ");
}

TEST(TemplatesTest, BrokenTemplatesAreRefusedWhenLoaded) {
  auto with_event = [](const json& event) {
    return json{{"kinds", {{"dossier", {{"label", "Hồ sơ"}}}}}, {"events", {{"dossier.status_changed", event}}}}.dump();
  };
  EXPECT_TRUE(Templates::Parse(with_event({{"kind", "dossier"}, {"title", "t {code}"}, {"body", "b"}})).ok());
  EXPECT_FALSE(Templates::Parse(with_event({{"kind", "nope"}, {"title", "t"}, {"body", "b"}})).ok());
  EXPECT_FALSE(Templates::Parse(with_event({{"kind", "dossier"}, {"title", "t {code"}, {"body", "b"}})).ok());
  EXPECT_FALSE(Templates::Parse(with_event({{"kind", "dossier"}, {"title", "{code|money}"}, {"body", "b"}})).ok());
  EXPECT_FALSE(Templates::Parse(with_event({{"kind", "dossier"}, {"title", ""}, {"body", "b"}})).ok());
  EXPECT_FALSE(Templates::Parse(with_event(
                                    {{"kind", "dossier"}, {"title", "t"}, {"body", "b"}, {"zns", {{"data", json::object()}}}}))
                   .ok());
  EXPECT_FALSE(Templates::Parse("[]").ok());
}

TEST(TemplatesTest, TheShippedTemplatesCoverWhoTheIssueSaysIsTold) {
  auto t = Templates::Load(testing::Source("deploy/data/notify/templates.json"));
  ASSERT_TRUE(t.ok()) << t.status();
  for (const char* type : {"dossier.status_changed", "feedback.assigned", "feedback.answered", "bill.due_soon",
                           "bill.overdue", "waste.approaching"}) {
    const EventTemplate* e = t->Find(type);
    ASSERT_NE(e, nullptr) << type;
    EXPECT_FALSE(e->zns_template_id.empty()) << type;
  }
  EXPECT_EQ(t->Find("bill.paid"), nullptr);  // a receipt is in the app already
  ASSERT_NE(t->FindKind("waste"), nullptr);
  EXPECT_TRUE(t->FindKind("waste")->urgent);
  Rendered r = Templates::Render(*t->Find("bill.due_soon"), json{{"customerCode", "PB06010000001"},
                                                                 {"period", "2026-10"},
                                                                 {"total", 715000},
                                                                 {"dueDate", "2026-11-27"},
                                                                 {"billId", "b1"}});
  EXPECT_EQ(r.title, "Hóa đơn kỳ 2026-10 sắp đến hạn");
  EXPECT_EQ(r.zns_data["so_tien"], "715.000 đ");
  EXPECT_EQ(r.zns_data["han_thanh_toan"], "27/11/2026");
  EXPECT_EQ(r.link, "/bills/b1");
}

}  // namespace
}  // namespace laso::notify

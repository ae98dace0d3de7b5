#include "services/feedback/reporter_data.h"

#include "common/time/rfc3339.h"
#include "services/feedback/retention.h"

namespace laso::feedback {
namespace {

constexpr int kPage = 200;

}  // namespace

absl::StatusOr<std::vector<StoredFeedback>> ReporterData::ReportsOf(const personal::Person& person) const {
  FeedbackFilter filter;
  filter.filed_by = person.subject;
  filter.reporter_phone_hash = PhoneHashOf(ctx_.vault, personal::AsResident(person));
  filter.count_total = false;
  std::vector<StoredFeedback> out;
  int64_t before = 0;
  while (true) {
    auto page = ctx_.store.List(filter, before, kPage);
    if (!page.ok()) return page.status();
    for (auto& f : page->items) out.push_back(std::move(f));
    if (page->next_seq == 0) return out;
    before = page->next_seq;
  }
}

absl::StatusOr<nlohmann::json> ReporterData::Export(const personal::Person& person) {
  auto reports = ReportsOf(person);
  if (!reports.ok()) return reports.status();
  const rpc::Caller as_them = personal::AsResident(person);
  nlohmann::json out = {{"reports", nlohmann::json::array()}, {"supported", nlohmann::json::array()}};
  for (const StoredFeedback& f : *reports) out["reports"].push_back(personal::JsonOf(acts_.View(as_them, f)));
  auto supported = ctx_.store.SupportedBy(person.subject);
  if (!supported.ok()) return supported.status();
  for (const SupportRow& s : *supported) out["supported"].push_back({{"id", s.id}, {"at", FormatRfc3339(s.at)}});
  return out;
}

absl::StatusOr<nlohmann::json> ReporterData::Erase(const personal::Person& person) {
  auto reports = ReportsOf(person);
  if (!reports.ok()) return reports.status();
  const absl::Time now = ctx_.clock->Now();
  const std::string phone_hash = PhoneHashOf(ctx_.vault, personal::AsResident(person));
  int unlinked = 0;
  for (const StoredFeedback& listed : *reports) {
    bool changed = false;
    auto written = ctx_.store.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
      changed = false;
      auto loaded = tx.Load(listed.item().id());
      if (!loaded.ok()) return loaded.status();
      if (!*loaded) return absl::OkStatus();
      StoredFeedback& f = **loaded;
      bool theirs = f.filed_by() == person.subject || (!phone_hash.empty() && f.reporter_phone_hash() == phone_hash);
      if (!theirs) return absl::OkStatus();  // unlinked meanwhile
      for (v1::Update& u : *f.mutable_item()->mutable_updates()) {
        if (!u.public_()) u.clear_message();  // what staff wrote to them alone
      }
      if (f.item().has_rating()) f.mutable_item()->mutable_rating()->clear_comment();
      ForgetReporter(now, "Đã xoá thông tin người phản ánh theo yêu cầu của người dân.", &f);
      changed = true;
      return tx.Save(f);
    });
    if (!written.ok()) return written;
    if (changed) ++unlinked;
  }
  int64_t forgotten = 0;
  auto written = ctx_.store.Write([&](FeedbackStore::Tx& tx) -> absl::Status {
    auto n = tx.ForgetSubject(person.subject);
    if (!n.ok()) return n.status();
    forgotten = *n;
    return absl::OkStatus();
  });
  if (!written.ok()) return written;
  return nlohmann::json{{"reportsUnlinked", unlinked}, {"supportsAndRetriesForgotten", forgotten}};
}

}  // namespace laso::feedback

// Statistics against a recomputation from the raw histories that were sent.
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/time/rfc3339.h"
#include "services/dossier/status_rules.h"
#include "tests/services/dossier/dossier_fixture.h"

namespace laso::dossier {
namespace {

struct Generated {
  v1::DossierRecord record;
  std::string agency, procedure;
};

std::string Time(absl::Time t) { return FormatRfc3339(t); }

std::vector<Generated> GenerateHistories(int n, const WorkingDayCalendar& calendar, absl::Time now) {
  std::mt19937 rng(2026);
  auto pick = [&](int k) { return static_cast<int>(rng() % k); };
  const char* agencies[] = {"H15.22", "H15.10", "H15.50.05.13"};
  const char* procedures[] = {"1.004227", "2.000889", "1.001612"};
  const int days_of[] = {1, 3, 5, 10, 15};
  std::vector<Generated> out;
  for (int i = 0; i < n; ++i) {
    absl::CivilDay day = calendar.NextWorkingDayOnOrAfter(absl::CivilDay(2026, 1, 5) + pick(68));
    absl::Time t = VietnamStartOfDay(day) + absl::Hours(8) + absl::Minutes(pick(480));
    int processing_days = days_of[pick(5)];
    std::vector<v1::DossierEvent> events;
    auto add = [&](v1::Status s) {
      if (t > now) return;  // the future has not been sent yet
      std::string id = absl::StrCat("g", i, "-", events.size());
      std::string when = Time(t);
      events.push_back(Ev(id, s, when.c_str()));
    };
    add(v1::RECEIVED);
    t += absl::Hours(1);
    add(v1::PROCESSING);
    int fate = pick(10);
    if (fate == 0) {
      t += absl::Hours(24 * (1 + pick(3)));
      add(v1::WITHDRAWN);
    } else if (fate <= 7) {
      if (pick(3) == 0) {  // documents requested, brought some days later
        t += absl::Hours(24 * (1 + pick(4)));
        add(v1::SUPPLEMENT_REQUESTED);
        t += absl::Hours(24 * (1 + pick(6)));
        add(v1::PROCESSING);
      }
      t += absl::Hours(24 * pick(processing_days * 2 + 2));  // some finish late
      add(v1::PROCESSED);
      if (pick(2) == 0) {
        t += absl::Hours(24 * pick(3) + 1);
        add(v1::RESULT_RETURNED);
      }
    } else if (fate == 8) {
      t += absl::Hours(24);
      add(v1::FINANCIAL_OBLIGATION);  // still waiting for payment
    }  // else: still being processed
    Generated g;
    g.agency = agencies[pick(3)];
    g.procedure = procedures[pick(3)];
    std::string ymd = absl::FormatCivilTime(day);  // the code wants yymmdd
    g.record = Record("", "0901234567", "079123456789", processing_days, events);
    g.record.set_code(absl::StrFormat("H15.50.05.13-%s%s%s-%04d", ymd.substr(2, 2), ymd.substr(5, 2), ymd.substr(8, 2), i));
    g.record.mutable_handling_agency()->set_code(g.agency);
    g.record.mutable_procedure()->set_code(g.procedure);
    out.push_back(std::move(g));
  }
  return out;
}

TEST_P(DossierTest, StatsMatchARecomputationFromRawHistory) {
  std::vector<Generated> generated = GenerateHistories(600, testing::ShippedVietnamCalendar(), clock_.Now());
  std::vector<v1::DossierRecord> batch;
  for (const auto& g : generated) batch.push_back(g.record);
  auto resp = SyncOk(batch);
  ASSERT_EQ(resp.dossiers_accepted(), 600) << (resp.rejected_size() ? resp.rejected(0).reason() : "");
  ASSERT_EQ(resp.rejected_size(), 0) << resp.rejected(0).code() << " " << resp.rejected(0).event_id() << ": " << resp.rejected(0).reason();

  struct Filter {
    std::string agency, procedure, from, to;
  };
  const Filter filters[] = {{"", "", "2026-01-01", "2026-03-31"}, {"H15.22", "", "2026-02-01", "2026-02-28"},
                            {"", "2.000889", "2026-01-15", "2026-03-15"}, {"H15.10", "1.001612", "2026-03-01", "2026-03-16"}};
  for (const Filter& f : filters) {
    SCOPED_TRACE(absl::StrCat(f.agency, " ", f.procedure, " ", f.from, "..", f.to));
    absl::Time from = VietnamStartOfDay(*ParseIsoDate(f.from));
    absl::Time to = VietnamStartOfDay(*ParseIsoDate(f.to) + 1);
    auto in = [&](const std::optional<absl::Time>& t) { return t && *t >= from && *t < to; };
    int received = 0, processed = 0, on_time = 0, late = 0, returned = 0, overdue = 0;
    double days = 0;
    for (const Generated& g : generated) {
      if ((!f.agency.empty() && g.agency != f.agency) || (!f.procedure.empty() && g.procedure != f.procedure)) continue;
      std::vector<v1::DossierEvent> events(g.record.events().begin(), g.record.events().end());
      DossierState st = timeline_->Derive(events, g.record.procedure().processing_days(), clock_.Now());
      received += in(st.received_at);
      if (in(st.finished_at)) {
        ++processed;
        (*st.on_time ? on_time : late)++;
        days += *st.working_days_taken;
      }
      returned += in(st.returned_at);
      overdue += !st.finished_at && !IsClosed(st.status) && !IsPausing(st.status) && st.original_due_at &&
                 *st.original_due_at < clock_.Now();
    }
    v1::GetDossierStatsRequest req;
    req.set_agency(f.agency);
    req.set_procedure(f.procedure);
    req.set_from(f.from);
    req.set_to(f.to);
    auto stats = dossiers_->Stats(req);
    ASSERT_TRUE(stats.ok()) << stats.status();
    EXPECT_EQ(stats->received(), received);
    EXPECT_EQ(stats->processed(), processed);
    EXPECT_EQ(stats->on_time(), on_time);
    EXPECT_EQ(stats->late(), late);
    EXPECT_EQ(stats->returned(), returned);
    EXPECT_EQ(stats->currently_overdue(), overdue);
    EXPECT_NEAR(stats->on_time_rate(), processed ? static_cast<double>(on_time) / processed : 1.0, 1e-9);
    EXPECT_NEAR(stats->average_processing_working_days(), processed ? days / processed : 0, 1e-9);
    EXPECT_GT(received, 0);
    // By agency: the same figures per handling agency, adding up to the whole.
    req.set_by_agency(true);
    auto by_agency = dossiers_->Stats(req);
    ASSERT_TRUE(by_agency.ok()) << by_agency.status();
    int agency_received = 0, agency_overdue = 0;
    for (const v1::DossierStats& row : by_agency->by_agency()) {
      EXPECT_TRUE(f.agency.empty() || row.agency() == f.agency) << row.agency();
      agency_received += row.received();
      agency_overdue += row.currently_overdue();
    }
    EXPECT_EQ(agency_received, received);
    EXPECT_EQ(agency_overdue, overdue);
    EXPECT_EQ(by_agency->by_agency_size() > 1, f.agency.empty());
    if (f.agency.empty() && f.procedure.empty()) {
      // The generated province has every kind of case, so the comparison means something.
      EXPECT_GT(on_time, 50);
      EXPECT_GT(late, 20);
      EXPECT_GT(returned, 50);
      EXPECT_GT(overdue, 5);
    }
  }
}

TEST_P(DossierTest, StatsValidateTheirPeriod) {
  v1::GetDossierStatsRequest req;
  req.set_from("2026-03-10");
  req.set_to("2026-03-01");
  EXPECT_EQ(dossiers_->Stats(req).status().code(), absl::StatusCode::kInvalidArgument);
  req.set_from("yesterday");
  EXPECT_EQ(dossiers_->Stats(req).status().code(), absl::StatusCode::kInvalidArgument);
  auto last30 = dossiers_->Stats({});
  ASSERT_TRUE(last30.ok());
  EXPECT_EQ(last30->to(), "2026-03-16");
  EXPECT_EQ(last30->from(), "2026-02-15");
  EXPECT_EQ(last30->on_time_rate(), 1.0);
}

}  // namespace
}  // namespace laso::dossier

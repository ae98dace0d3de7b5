#include "services/dossier/dossiers.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/crypto/hash.h"
#include "common/rpc/caller.h"
#include "common/phone/phone.h"
#include "common/status/page_token.h"
#include "common/status/status.h"
#include "common/time/date_range.h"
#include "common/time/rfc3339.h"
#include "services/dossier/dossier_code.h"
#include "services/dossier/dossier_view.h"

namespace laso::dossier {
namespace {

using rpc::Role;

absl::Status NotFound() {
  return absl::NotFoundError(
      "Không tìm thấy hồ sơ với mã và thông tin xác minh này. Vui lòng kiểm tra mã trên phiếu hẹn và "
      "số điện thoại hoặc 6 số cuối CCCD của người nộp.");
}

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return !s.empty();
}

std::string EncodeCursor(const ListCursor& c) {
  std::string out;
  absl::WebSafeBase64Escape(absl::StrCat("v1|", c.first_at_us, "|", c.code), &out);
  return out;
}

absl::StatusOr<std::optional<ListCursor>> DecodeCursor(const std::string& token) {
  if (token.empty()) return std::optional<ListCursor>();
  std::string raw;
  std::vector<std::string> parts;
  if (token.size() > 200 || !absl::WebSafeBase64Unescape(token, &raw) ||
      (parts = absl::StrSplit(raw, absl::MaxSplits('|', 2))).size() != 3 || parts[0] != "v1") {
    return InvalidField("pageToken", "pageToken không hợp lệ.");
  }
  ListCursor c;
  if (!absl::SimpleAtoi(parts[1], &c.first_at_us)) return InvalidField("pageToken", "pageToken không hợp lệ.");
  c.code = parts[2];
  return std::optional<ListCursor>(c);
}

}  // namespace

absl::StatusOr<DossierCache::Entry> Dossiers::Find(const std::string& code) {
  if (cache_ != nullptr) {
    if (auto cached = cache_->Get(code)) return cached;
  }
  uint64_t ticket = cache_ != nullptr ? cache_->Ticket() : 0;
  auto stored = store_.Load(code);
  if (!stored.ok()) return stored.status();
  if (!*stored) return DossierCache::Entry();
  auto entry = std::make_shared<const StoredDossier>(std::move(**stored));
  if (cache_ != nullptr) cache_->Put(entry, ticket);
  return entry;
}

v1::Dossier Dossiers::View(const StoredDossier& stored) const {
  absl::Time now = clock_->Now();
  DossierState state = timeline_.Derive(stored.record().events(), stored.record().procedure().processing_days(), now);
  return BuildView(stored, state, timeline_.StandingAt(state, now));
}

bool Dossiers::MayReadWithoutVerifier(const rpc::Caller& caller, const StoredDossier& stored) const {
  switch (caller.role()) {
    case Role::ADMIN:
    case Role::OPERATOR:
    case Role::INTEGRATION:
      return true;
    case Role::OFFICER:
    case Role::SUPERVISOR:
      return !caller.agency().empty() && (caller.agency() == stored.record().handling_agency().code() ||
                                          caller.agency() == stored.record().receiving_agency().code());
    case Role::CITIZEN:
      return !caller.phone().empty() && !stored.phone_hash().empty() &&
             crypto::ConstantTimeEquals(applicants_.PhoneHash(caller.phone()), stored.phone_hash());
    default:
      return false;
  }
}

absl::Status Dossiers::CheckVerifier(const std::string& code, const std::string& verifier,
                                     const StoredDossier* stored) {
  // Work out the expected hash before looking at the stored dossier, so an
  // unknown code and a known one cost the same.
  std::string given;
  bool by_id = AllDigits(verifier) && (verifier.size() == 6 || verifier.size() == 9 || verifier.size() == 12);
  if (by_id) {
    given = applicants_.IdTailHash(code, verifier.substr(verifier.size() - 6));
  } else {
    auto phone = phone::Normalize(verifier);
    if (!phone.ok()) {
      return InvalidField("verifier", "Nhập số điện thoại hoặc 6 số cuối CCCD của người nộp hồ sơ.");
    }
    given = applicants_.PhoneHash(*phone);
  }
  const std::string expected = !stored ? std::string() : (by_id ? stored->id6_hash() : stored->phone_hash());
  bool match = !expected.empty() && crypto::ConstantTimeEquals(given, expected);
  if (!match) {
    if (guard_ != nullptr) guard_->RecordFailure(code);
    return NotFound();
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Dossier> Dossiers::Get(const rpc::Caller& caller, const v1::GetDossierRequest& request) {
  auto code = NormalizeDossierCode(request.code());
  if (!code.ok()) return code.status();
  auto stored = Find(*code);
  if (!stored.ok()) return stored.status();
  if (*stored && MayReadWithoutVerifier(caller, **stored)) return View(**stored);

  std::string verifier(absl::StripAsciiWhitespace(request.verifier()));
  if (verifier.empty()) {
    return InvalidField("verifier", "Nhập số điện thoại hoặc 6 số cuối CCCD của người nộp hồ sơ.");
  }
  if (verifier.size() > 32) return InvalidField("verifier", "Thông tin xác minh quá dài.");
  if (guard_ != nullptr) {
    if (auto s = guard_->Check(*code); !s.ok()) return s;
  }
  if (auto s = CheckVerifier(*code, verifier, stored->get()); !s.ok()) return s;
  return View(**stored);
}

absl::StatusOr<v1::ListMyDossiersResponse> Dossiers::ListMine(const rpc::Caller& caller,
                                                              const v1::ListMyDossiersRequest& request) {
  if (auto s = rpc::RequireRole(caller, {Role::CITIZEN}); !s.ok()) return s;
  if (caller.phone().empty()) {
    return WithReason(absl::PermissionDeniedError(
                          "Vui lòng xác minh số điện thoại Zalo để xem các hồ sơ đã nộp bằng số điện thoại đó."),
                      "PHONE_NOT_VERIFIED");
  }
  auto page_size = PageSize(request.page_size(), 20, 100);
  if (!page_size.ok()) return page_size.status();
  const int limit = *page_size;
  auto cursor = DecodeCursor(request.page_token());
  if (!cursor.ok()) return cursor.status();
  auto page = store_.ListByPhoneHash(applicants_.PhoneHash(caller.phone()), *cursor, limit + 1);
  if (!page.ok()) return page.status();
  v1::ListMyDossiersResponse out;
  for (int i = 0; i < static_cast<int>(page->size()) && i < limit; ++i) *out.add_dossiers() = View((*page)[i]);
  if (static_cast<int>(page->size()) > limit) {
    const StoredDossier& last = (*page)[limit - 1];
    const auto& events = last.record().events();
    ListCursor next{events.empty() ? 0 : absl::ToUnixMicros(ToTime(events[0].time())), last.record().code()};
    out.set_next_page_token(EncodeCursor(next));
  }
  return out;
}

void Dossiers::Invalidate(const IngestCounts& counts) {
  if (cache_ == nullptr) return;
  for (const std::string& code : counts.changed_codes) cache_->Invalidate(code);
}

absl::StatusOr<v1::SyncDossiersResponse> Dossiers::Sync(const rpc::Caller& caller,
                                                        const v1::SyncDossiersRequest& request) {
  if (auto s = rpc::RequireRole(caller, {Role::INTEGRATION, Role::ADMIN}); !s.ok()) return s;
  if (request.dossiers_size() == 0) return InvalidField("dossiers", "Cần ít nhất một hồ sơ.");
  if (request.dossiers_size() > kMaxSyncBatch) {
    return InvalidField("dossiers", absl::StrCat("Nhiều nhất ", kMaxSyncBatch, " hồ sơ mỗi lần."));
  }
  IngestCounts counts;
  auto status = store_.Write([&](DossierStore::Tx& tx) {
    for (const v1::DossierRecord& record : request.dossiers()) {
      if (auto s = ingestor_.MergeRecord(tx, record, &counts); !s.ok()) return s;
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  Invalidate(counts);
  v1::SyncDossiersResponse out;
  out.set_dossiers_accepted(counts.dossiers_accepted);
  out.set_events_accepted(counts.events_accepted);
  out.set_events_duplicate(counts.events_duplicate);
  for (auto& r : counts.rejected) *out.add_rejected() = std::move(r);
  return out;
}

absl::StatusOr<v1::AddDossierEventsResponse> Dossiers::AddEvents(const rpc::Caller& caller,
                                                                 const v1::AddDossierEventsRequest& request) {
  if (auto s = rpc::RequireRole(caller, {Role::INTEGRATION, Role::ADMIN}); !s.ok()) return s;
  auto code = NormalizeDossierCode(request.code());
  if (!code.ok()) return code.status();
  IngestCounts counts;
  StoredDossier stored;
  std::vector<v1::DossierEvent> events(request.events().begin(), request.events().end());
  auto status = store_.Write([&](DossierStore::Tx& tx) -> absl::Status {
    auto result = ingestor_.AddEvents(tx, *code, events, &counts);
    if (!result.ok()) return result.status();
    stored = std::move(*result);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  Invalidate(counts);
  v1::AddDossierEventsResponse out;
  out.set_events_accepted(counts.events_accepted);
  out.set_events_duplicate(counts.events_duplicate);
  *out.mutable_dossier() = View(stored);
  return out;
}

namespace {

v1::DossierStats StatsOf(const StatsTotals& totals) {
  v1::DossierStats out;
  out.set_received(static_cast<int32_t>(totals.received));
  out.set_processed(static_cast<int32_t>(totals.processed));
  out.set_on_time(static_cast<int32_t>(totals.on_time));
  out.set_late(static_cast<int32_t>(totals.late));
  out.set_on_time_rate(totals.processed == 0 ? 1.0 : static_cast<double>(totals.on_time) / totals.processed);
  out.set_returned(static_cast<int32_t>(totals.returned));
  out.set_currently_overdue(static_cast<int32_t>(totals.currently_overdue));
  out.set_average_processing_working_days(totals.average_processing_working_days);
  return out;
}

}  // namespace

absl::StatusOr<v1::DossierStats> Dossiers::Stats(const v1::GetDossierStatsRequest& request) {
  auto period = ParseDayRange(request.from(), request.to(), clock_->Now());
  if (!period.ok()) return period.status();
  if (request.agency().size() > 64 || request.procedure().size() > 64) {
    return InvalidField("agency", "Mã cơ quan hoặc thủ tục quá dài.");
  }
  StatsQuery q{request.agency(), request.procedure(), period->begin(), period->end(), clock_->Now()};
  auto totals = store_.Stats(q);
  if (!totals.ok()) return totals.status();
  v1::DossierStats out = StatsOf(*totals);
  out.set_agency(request.agency());
  out.set_procedure(request.procedure());
  out.set_from(FormatIsoDate(period->from));
  out.set_to(FormatIsoDate(period->to));
  if (request.by_agency()) {
    auto rows = store_.StatsByAgency(q);
    if (!rows.ok()) return rows.status();
    for (const StatsTotals& row : *rows) {
      v1::DossierStats* agency = out.add_by_agency();
      *agency = StatsOf(row);
      agency->set_agency(row.agency);
      agency->set_agency_name(row.agency_name);
    }
  }
  return out;
}

}  // namespace laso::dossier

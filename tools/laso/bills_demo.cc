#include "tools/laso/bills_demo.h"

#include <fstream>
#include <sstream>

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/grpc/grpc_status.h"
#include "common/status/status.h"
#include "common/time/rfc3339.h"
#include "laso/billing/v1/billing.grpc.pb.h"
#include "services/billing/tariff.h"

namespace laso::cli {
namespace {

namespace bv = laso::billing::v1;
constexpr size_t kRowsPerCall = 100000;

const char* kFamily[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"};
const char* kMiddle[] = {"Văn", "Thị", "Minh", "Ngọc", "Hữu", "Thanh"};
const char* kGiven[] = {"An", "Bình", "Châu", "Dũng", "Hoa", "Hùng", "Lan", "Mai", "Phúc", "Tâm", "Thu", "Vy"};

absl::Status SendChunk(bv::BillingService::Stub& stub, const ServiceClient& client, const std::string& body,
                       int row_offset, bv::ImportBillsResponse* total) {
  laso::api::HttpBody req;
  req.set_content_type("application/x-ndjson");
  req.set_data(body);
  bv::ImportBillsResponse resp;
  auto s = stub.ImportBills(client.NewContext(absl::Minutes(5)).get(), req, &resp);
  if (!s.ok()) return FromGrpcStatus(s);
  total->set_accepted(total->accepted() + resp.accepted());
  total->set_rejected(total->rejected() + resp.rejected());
  for (auto e : resp.errors()) {
    if (total->errors_size() >= 100) break;
    e.set_row(e.row() + row_offset);
    *total->add_errors() = e;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ImportBills(const ServiceClient& client, const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  auto stub = bv::BillingService::NewStub(client.channel());
  bv::ImportBillsResponse total;
  std::string line, header, chunk;
  size_t rows = 0;
  int offset = 0;
  bool first = true, csv = false;
  while (std::getline(in, line)) {
    if (first) {
      csv = !line.empty() && line[0] != '{';
      first = false;
      if (csv) {
        header = line + "\n";
        chunk = header;
        continue;
      }
    }
    if (line.empty()) continue;
    chunk += line;
    chunk += '\n';
    if (++rows == kRowsPerCall) {
      if (auto s = SendChunk(*stub, client, chunk, offset, &total); !s.ok()) return s;
      offset += static_cast<int>(rows);
      rows = 0;
      chunk = header;
    }
  }
  if (rows > 0) {
    if (auto s = SendChunk(*stub, client, chunk, offset, &total); !s.ok()) return s;
  }
  std::printf("%d bills accepted, %d rejected\n", total.accepted(), total.rejected());
  for (const auto& e : total.errors()) {
    std::fprintf(stderr, "row %d: %s", e.row(), e.message().c_str());
    if (e.computed_total() != 0) {
      std::fprintf(stderr, " (given %lld, tariff %lld)", static_cast<long long>(e.given_total()),
                   static_cast<long long>(e.computed_total()));
    }
    std::fputc('\n', stderr);
  }
  return total.rejected() > 0 ? absl::InvalidArgumentError("some rows were rejected") : absl::OkStatus();
}

absl::Status WriteDemoBills(const std::string& providers_file, int64_t count, std::FILE* out) {
  std::ifstream in(providers_file);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", providers_file));
  std::stringstream text;
  text << in.rdbuf();
  bv::ListProvidersResponse providers;
  if (!google::protobuf::util::JsonStringToMessage(text.str(), &providers).ok() || providers.providers_size() < 2) {
    return absl::InvalidArgumentError(absl::StrCat(providers_file, " does not hold the demo providers"));
  }
  absl::CivilMonth last_month = absl::CivilMonth(VietnamDay(absl::Now())) - 1;
  absl::CivilDay start(last_month), end = absl::CivilDay(last_month + 1) - 1;
  std::string period = absl::FormatCivilTime(last_month).substr(0, 7);
  // Most fall due in a few days; every fourth is already overdue.
  absl::CivilDay today = VietnamDay(absl::Now());
  std::string due_soon = FormatIsoDate(today + 5), overdue = FormatIsoDate(today - 3);
  for (int64_t i = 0; i < count; ++i) {
    bool water = i % 5 == 4;
    const bv::Provider& p = providers.providers(water ? 1 : 0);
    int64_t used = water ? 8 + (i * 7) % 40 : 60 + (i * 37) % 500;
    auto bill = billing::ComputeBill(p, start, end, used);
    if (!bill.ok()) return bill.status();
    std::string customer = water ? absl::StrFormat("LA%08d", i) : absl::StrFormat("PB060%d%07d", 1 + i % 7, i);
    std::string phone = i < 2 ? "0901234567" : absl::StrFormat("09%08d", i);
    std::string name = absl::StrCat(kFamily[i % 10], " ", kMiddle[i % 6], " ", kGiven[i % 12]);
    std::fprintf(out,
                 "{\"provider\":\"%s\",\"customerCode\":\"%s\",\"period\":\"%s\",\"previousReading\":\"%lld\","
                 "\"currentReading\":\"%lld\",\"total\":\"%lld\",\"dueDate\":\"%s\",\"customerName\":\"%s\","
                 "\"registeredPhone\":\"%s\"}\n",
                 p.code().c_str(), customer.c_str(), period.c_str(), static_cast<long long>(10000 + i),
                 static_cast<long long>(10000 + i + used), static_cast<long long>(bill->total()),
                 (i % 4 == 3 ? overdue : due_soon).c_str(),
                 name.c_str(), phone.c_str());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> DemoBills(const ServiceClient& client, const std::string& providers_file, int64_t count) {
  std::string path = absl::StrCat("/tmp/laso-demo-bills-", getpid(), ".jsonl");
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return absl::InternalError(absl::StrCat("cannot write ", path));
  absl::Status written = WriteDemoBills(providers_file, count, f);
  std::fclose(f);
  absl::Status imported = written.ok() ? ImportBills(client, path) : written;
  std::remove(path.c_str());
  if (!imported.ok()) return imported;
  return absl::StrCat("demo: ", count, " bills; try provider evn-longan, customer PB06010000000");
}

}  // namespace laso::cli

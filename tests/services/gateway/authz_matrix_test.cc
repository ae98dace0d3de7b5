// Who may call what, generated from the protos: every annotated route of
// every service × every kind of caller, asserted against the route's
// (laso.api.access). The backends are unreachable here, so a caller the
// gateway lets through gets 503; what matters is who gets 401 and 403.
// (Which resident may see which record is the services' own check, tested
// with each service.)
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/testing/ports.h"
#include "services/gateway/descriptor_registry.h"
#include "services/gateway/route_table.h"
#include "tests/services/gateway/gateway_fixture.h"

namespace laso::gateway {
namespace {

using rpc::Role;

struct Caller {
  std::string name;
  Role role;
  std::string token;  // empty: anonymous
  bool consented = false;  // a resident whose session carries acceptance of the privacy notice
};

// A concrete path for a template: each {variable} becomes a plausible value.
std::string Concrete(const std::string& pattern) {
  std::string out;
  bool in_var = false;
  for (char c : pattern) {
    if (c == '{') {
      in_var = true;
      out += "x1";
    } else if (c == '}') {
      in_var = false;
    } else if (!in_var) {
      out += c;
    }
  }
  return out;
}

class AuthzMatrixTest : public GatewayTest {
 protected:
  void Configure(config::Config& config) override {
    // Every backend on a port nobody listens on; no rate limit in the way.
    std::string closed = absl::StrCat("127.0.0.1:", testing::FreePort());
    std::vector<std::string> backends = {absl::StrCat("testing=127.0.0.1:", backend_port_)};
    for (const char* b : {"feedback", "dossier", "billing", "waste", "notify", "staff", "privacy"}) {
      backends.push_back(absl::StrCat(b, "=", closed));
    }
    ASSERT_TRUE(config.Set("gateway.backends", absl::StrJoin(backends, ",")).ok());
    for (const char* cls : {"login", "guess", "lookup", "write", "export", "default"}) {
      for (const char* per : {"ip", "user"}) {
        ASSERT_TRUE(config.Set(absl::StrCat("ratelimit.", cls, "_per_", per), "off").ok());
      }
    }
  }
};

TEST_F(AuthzMatrixTest, EveryRouteAnswersEveryCallerAsItsAnnotationSays) {
  auto registry = DescriptorRegistry::Create({});
  ASSERT_TRUE(registry.ok()) << registry.status();
  auto table = RouteTable::Build((*registry)->Services());
  ASSERT_TRUE(table.ok()) << table.status();

  std::vector<Caller> callers = {
      {"anonymous", Role::ANONYMOUS, ""},
      {"citizen A", Role::CITIZEN, CitizenToken("84901234567")},
      {"citizen B", Role::CITIZEN, CitizenToken("84912345678")},
      {"citizen C, who accepted the privacy notice", Role::CITIZEN, ConsentedCitizenToken("3000000000000000003"), true},
      {"operator", Role::OPERATOR, StaffToken(Role::OPERATOR, "tongdai-01")},
      {"officer of so-xd", Role::OFFICER, StaffToken(Role::OFFICER, "cb-01", "so-xd")},
      {"officer of ubnd-tan-an", Role::OFFICER, StaffToken(Role::OFFICER, "cb-02", "ubnd-tan-an")},
      {"supervisor of so-xd", Role::SUPERVISOR, StaffToken(Role::SUPERVISOR, "tp-01", "so-xd")},
      {"admin", Role::ADMIN, StaffToken(Role::ADMIN, "root")},
      {"data protection officer", Role::DPO, StaffToken(Role::DPO, "dpo")},
      {"integration", Role::INTEGRATION, StaffToken(Role::INTEGRATION, "motcua")},
      {"tracker", Role::TRACKER, StaffToken(Role::TRACKER, "xe-01", "51C-123.45")},
  };
  int routes = 0, cells = 0;
  std::map<int, int> by_status;
  std::vector<std::string> wrong;
  for (const Route& route : table->routes()) {
    if (route.backend == "testing") continue;
    ++routes;
    std::set<int> allowed(route.access.roles().begin(), route.access.roles().end());
    std::string path = Concrete(route.path.text());
    for (const Caller& caller : callers) {
      testing::HttpTestClient::Headers headers = {{"Content-Type", "application/json"}};
      if (!caller.token.empty()) headers.push_back({"Authorization", "Bearer " + caller.token});
      std::string body = route.http_method == "GET" || route.http_method == "DELETE" ? "" : "{}";
      int status = client_->Send(route.http_method, path, body, headers).status;
      ++cells;
      ++by_status[status];
      std::string expected;
      bool ok;
      if (route.access.public_()) {
        expected = "not 403";
        ok = status != 403;
      } else if (caller.token.empty()) {
        expected = "401";
        ok = status == 401;
      } else if (!allowed.empty() && !allowed.count(static_cast<int>(caller.role))) {
        expected = "403";
        ok = status == 403;
      } else if (route.access.personal_data() && caller.role == Role::CITIZEN && !caller.consented) {
        expected = "403 (no consent)";
        ok = status == 403;
        ++by_status[-403];
      } else {
        expected = "neither 401 nor 403";
        ok = status != 401 && status != 403;
      }
      if (!ok) wrong.push_back(absl::StrCat(route.pattern, " as ", caller.name, ": ", status, ", expected ", expected));
    }
  }
  // Open311 is admitted by the same chain, with the annotations of the RPCs it calls: posting a request is
  // CreateFeedback's roles and its consent gate; an api_key of anyone else is turned away (403 in Open311's words).
  const Route* create = table->ByGrpcPath("/laso.feedback.v1.FeedbackService/CreateFeedback");
  ASSERT_NE(create, nullptr);
  std::set<int> may_post(create->access.roles().begin(), create->access.roles().end());
  for (const Caller& caller : callers) {
    if (caller.token.empty()) continue;
    std::string form = absl::StrCat("api_key=", caller.token, "&service_code=road-damage&lat=10.53&long=106.41"
                                    "&description=O+ga+lon+truoc+nha+so+12");
    int status = client_->Send("POST", "/open311/v2/requests.json", form,
                               {{"Content-Type", "application/x-www-form-urlencoded"}}).status;
    ++cells;
    bool may = may_post.count(static_cast<int>(caller.role)) && (caller.role != Role::CITIZEN || caller.consented);
    bool ok = may ? status == 503 : status == 403;
    if (!ok) wrong.push_back(absl::StrCat("Open311 POST requests as ", caller.name, ": ", status));
  }

  EXPECT_GT(routes, 60);  // every service's routes were found
  // The matrix is not vacuous: callers were turned away and let through.
  EXPECT_GT(by_status[401], 30);
  EXPECT_GT(by_status[403], 100);
  EXPECT_GT(by_status[503], 100);  // let through to an unreachable backend
  EXPECT_GE(by_status[-403], 12);   // residents without consent, turned away from each personal-data write
  EXPECT_TRUE(wrong.empty()) << wrong.size() << " of " << cells << " cells wrong:\n" << absl::StrJoin(wrong, "\n");
}

TEST_F(AuthzMatrixTest, ARevokedStaffSessionOrMachineTokenIsRefusedEverywhere) {
  std::string person = StaffToken(Role::ADMIN, "root", "", "lost-laptop");
  std::string machine = StaffToken(Role::INTEGRATION, "old-motcua");
  ASSERT_NE(client_->Get("/v1/me", Bearer(person)).status, 401);
  PublishRevocations({"s:lost-laptop", "t:mt-old-motcua"});
  EXPECT_EQ(PollUntil(401, [&] { return client_->Get("/v1/me", Bearer(person)).status; }), 401);
  EXPECT_EQ(PollUntil(401, [&] { return client_->Get("/v1/me", Bearer(machine)).status; }), 401);
  // Other sessions of the same person, and other machines, are untouched.
  EXPECT_EQ(client_->Get("/v1/me", Bearer(StaffToken(Role::ADMIN, "root", "", "desk-pc"))).status, 200);
  EXPECT_EQ(client_->Get("/v1/me", Bearer(StaffToken(Role::INTEGRATION, "motcua"))).status, 200);
}

}  // namespace
}  // namespace laso::gateway

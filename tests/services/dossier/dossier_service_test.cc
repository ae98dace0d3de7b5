// The gRPC adapter on a real socket, with caller identity as the gateway signs it.
#include <grpcpp/grpcpp.h>

#include "common/status/status.h"
#include "common/testing/grpc_test_server.h"
#include "services/dossier/dossier_service.h"
#include "tests/services/dossier/dossier_fixture.h"

namespace laso::dossier {
namespace {

class DossierGrpcTest : public DossierTest {
 protected:
  DossierGrpcTest() : grpc_(*dossiers_, identity_.verifier(), pool_), server_({&grpc_}) {}
  testing::TestIdentity identity_;
  process::WorkerPool pool_{2};
  DossierGrpc grpc_;
  testing::GrpcTestServer server_;
};

TEST_P(DossierGrpcTest, SyncThenLookupOverGrpc) {
  auto stub = v1::DossierService::NewStub(server_.channel());
  v1::SyncDossiersRequest sync;
  *sync.add_dossiers() = Record("H15.50.05.13-260302-0975", "0901234567", "079123456789", 10,
                                {Ev("e1", v1::RECEIVED, "2026-03-02T08:30:00+07:00")});
  v1::SyncDossiersResponse synced;
  grpc::ClientContext c1;
  identity_.As(Integration(), &c1);
  ASSERT_TRUE(stub->SyncDossiers(&c1, sync, &synced).ok());
  EXPECT_EQ(synced.events_accepted(), 1);

  v1::GetDossierRequest get;
  get.set_code("H15.50.05.13-260302-0975");
  get.set_verifier("456789");
  v1::Dossier d;
  grpc::ClientContext c2;
  identity_.As(Anonymous(), &c2);
  ASSERT_TRUE(stub->GetDossier(&c2, get, &d).ok());
  EXPECT_EQ(d.status_label(), "Được tiếp nhận");

  get.set_verifier("000000");
  grpc::ClientContext c3;
  identity_.As(Anonymous(), &c3);
  EXPECT_EQ(stub->GetDossier(&c3, get, &d).error_code(), grpc::StatusCode::NOT_FOUND);

  grpc::ClientContext c4;  // no identity: not through the gateway
  EXPECT_EQ(stub->GetDossier(&c4, get, &d).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace

LASO_ON_BOTH_ENGINES(DossierGrpcTest);

}  // namespace laso::dossier

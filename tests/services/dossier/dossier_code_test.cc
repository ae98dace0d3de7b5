#include "services/dossier/dossier_code.h"

#include <gtest/gtest.h>

#include "common/status/status.h"

namespace laso::dossier {
namespace {

TEST(DossierCodeTest, NormalizesReceiptCodes) {
  EXPECT_EQ(*NormalizeDossierCode("H15.50.05.13-261008-0975"), "H15.50.05.13-261008-0975");
  EXPECT_EQ(*NormalizeDossierCode("  h15.50.05.13-261008-0975 "), "H15.50.05.13-261008-0975");
  EXPECT_EQ(*NormalizeDossierCode("000.00.21.H40-260301-000123"), "000.00.21.H40-260301-000123");
}

TEST(DossierCodeTest, RefusesWhatIsNotACode) {
  for (const char* bad : {"", "H15", "H15.50-261008", "H15.50-261008-0975-1", "H15..50-261008-0975",
                          ".H15-261008-0975", "H15-260230-0975", "H15-261308-0975", "H15-26100-0975",
                          "H15-261008-12", "H15-261008-12345678901", "H 15-261008-0975", "H15-261008-09a5",
                          "'; DROP TABLE dossiers; --"}) {
    auto code = NormalizeDossierCode(bad);
    EXPECT_FALSE(code.ok()) << bad;
    if (!code.ok()) EXPECT_EQ(FieldViolations(code.status())[0].field, "code");
  }
}

}  // namespace
}  // namespace laso::dossier

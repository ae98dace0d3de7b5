#include "common/phone/phone.h"

#include <gtest/gtest.h>

#include "common/status/status.h"

namespace laso::phone {
namespace {

TEST(PhoneTest, NormalisesTheWaysPeopleWriteNumbers) {
  for (const char* input : {"0987654321", "+84 98 765 43 21", "84987654321", "(+84) 987.654.321",
                            "0084987654321", "098-765-4321", "+84 0987654321", " 0987 654 321 "}) {
    auto normalized = Normalize(input);
    ASSERT_TRUE(normalized.ok()) << input << ": " << normalized.status();
    EXPECT_EQ(*normalized, "84987654321") << input;
  }
}

TEST(PhoneTest, AcceptsEveryMobilePrefixAndFixedLines) {
  EXPECT_EQ(*Normalize("0321234567"), "84321234567");
  EXPECT_EQ(*Normalize("0561234567"), "84561234567");
  EXPECT_EQ(*Normalize("0701234567"), "84701234567");
  EXPECT_EQ(*Normalize("0812345678"), "84812345678");
  EXPECT_EQ(*Normalize("02723 812 345"), "842723812345");  // Long An fixed line
}

TEST(PhoneTest, RefusesWhatIsNotAVietnamesePhone) {
  for (const char* input : {"", "abc", "12345", "0187654321", "+1 650 253 0000", "09876543210", "098765432",
                            "0987-654-32a", "+84+987654321", "0987654321 ext 2", "84", "+84", "8498765432"}) {
    auto normalized = Normalize(input);
    EXPECT_FALSE(normalized.ok()) << input;
    if (!normalized.ok()) {
      EXPECT_EQ(normalized.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_EQ(FieldViolations(normalized.status())[0].field, "phone");
    }
  }
  EXPECT_FALSE(Normalize(std::string(100, '9')).ok());
}

TEST(PhoneTest, DisplayForms) {
  EXPECT_EQ(ToNational("84987654321"), "0987654321");
  EXPECT_EQ(MaskForDisplay("84987654321"), "0987***321");
  EXPECT_EQ(MaskForDisplay("842723812345"), "0272****345");
}

}  // namespace
}  // namespace laso::phone

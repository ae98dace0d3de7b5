#include "services/gateway/json_printer.h"

#include <cmath>
#include <limits>

#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "laso/testing/v1/echo.pb.h"
#include "services/gateway/descriptor_registry.h"

namespace laso::gateway {
namespace {

using nlohmann::json;
namespace tv1 = laso::testing::v1;

tv1::AllTypes Everything() {
  tv1::AllTypes m;
  m.set_a_double(0.1);
  m.set_a_float(3.14159f);
  m.set_an_int32(-42);
  m.set_an_int64(-9007199254740993);
  m.set_a_uint32(4000000000u);
  m.set_a_uint64(18446744073709551615ull);
  m.set_a_sint32(-7);
  m.set_a_sint64(-8);
  m.set_a_fixed32(9);
  m.set_a_fixed64(10);
  m.set_an_sfixed32(-11);
  m.set_an_sfixed64(-12);
  m.set_a_bool(true);
  m.set_a_string("Đất rừng \"phương\" Nam\n\\");
  m.set_some_bytes(std::string("\x00\xff\x10", 3));
  m.set_a_genre(tv1::HISTORY);
  m.mutable_a_book()->set_title("Sông Đông");
  m.add_many_int64(1);
  m.add_many_int64(-2);
  m.add_many_strings("a");
  m.add_many_books()->set_id("x");
  m.add_many_genres(tv1::FICTION);
  m.add_many_doubles(1e300);
  m.add_many_doubles(-0.000001);
  (*m.mutable_string_map())["k"] = 5;
  (*m.mutable_int_map())[7] = "bảy";
  (*m.mutable_bool_map())[true].set_id("t");
  m.set_chosen_number(3);
  m.set_maybe(0);
  m.mutable_at()->set_seconds(1771261200);  // 2026-02-16T17:00:00Z
  m.mutable_at()->set_nanos(250000000);
  m.mutable_took()->set_seconds(-1);
  m.mutable_took()->set_nanos(-500000000);
  m.mutable_wrapped_int64()->set_value(64);
  m.mutable_wrapped_string()->set_value("w");
  m.mutable_wrapped_bool();  // present, false
  m.mutable_wrapped_double()->set_value(2.5);
  m.mutable_wrapped_bytes()->set_value("hi");
  m.mutable_mask()->add_paths("a_book.title");
  m.mutable_mask()->add_paths("many_int64");
  (*m.mutable_a_struct()->mutable_fields())["x"].set_string_value("y");
  m.mutable_any()->PackFrom(tv1::EchoRequest());
  m.mutable_nothing();
  return m;
}

json Ours(const google::protobuf::Message& m, int offset = 0) {
  std::string out;
  auto s = JsonPrinter(offset).Print(m, &out);
  EXPECT_TRUE(s.ok()) << s;
  json j = json::parse(out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << out;
  return j;
}

json Protobufs(const google::protobuf::Message& m) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string out;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &out, options).ok());
  return json::parse(out);
}

TEST(JsonPrinterTest, MatchesProtobufsPrinterOnEveryFieldKind) {
  tv1::AllTypes m = Everything();
  EXPECT_EQ(Ours(m), Protobufs(m)) << Ours(m).dump(1) << "\n---\n" << Protobufs(m).dump(1);
}

TEST(JsonPrinterTest, MatchesOnAnEmptyMessage) {
  tv1::AllTypes empty;
  EXPECT_EQ(Ours(empty), Protobufs(empty));
  tv1::ListBooksResponse list;
  EXPECT_EQ(Ours(list), Protobufs(list));
}

TEST(JsonPrinterTest, WorksOnDynamicMessagesToo) {
  auto registry = std::move(*DescriptorRegistry::Create({LASO_TEST_DESCRIPTOR_SET}));
  auto dynamic = registry->NewMessage(registry->pool()->FindMessageTypeByName("laso.testing.v1.AllTypes"));
  ASSERT_TRUE(dynamic->ParseFromString(Everything().SerializeAsString()));
  EXPECT_EQ(Ours(*dynamic), Protobufs(Everything()));
}

TEST(JsonPrinterTest, TimestampsAtTheDisplayOffset) {
  tv1::Book b;
  b.mutable_published_at()->set_seconds(1771261200);
  EXPECT_EQ(Ours(b, 7 * 60)["publishedAt"], "2026-02-17T00:00:00+07:00");
  b.mutable_published_at()->set_nanos(1000);
  EXPECT_EQ(Ours(b, 7 * 60)["publishedAt"], "2026-02-17T00:00:00.000001+07:00");
  EXPECT_EQ(Ours(b, 0)["publishedAt"], "2026-02-16T17:00:00.000001Z");
  EXPECT_EQ(Ours(b, -(5 * 60 + 30))["publishedAt"], "2026-02-16T11:30:00.000001-05:30");
}

TEST(JsonPrinterTest, TimestampsAtTheEdgesOfTheirRange) {
  tv1::Book b;
  b.mutable_published_at()->set_seconds(-62135596800);  // 0001-01-01T00:00:00Z
  EXPECT_EQ(Ours(b, 0)["publishedAt"], "0001-01-01T00:00:00Z");
  b.mutable_published_at()->set_seconds(-1);
  EXPECT_EQ(Ours(b, 7 * 60)["publishedAt"], "1970-01-01T06:59:59+07:00");
  b.mutable_published_at()->set_seconds(253402300799);
  EXPECT_EQ(Ours(b, 0)["publishedAt"], "9999-12-31T23:59:59Z");
}

TEST(JsonPrinterTest, FloatingPointEdges) {
  tv1::AllTypes m;
  m.set_a_double(std::numeric_limits<double>::quiet_NaN());
  m.set_a_float(-std::numeric_limits<float>::infinity());
  m.add_many_doubles(std::numeric_limits<double>::infinity());
  m.add_many_doubles(123456789.123456789);
  json j = Ours(m);
  EXPECT_EQ(j["aDouble"], "NaN");
  EXPECT_EQ(j["aFloat"], "-Infinity");
  EXPECT_EQ(j["manyDoubles"][0], "Infinity");
  EXPECT_EQ(j["manyDoubles"][1].get<double>(), 123456789.123456789);
}

TEST(JsonPrinterTest, RefusesOutOfRangeTimes) {
  tv1::Book b;
  b.mutable_published_at()->set_seconds(300000000000);
  std::string out;
  EXPECT_FALSE(JsonPrinter(0).Print(b, &out).ok());
}

TEST(JsonPrinterTest, ParsesOffsets) {
  int m;
  ASSERT_TRUE(ParseUtcOffset("+07:00", &m));
  EXPECT_EQ(m, 420);
  ASSERT_TRUE(ParseUtcOffset("-05:30", &m));
  EXPECT_EQ(m, -330);
  ASSERT_TRUE(ParseUtcOffset("Z", &m));
  EXPECT_EQ(m, 0);
  EXPECT_FALSE(ParseUtcOffset("+7", &m));
  EXPECT_FALSE(ParseUtcOffset("+25:00", &m));
}

}  // namespace
}  // namespace laso::gateway

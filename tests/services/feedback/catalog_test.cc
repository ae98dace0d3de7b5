#include "services/feedback/catalog.h"

#include <gtest/gtest.h>

namespace laso::feedback {
namespace {

CatalogData Known() {
  CatalogData d;
  d.agencies["so-xd"].set_code("so-xd");
  d.agencies["ubnd-tan-an"].set_code("ubnd-tan-an");
  d.wards["phuong-tan-an"].set_code("phuong-tan-an");
  d.wards["phuong-tan-an"].mutable_center()->set_latitude(10.5366);
  d.wards["phuong-tan-an"].mutable_center()->set_longitude(106.4137);
  d.wards["xa-ben-luc"].set_code("xa-ben-luc");
  d.wards["xa-ben-luc"].mutable_center()->set_latitude(10.64);
  d.wards["xa-ben-luc"].mutable_center()->set_longitude(106.487);
  return d;
}

v1::Category Lights() {
  v1::Category c;
  c.set_code("street-light");
  c.set_name_vi("Đèn đường hư");
  c.set_answer_days(3);
  auto* fallback = c.add_routing();
  fallback->set_agency_code("so-xd");
  auto* ward = c.add_routing();
  ward->set_ward_code("phuong-tan-an");
  ward->set_agency_code("ubnd-tan-an");
  auto* size = c.add_questions();
  size->set_code("size");
  size->set_datatype(v1::SINGLEVALUELIST);
  size->set_required(true);
  size->set_description("Mức độ");
  size->add_values()->set_key("small");
  size->add_values()->set_key("large");
  auto* pole = c.add_questions();
  pole->set_code("pole");
  pole->set_datatype(v1::NUMBER);
  pole->set_description("Số cột");
  auto* kinds = c.add_questions();
  kinds->set_code("kinds");
  kinds->set_datatype(v1::MULTIVALUELIST);
  kinds->set_description("Loại");
  kinds->add_values()->set_key("a");
  kinds->add_values()->set_key("b");
  return c;
}

v1::Answer A(const std::string& q, std::vector<std::string> values) {
  v1::Answer a;
  a.set_question(q);
  for (auto& v : values) a.add_values(v);
  return a;
}

TEST(CatalogTest, RoutesByWardThenCategoryDefault) {
  EXPECT_EQ(RouteToAgency(Lights(), "phuong-tan-an"), "ubnd-tan-an");
  EXPECT_EQ(RouteToAgency(Lights(), "xa-ben-luc"), "so-xd");
  EXPECT_EQ(RouteToAgency(Lights(), ""), "so-xd");
  v1::Category other;
  EXPECT_EQ(RouteToAgency(other, "phuong-tan-an"), "");  // the operators decide
}

TEST(CatalogTest, NearestWardByCentre) {
  CatalogData d = Known();
  EXPECT_EQ(NearestWard(d, {10.54, 106.41})->code(), "phuong-tan-an");
  EXPECT_EQ(NearestWard(d, {10.65, 106.49})->code(), "xa-ben-luc");
  EXPECT_EQ(NearestWard(CatalogData(), {10.65, 106.49}), nullptr);
}

TEST(CatalogTest, CategoryMustRouteToKnownPlaces) {
  EXPECT_TRUE(ValidateCategory(Lights(), Known()).ok());
  v1::Category bad = Lights();
  bad.mutable_routing(0)->set_agency_code("nobody");
  EXPECT_FALSE(ValidateCategory(bad, Known()).ok());
  bad = Lights();
  bad.set_answer_days(0);
  EXPECT_FALSE(ValidateCategory(bad, Known()).ok());
  bad = Lights();
  bad.mutable_questions(0)->clear_values();  // a list with nothing to choose
  EXPECT_FALSE(ValidateCategory(bad, Known()).ok());
  bad = Lights();
  bad.set_code("đèn đường");
  EXPECT_FALSE(ValidateCategory(bad, Known()).ok());
}

TEST(CatalogTest, AnswersFollowTheirDatatypes) {
  google::protobuf::RepeatedPtrField<v1::Answer> answers;
  *answers.Add() = A("size", {"small"});
  EXPECT_TRUE(ValidateAnswers(Lights(), answers).ok());
  *answers.Add() = A("pole", {"12"});
  *answers.Add() = A("kinds", {"a", "b"});
  EXPECT_TRUE(ValidateAnswers(Lights(), answers).ok());

  auto with = [](std::vector<v1::Answer> list) {
    google::protobuf::RepeatedPtrField<v1::Answer> out;
    for (auto& a : list) *out.Add() = a;
    return ValidateAnswers(Lights(), out);
  };
  EXPECT_FALSE(with({}).ok());                                            // required missing
  EXPECT_FALSE(with({A("size", {"huge"})}).ok());                         // not in the list
  EXPECT_FALSE(with({A("size", {"small", "large"})}).ok());              // one value only
  EXPECT_FALSE(with({A("size", {"small"}), A("pole", {"mười"})}).ok());  // not a number
  EXPECT_FALSE(with({A("size", {"small"}), A("kinds", {"a", "z"})}).ok());
  EXPECT_FALSE(with({A("size", {"small"}), A("colour", {"red"})}).ok());  // no such question
  EXPECT_EQ(with({A("size", {"small"}), A("pole", {"x"})}).message(), "Giá trị phải là số.");
}

}  // namespace
}  // namespace laso::feedback

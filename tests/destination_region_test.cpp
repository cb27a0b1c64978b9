#include <smstrack/model/destination_region.hpp>

#include <gtest/gtest.h>

#include <string>

namespace smstrack {
namespace {

phone_number number(const std::string& e164) { return phone_number::parse(e164).value(); }

TEST(destination_region, the_calling_code_is_the_assigned_one_of_one_two_or_three_digits) {
  EXPECT_EQ(calling_code_of(number("+12125550123")), 1U);
  EXPECT_EQ(calling_code_of(number("+33612345678")), 33U);
  EXPECT_EQ(calling_code_of(number("+35312345678")), 353U);
  EXPECT_EQ(calling_code_of(number("+2250712345678")), 225U);
  EXPECT_EQ(calling_code_of(number("+80012345678")), 800U);
}

TEST(destination_region, a_code_of_one_region_names_it) {
  EXPECT_EQ(region_of(number("+33612345678")), "FR");
  EXPECT_EQ(region_of(number("+4915112345678")), "DE");
  EXPECT_EQ(region_of(number("+35312345678")), "IE");
  EXPECT_EQ(region_of(number("+2250712345678")), "CI");
  EXPECT_EQ(region_of(number("+8613812345678")), "CN");
}

TEST(destination_region, the_north_american_plan_is_told_apart_by_area_code) {
  EXPECT_EQ(region_of(number("+12125550123")), "US");
  EXPECT_EQ(region_of(number("+14165550123")), "CA");
  EXPECT_EQ(region_of(number("+16045550123")), "CA");
  EXPECT_EQ(region_of(number("+12423570000")), "BS");
  EXPECT_EQ(region_of(number("+17875550123")), "PR");
  EXPECT_EQ(region_of(number("+18095550123")), "DO");
  EXPECT_EQ(region_of(number("+18765550123")), "JM");
}

TEST(destination_region, russia_and_kazakhstan_are_told_apart_within_plus_seven) {
  EXPECT_EQ(region_of(number("+74951234567")), "RU");
  EXPECT_EQ(region_of(number("+79161234567")), "RU");
  EXPECT_EQ(region_of(number("+77011234567")), "KZ");
  EXPECT_EQ(region_of(number("+73362212345")), "KZ") << "Baikonur";
}

TEST(destination_region, other_shared_codes_name_their_main_region) {
  EXPECT_EQ(region_of(number("+447911123456")), "GB");
  EXPECT_EQ(region_of(number("+447797123456")), "GB") << "a Jersey mobile counts as GB";
  EXPECT_EQ(region_of(number("+590690123456")), "GP");
}

TEST(destination_region, non_geographic_codes_are_001) {
  EXPECT_EQ(region_of(number("+80012345678")), "001");
  EXPECT_EQ(region_of(number("+882161234567")), "001");
  EXPECT_EQ(region_of(number("+870772001234")), "001");
}

TEST(destination_region, an_unassigned_code_or_no_number_has_no_region) {
  EXPECT_EQ(calling_code_of(number("+28012345678")), 0U);
  EXPECT_EQ(region_of(number("+28012345678")), "");
  EXPECT_EQ(calling_code_of(phone_number{}), 0U);
  EXPECT_EQ(region_of(phone_number{}), "");
}

}  // namespace
}  // namespace smstrack

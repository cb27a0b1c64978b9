#include <smstrack/model/view_name.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(view_name, six_tabs_and_their_sub_views) {
  EXPECT_EQ(boost::mp11::mp_size<boost::describe::describe_enumerators<view_name>>::value, 6U);
  EXPECT_EQ(boost::mp11::mp_size<boost::describe::describe_enumerators<sub_view_name>>::value, 8U);
  EXPECT_EQ(to_json_text(sub_view_name::routes), "\"routes\"");
  EXPECT_EQ(to_json_text(view_name::exclusions), "\"exclusions\"");
  EXPECT_EQ(from_json<sub_view_name>(boost::json::value("causes_of_exclusion")).value(), sub_view_name::causes_of_exclusion);
}

}  // namespace
}  // namespace smstrack

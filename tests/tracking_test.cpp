#include <smstrack/model/tracking.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(tracking, records_round_trip_through_json) {
  samples::expect_round_trip(samples::make_tracked_url());
  samples::expect_round_trip(samples::make_click());
  samples::expect_round_trip(url_click_count{3, 10, 7});
  samples::expect_optionals_may_be_absent(samples::make_click(), {"user_agent"});
}

TEST(tracking, url_types_keep_the_reference_values) {
  EXPECT_EQ(static_cast<int>(tracked_url_type::click), 1);
  EXPECT_EQ(static_cast<int>(tracked_url_type::open), 2);
  EXPECT_EQ(static_cast<int>(tracked_url_type::opt_out), 3);
  EXPECT_EQ(static_cast<int>(tracked_url_type::web), 4);
  EXPECT_EQ(static_cast<int>(tracked_url_type::transaction), 5);
  EXPECT_EQ(static_cast<int>(tracked_url_type::mirror), 6);
}

TEST(tracking, opt_out_and_mirror_links_do_not_count_in_click_through) {
  EXPECT_TRUE(counts_in_click_through(tracked_url_type::click));
  EXPECT_TRUE(counts_in_click_through(tracked_url_type::web));
  EXPECT_FALSE(counts_in_click_through(tracked_url_type::opt_out));
  EXPECT_FALSE(counts_in_click_through(tracked_url_type::mirror));
}

TEST(tracking, unknown_mode_names_are_rejected) {
  boost::json::value jv = to_json(samples::make_tracked_url());
  jv.as_object()["mode"] = "sometimes";
  const auto back = from_json<tracked_url>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), errc::unknown_enum_name);
  EXPECT_EQ(back.error().detail(), "mode: unknown enumerator 'sometimes'");
}

}  // namespace
}  // namespace smstrack

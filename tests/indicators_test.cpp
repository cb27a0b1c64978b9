#include <smstrack/model/indicators.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(indicators, indicators_round_trips_through_json) { samples::expect_round_trip(samples::make_indicators()); }

TEST(indicators, indicators_default_round_trips_through_json) { samples::expect_round_trip(indicators{}); }

TEST(indicators, indicators_rejects_a_missing_required_field) {
  boost::json::value jv = to_json(samples::make_indicators());
  const std::string first_key(jv.as_object().begin()->key());
  jv.as_object().erase(first_key);
  const auto back = from_json<indicators>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), errc::missing_field);
  EXPECT_NE(back.error().detail().find(first_key), std::string::npos) << back.error().detail();
}

}  // namespace
}  // namespace smstrack

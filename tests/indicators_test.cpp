#include <smstrack/model/indicators.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(indicators, indicators_round_trips_through_json) { samples::expect_round_trip(samples::make_indicators()); }

TEST(indicators, indicators_default_round_trips_through_json) { samples::expect_round_trip(indicators{}); }

TEST(indicators, indicators_rejects_a_missing_required_field) {
  samples::expect_missing_field_rejected(samples::make_indicators());
}

}  // namespace
}  // namespace smstrack

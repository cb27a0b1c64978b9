#include <smstrack/model/exclusion_log.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(exclusion_log, exclusion_log_round_trips_through_json) { samples::expect_round_trip(samples::make_exclusion_log()); }

TEST(exclusion_log, exclusion_log_default_round_trips_through_json) { samples::expect_round_trip(exclusion_log{}); }

TEST(exclusion_log, exclusion_log_rejects_a_missing_required_field) {
  samples::expect_missing_field_rejected(samples::make_exclusion_log());
}

}  // namespace
}  // namespace smstrack

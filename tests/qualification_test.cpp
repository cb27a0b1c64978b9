#include <smstrack/model/qualification.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(qualification, qualification_entry_round_trips_through_json) { samples::expect_round_trip(samples::make_qualification_entry()); }

TEST(qualification, qualification_entry_default_round_trips_through_json) { samples::expect_round_trip(qualification_entry{}); }

TEST(qualification, qualification_entry_rejects_a_missing_required_field) {
  samples::expect_missing_field_rejected(samples::make_qualification_entry());
}

}  // namespace
}  // namespace smstrack

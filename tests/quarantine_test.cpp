#include <smstrack/model/quarantine.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(quarantine, quarantine_entry_round_trips_through_json) { samples::expect_round_trip(samples::make_quarantine_entry()); }

TEST(quarantine, quarantine_entry_default_round_trips_through_json) { samples::expect_round_trip(quarantine_entry{}); }

TEST(quarantine, quarantine_entry_optional_fields_may_be_absent) {
  samples::expect_optionals_may_be_absent(samples::make_quarantine_entry(), {"last_error_text", "last_significant_error", "last_delivery", "quarantined_by"});
}

TEST(quarantine, quarantine_entry_rejects_a_missing_required_field) {
  samples::expect_missing_field_rejected(samples::make_quarantine_entry());
}

}  // namespace
}  // namespace smstrack

namespace smstrack {
namespace {
TEST(quarantine, key_round_trips_and_statuses_are_described) {
  samples::expect_round_trip(quarantine_key{samples::number(33612345678ULL), "36111"});
  EXPECT_EQ(to_json_text(quarantine_status::allowlisted), "\"allowlisted\"");
}
}  // namespace
}  // namespace smstrack

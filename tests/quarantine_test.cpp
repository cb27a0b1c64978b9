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
  boost::json::value jv = to_json(samples::make_quarantine_entry());
  const std::string first_key(jv.as_object().begin()->key());
  jv.as_object().erase(first_key);
  const auto back = from_json<quarantine_entry>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), errc::missing_field);
  EXPECT_NE(back.error().detail().find(first_key), std::string::npos) << back.error().detail();
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

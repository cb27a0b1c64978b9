#include <smstrack/model/qualification.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(qualification, qualification_entry_round_trips_through_json) { samples::expect_round_trip(samples::make_qualification_entry()); }

TEST(qualification, qualification_entry_default_round_trips_through_json) { samples::expect_round_trip(qualification_entry{}); }

TEST(qualification, qualification_entry_rejects_a_missing_required_field) {
  boost::json::value jv = to_json(samples::make_qualification_entry());
  const std::string first_key(jv.as_object().begin()->key());
  jv.as_object().erase(first_key);
  const auto back = from_json<qualification_entry>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), errc::missing_field);
  EXPECT_NE(back.error().detail().find(first_key), std::string::npos) << back.error().detail();
}

}  // namespace
}  // namespace smstrack

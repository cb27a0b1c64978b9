#include <smstrack/model/recipient.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(recipient, recipient_round_trips_through_json) { samples::expect_round_trip(samples::make_recipient()); }

TEST(recipient, recipient_default_round_trips_through_json) { samples::expect_round_trip(recipient{}); }

TEST(recipient, recipient_rejects_a_missing_required_field) {
  boost::json::value jv = to_json(samples::make_recipient());
  const std::string first_key(jv.as_object().begin()->key());
  jv.as_object().erase(first_key);
  const auto back = from_json<recipient>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), errc::missing_field);
  EXPECT_NE(back.error().detail().find(first_key), std::string::npos) << back.error().detail();
}

}  // namespace
}  // namespace smstrack

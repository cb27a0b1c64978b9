#include <smstrack/model/delivery.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(delivery, delivery_round_trips_through_json) { samples::expect_round_trip(samples::make_delivery()); }

TEST(delivery, delivery_default_round_trips_through_json) { samples::expect_round_trip(delivery{}); }

TEST(delivery, delivery_optional_fields_may_be_absent) {
  samples::expect_optionals_may_be_absent(samples::make_delivery(), {"analysed", "started", "started_by", "validity_end", "finished"});
}

TEST(delivery, delivery_rejects_a_missing_required_field) {
  boost::json::value jv = to_json(samples::make_delivery());
  const std::string first_key(jv.as_object().begin()->key());
  jv.as_object().erase(first_key);
  const auto back = from_json<delivery>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), errc::missing_field);
  EXPECT_NE(back.error().detail().find(first_key), std::string::npos) << back.error().detail();
}

}  // namespace
}  // namespace smstrack

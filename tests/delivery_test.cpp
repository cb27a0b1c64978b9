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
  samples::expect_missing_field_rejected(samples::make_delivery());
}

}  // namespace
}  // namespace smstrack

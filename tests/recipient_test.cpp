#include <smstrack/model/recipient.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(recipient, recipient_round_trips_through_json) { samples::expect_round_trip(samples::make_recipient()); }

TEST(recipient, recipient_default_round_trips_through_json) { samples::expect_round_trip(recipient{}); }

TEST(recipient, recipient_rejects_a_missing_required_field) {
  samples::expect_missing_field_rejected(samples::make_recipient());
}

}  // namespace
}  // namespace smstrack

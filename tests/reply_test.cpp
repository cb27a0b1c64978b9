#include <smstrack/model/reply.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

reply_record make_reply() {
  return {41, samples::t(3), samples::number(33612345678ULL), "36111", "STOP merci", 0U,
          reply_action::send_to_quarantine, delivery_id{7}};
}

TEST(reply, reply_record_round_trips_through_json) { samples::expect_round_trip(make_reply()); }

TEST(reply, reply_record_default_round_trips_through_json) { samples::expect_round_trip(reply_record{}); }

TEST(reply, reply_record_optional_fields_may_be_absent) {
  samples::expect_optionals_may_be_absent(make_reply(), {"rule", "delivery"});
}

TEST(reply, reply_record_rejects_a_missing_required_field) { samples::expect_missing_field_rejected(make_reply()); }

TEST(reply, actions_are_described_by_name) {
  EXPECT_EQ(to_json_text(reply_action::remove_from_quarantine), "\"remove_from_quarantine\"");
}

}  // namespace
}  // namespace smstrack

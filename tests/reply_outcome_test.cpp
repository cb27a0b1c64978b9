#include <smstrack/engine/reply_outcome.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(reply_outcome, round_trips_through_json) {
  const reply_outcome outcome{12, 0, reply_action::send_to_quarantine, "You are unsubscribed", 4};
  EXPECT_EQ(parse_json<reply_outcome>(to_json_text(outcome)).value(), outcome);
  EXPECT_FALSE(incoming_reply{}.delivery);
}

}  // namespace
}  // namespace smstrack

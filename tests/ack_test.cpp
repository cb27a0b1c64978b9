#include <smstrack/engine/ack.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(ack, throttling_statuses_are_smpp_values_and_outcomes_have_stable_names) {
  EXPECT_EQ(esme_rthrottled, 0x58U);
  EXPECT_EQ(esme_rmsgqful, 0x14U);
  EXPECT_EQ(to_json_text(ack_outcome::invalid_id), "\"invalid_id\"");
  EXPECT_EQ(parse_json<ack_outcome>("\"provider_id_taken\"").value(), ack_outcome::provider_id_taken);
  const message_ack accepted{7, "abc", 0, false};
  EXPECT_EQ(accepted.command_status, 0U);
  EXPECT_FALSE(accepted.timed_out);
}

}  // namespace
}  // namespace smstrack

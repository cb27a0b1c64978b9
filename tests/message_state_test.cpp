#include <smstrack/receipts/message_state.hpp>

#include <gtest/gtest.h>

namespace {

using namespace smstrack;

TEST(message_state, every_state_has_its_canonical_stat) {
  EXPECT_EQ(stat_of(message_state::scheduled), "SCHEDULED");
  EXPECT_EQ(stat_of(message_state::enroute), "ENROUTE");
  EXPECT_EQ(stat_of(message_state::delivered), "DELIVRD");
  EXPECT_EQ(stat_of(message_state::expired), "EXPIRED");
  EXPECT_EQ(stat_of(message_state::deleted), "DELETED");
  EXPECT_EQ(stat_of(message_state::undeliverable), "UNDELIV");
  EXPECT_EQ(stat_of(message_state::accepted), "ACCEPTD");
  EXPECT_EQ(stat_of(message_state::unknown), "UNKNOWN");
  EXPECT_EQ(stat_of(message_state::rejected), "REJECTD");
  EXPECT_EQ(stat_of(message_state::skipped), "SKIPPED");
}

TEST(message_state, raw_values_outside_zero_to_nine_name_no_state) {
  for (unsigned raw = 0; raw < 10; ++raw) {
    EXPECT_EQ(to_message_state(static_cast<std::uint8_t>(raw)), static_cast<message_state>(raw));
  }
  EXPECT_EQ(to_message_state(10), std::nullopt);
  EXPECT_EQ(to_message_state(255), std::nullopt);
}

}  // namespace

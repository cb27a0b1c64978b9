#include <smstrack/policy/log_transitions.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

constexpr log_status all[] = {log_status::pending, log_status::sent_to_provider, log_status::taken_into_account,
                              log_status::received_on_mobile, log_status::failed, log_status::ignored,
                              log_status::canceled, log_status::not_applicable};

TEST(log_transitions, final_statuses_never_move_but_a_delivered_message_may_fail) {
  for (const log_status from : all) {
    if (!is_final_log_status(from)) continue;
    for (const log_status to : all) {
      const bool part_failed = from == log_status::received_on_mobile && to == log_status::failed;
      EXPECT_EQ(is_legal_log_transition(from, to), part_failed) << static_cast<int>(from) << " -> " << static_cast<int>(to);
    }
  }
}

TEST(log_transitions, no_status_moves_to_itself) {
  for (const log_status s : all) EXPECT_FALSE(is_legal_log_transition(s, s));
}

TEST(log_transitions, the_sending_path_and_retries_are_legal) {
  EXPECT_TRUE(is_legal_log_transition(log_status::pending, log_status::sent_to_provider));
  EXPECT_TRUE(is_legal_log_transition(log_status::sent_to_provider, log_status::taken_into_account));
  EXPECT_TRUE(is_legal_log_transition(log_status::taken_into_account, log_status::received_on_mobile));
  EXPECT_TRUE(is_legal_log_transition(log_status::taken_into_account, log_status::failed));
  EXPECT_TRUE(is_legal_log_transition(log_status::failed, log_status::pending));
  EXPECT_TRUE(is_legal_log_transition(log_status::sent_to_provider, log_status::pending));
  EXPECT_FALSE(is_legal_log_transition(log_status::taken_into_account, log_status::sent_to_provider))
      << "a success never regresses to an intermediate status";
  EXPECT_FALSE(is_legal_log_transition(log_status::failed, log_status::taken_into_account));
}

TEST(log_transitions, refusals_name_both_statuses) {
  const auto refused = check_log_transition(log_status::failed, log_status::received_on_mobile);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(), errc::illegal_transition);
  EXPECT_EQ(refused.error().detail(), "failed -> received_on_mobile");
  EXPECT_FALSE(is_legal_log_transition(static_cast<log_status>(200), log_status::failed));
  EXPECT_TRUE(check_log_transition(log_status::pending, log_status::canceled).has_value());
}

}  // namespace
}  // namespace smstrack

#include <smstrack/policy/retry_policy.hpp>

#include <gtest/gtest.h>

namespace {

using namespace smstrack;
using namespace std::chrono_literals;

const timestamp failed_at = from_unix_ms(1'795'000'000'000);

log_digest failed_log(failure_type type, std::uint16_t retries = 0) {
  return {.id = 1, .status = log_status::failed, .type = type, .reason = failure_reason::unreachable,
          .retries = retries, .updated = failed_at};
}

TEST(retry_policy, soft_and_ignored_failures_are_retried_after_the_interval) {
  EXPECT_EQ(next_retry(failed_log(failure_type::soft), std::nullopt, {}), failed_at + 15min);
  EXPECT_EQ(next_retry(failed_log(failure_type::ignored), std::nullopt, {}), failed_at + 15min);
  EXPECT_EQ(next_retry(failed_log(failure_type::soft), std::nullopt, {.min_interval = 1h}), failed_at + 1h);
}

TEST(retry_policy, hard_failures_exhausted_retries_and_other_statuses_are_not_retried) {
  EXPECT_EQ(next_retry(failed_log(failure_type::hard), std::nullopt, {}), std::nullopt);
  EXPECT_EQ(next_retry(failed_log(failure_type::soft, 5), std::nullopt, {}), std::nullopt);
  EXPECT_EQ(next_retry(failed_log(failure_type::soft, 4), std::nullopt, {}), failed_at + 15min);
  log_digest delivered = failed_log(failure_type::soft);
  delivered.status = log_status::received_on_mobile;
  EXPECT_EQ(next_retry(delivered, std::nullopt, {}), std::nullopt);
}

TEST(retry_policy, never_at_or_past_the_validity_end) {
  EXPECT_EQ(next_retry(failed_log(failure_type::soft), failed_at + 15min, {}), std::nullopt);
  EXPECT_EQ(next_retry(failed_log(failure_type::soft), failed_at + 16min, {}), failed_at + 15min);
}

TEST(retry_policy, the_interval_must_be_positive) {
  EXPECT_TRUE(validate(retry_settings{}));
  EXPECT_EQ(validate(retry_settings{.min_interval = 0ms}).error().detail(),
            "the interval between retries must be positive");
}

}  // namespace

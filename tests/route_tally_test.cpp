#include <smstrack/policy/route_tally.hpp>

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace smstrack {
namespace {

using namespace std::chrono_literals;

const timestamp t0 = from_unix_ms(1'795'435'200'000);

log_digest acked(log_id id, log_status status, std::int64_t ack_ms, std::int64_t final_ms) {
  log_digest log;
  log.id = id;
  log.status = status;
  if (status == log_status::failed) {
    log.type = failure_type::hard;
    log.reason = failure_reason::user_unknown;
  }
  log.submitted = t0;
  log.acked = t0 + ack_ms * 1ms;
  log.updated = t0 + final_ms * 1ms;
  return log;
}

TEST(route_tally, counts_a_route_s_messages_outcomes_and_latencies) {
  route_tally tally;
  bool drifted = false;
  tally.count(acked(1, log_status::received_on_mobile, 200, 3'200), +1, drifted);
  tally.count(acked(2, log_status::failed, 300, 9'300), +1, drifted);
  log_digest waiting = acked(3, log_status::taken_into_account, 250, 250);
  waiting.receipt_timed_out = true;
  tally.count(waiting, +1, drifted);
  log_digest pending;
  pending.id = 4;
  tally.count(pending, +1, drifted);
  const route_health h = tally.health();
  EXPECT_EQ(h.messages, 4U);
  EXPECT_EQ(h.success, 2U);
  EXPECT_EQ(h.delivered, 1U);
  EXPECT_EQ(h.errors, 1U);
  EXPECT_EQ(h.errors_by_reason, (std::vector<reason_count>{{failure_reason::user_unknown, 1}}));
  EXPECT_EQ(h.acknowledged, 3U);
  EXPECT_EQ(h.final_receipts, 2U);
  EXPECT_EQ(h.receipt_timeouts, 1U);
  EXPECT_DOUBLE_EQ(h.delivered_rate, 25.0);
  EXPECT_NEAR(h.receipt_coverage, 200.0 / 3, 1e-9);
  EXPECT_EQ(h.submit_to_ack.count, 3U);
  EXPECT_EQ(h.ack_to_final.count, 2U);
  EXPECT_EQ(h.ack_to_final.p99, latency_histogram::upper_bound(latency_histogram::bucket_of(9'000)) * 1ms);
  EXPECT_FALSE(drifted);
  EXPECT_EQ(route_tally{}.health(), route_health{}) << "nothing counted: zeros, no division by zero";
}

TEST(route_tally, merging_equals_counting_together_and_taking_back_undoes) {
  std::mt19937 random(7);
  constexpr log_status statuses[] = {log_status::pending, log_status::taken_into_account,
                                     log_status::received_on_mobile, log_status::failed};
  route_tally left;
  route_tally right;
  route_tally together;
  std::vector<log_digest> logs;
  bool drifted = false;
  for (log_id id = 1; id <= 1000; ++id) {
    log_digest log = acked(id, statuses[random() % 4], static_cast<std::int64_t>(random() % 5'000),
                           static_cast<std::int64_t>(5'000 + random() % 600'000));
    log.receipt_timed_out = log.status == log_status::taken_into_account && random() % 2 == 0;
    (id % 2 == 0 ? left : right).count(log, +1, drifted);
    together.count(log, +1, drifted);
    logs.push_back(log);
  }
  left.merge(right);
  EXPECT_EQ(left, together);
  for (const log_digest& log : logs) together.count(log, -1, drifted);
  EXPECT_TRUE(together.empty());
  EXPECT_EQ(together, route_tally{});
  EXPECT_FALSE(drifted);
}

TEST(route_tally, taking_back_what_was_not_counted_marks_the_drift) {
  route_tally tally;
  bool drifted = false;
  tally.count(acked(1, log_status::failed, 100, 200), -1, drifted);
  EXPECT_TRUE(drifted);
  EXPECT_TRUE(tally.empty()) << "counts stay at 0";
}

}  // namespace
}  // namespace smstrack

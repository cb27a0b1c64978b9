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

// A log that stays on its route moves only what differs: the same tally as taking it back and
// counting it again, for every kind of change.
TEST(route_tally, moving_a_log_equals_taking_it_back_and_counting_it_again) {
  std::mt19937 random(17);
  constexpr log_status statuses[] = {log_status::pending, log_status::sent_to_provider, log_status::taken_into_account,
                                     log_status::received_on_mobile, log_status::failed, log_status::canceled};
  constexpr sms_encoding encodings[] = {sms_encoding::gsm7, sms_encoding::latin1, sms_encoding::ucs2};
  const auto any_log = [&] {
    log_digest log = acked(1, statuses[random() % std::size(statuses)], static_cast<std::int64_t>(random() % 3'000),
                           static_cast<std::int64_t>(3'000 + random() % 90'000));
    if (random() % 3 == 0) log.acked.reset();
    if (random() % 4 == 0) log.submitted.reset();
    if (log.status == log_status::failed && random() % 2 == 0) log.reason = failure_reason::unreachable;
    log.receipt_timed_out = random() % 5 == 0;
    log.parts = static_cast<std::uint16_t>(random() % 4);
    log.encoding = encodings[random() % 3];
    return log;
  };
  route_tally moved;
  route_tally recounted;
  bool drifted = false;
  for (int i = 0; i < 20; ++i) {  // other logs on the route
    const log_digest other = any_log();
    moved.count(other, +1, drifted);
    recounted.count(other, +1, drifted);
  }
  log_digest current = any_log();
  moved.count(current, +1, drifted);
  recounted.count(current, +1, drifted);
  for (int step = 0; step < 5'000; ++step) {
    const log_digest next = any_log();
    moved.move(current, next, drifted);
    recounted.count(current, -1, drifted);
    recounted.count(next, +1, drifted);
    ASSERT_EQ(moved, recounted) << "step " << step;
    current = next;
  }
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

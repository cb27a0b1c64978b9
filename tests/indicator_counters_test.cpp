#include <smstrack/policy/indicator_counters.hpp>

#include <smstrack/policy/log_transitions.hpp>

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace smstrack {
namespace {

using namespace std::chrono_literals;

timestamp minute(std::int64_t m) { return from_unix_ms(1'795'435'200'000 + m * 60'000); }

log_digest digest(log_id id, log_status status, failure_reason reason = failure_reason::not_defined,
                  bool seed = false, std::int64_t at = 0) {
  return {id, status, status == log_status::failed ? default_type(reason) : failure_type::not_defined,
          status == log_status::failed ? reason : failure_reason::not_defined, seed, 0, minute(at)};
}

TEST(indicator_counters, snapshot_follows_the_spec_definitions) {
  indicator_counters c;
  c.add(digest(1, log_status::pending));
  c.add(digest(2, log_status::sent_to_provider));
  c.add(digest(3, log_status::taken_into_account));
  c.add(digest(4, log_status::received_on_mobile));
  c.add(digest(5, log_status::failed, failure_reason::user_unknown));
  c.add(digest(6, log_status::failed, failure_reason::unreachable));
  c.add(digest(7, log_status::failed, failure_reason::text_too_long));  // never sent
  c.add(digest(8, log_status::received_on_mobile, failure_reason::not_defined, true));  // seed
  c.add(digest(9, log_status::canceled));
  const indicators i = c.snapshot({10, 1, 2, {}, 0, 0, 0});
  EXPECT_EQ(i.to_deliver, 9U);
  EXPECT_EQ(i.success, 2U);
  EXPECT_EQ(i.delivered, 1U);
  EXPECT_EQ(i.errors, 3U);
  EXPECT_EQ(i.processed, 5U);
  EXPECT_EQ(i.pending, 2U);
  EXPECT_EQ(i.sent, 1U + 2U + 2U) << "sent_to_provider + success + network failures";
  EXPECT_EQ(i.hard_bounces, 1U);
  EXPECT_EQ(i.soft_bounces, 1U);
  EXPECT_EQ(i.seeds, 1U);
  EXPECT_EQ(i.canceled, 1U);
  EXPECT_EQ(i.new_quarantines, 2U);
  EXPECT_DOUBLE_EQ(i.success_rate, 100.0 * 2 / 9);
  EXPECT_DOUBLE_EQ(i.processed_rate, 100.0 * 5 / 9);
  EXPECT_DOUBLE_EQ(i.new_quarantine_rate, 100.0 * 2 / 9);
  ASSERT_EQ(i.errors_by_reason.size(), 3U);
  EXPECT_EQ(i.errors_by_reason[0], (failure_count{failure_type::hard, failure_reason::user_unknown, 1}));
  EXPECT_EQ(i.errors_by_reason[2].reason, failure_reason::text_too_long);
}

TEST(indicator_counters, percentages_are_zero_with_nothing_to_deliver) {
  const indicators i = indicator_counters{}.snapshot({});
  EXPECT_EQ(i.success_rate, 0.0);
  EXPECT_EQ(i.click_through_rate, 0.0);
}

TEST(indicator_counters, incremental_equals_recomputed_for_random_status_sequences) {
  constexpr log_status statuses[] = {log_status::pending, log_status::sent_to_provider, log_status::taken_into_account,
                                     log_status::received_on_mobile, log_status::failed, log_status::ignored,
                                     log_status::canceled, log_status::not_applicable};
  constexpr failure_reason reasons[] = {failure_reason::user_unknown, failure_reason::unreachable,
                                        failure_reason::mailbox_full, failure_reason::not_connected,
                                        failure_reason::refused, failure_reason::not_defined};
  for (std::uint32_t seed = 0; seed < 20; ++seed) {
    std::mt19937 random(seed);
    std::vector<log_digest> logs;
    indicator_counters incremental;
    const phone_number addresses[] = {phone_number::parse("+33612345678").value(),
                                      phone_number::parse("+447700900123").value(),
                                      phone_number::parse("+14155550123").value(), phone_number{}};
    const network_code networks[] = {network_code{}, network_code::parse("208-01").value(),
                                     network_code::parse("208-10").value(), network_code::parse("234-015").value()};
    for (log_id id = 1; id <= 500; ++id) {
      logs.push_back(digest(id, log_status::pending, failure_reason::not_defined, id % 17 == 0));
      logs.back().address = addresses[id % std::size(addresses)];
      incremental.add(logs.back());
    }
    for (int step = 0; step < 5000; ++step) {
      log_digest& log = logs[random() % logs.size()];
      const log_status next = statuses[random() % std::size(statuses)];
      if (!is_legal_log_transition(log.status, next)) continue;
      log_digest after = digest(log.id, next, reasons[random() % std::size(reasons)], log.seed,
                                static_cast<std::int64_t>(random() % 2000));
      after.address = log.address;
      after.network = random() % 3 == 0 ? networks[random() % std::size(networks)] : log.network;
      after.receipt_timed_out = next == log_status::taken_into_account && random() % 4 == 0;
      if (random() % 2 == 0) {  // an acknowledged attempt, submitted or not
        after.acked = after.updated - std::chrono::milliseconds(random() % 100'000);
        if (random() % 3 != 0) after.submitted = *after.acked - std::chrono::milliseconds(random() % 5'000);
      }
      incremental.replace(log, after);
      log = after;
    }
    indicator_counters recomputed;
    for (const log_digest& log : logs) recomputed.add(log);
    ASSERT_EQ(incremental, recomputed) << "seed " << seed;
    EXPECT_EQ(incremental.route_figures(), recomputed.route_figures());
    EXPECT_GT(incremental.routes().size(), 8U) << "regions × networks were exercised";
    EXPECT_EQ(incremental.snapshot({600, 100, 0, {}, 0, 0, 0}), recomputed.snapshot({600, 100, 0, {}, 0, 0, 0}));
  }
}

// Receipt coverage and the latencies of SPEC §13, from each log's latest attempt.
TEST(indicator_counters, route_health_reads_the_attempt_times_of_the_logs) {
  const auto acked_log = [](log_id id, log_status status, std::int64_t submit_ms, std::int64_t ack_ms,
                            std::int64_t final_ms, bool seed = false) {
    log_digest log = digest(id, status, status == log_status::failed ? failure_reason::user_unknown
                                                                      : failure_reason::not_defined, seed);
    log.updated = minute(0) + std::chrono::milliseconds(final_ms);
    log.submitted = minute(0) + std::chrono::milliseconds(submit_ms);
    log.acked = minute(0) + std::chrono::milliseconds(ack_ms);
    return log;
  };
  indicator_counters c;
  c.add(acked_log(1, log_status::received_on_mobile, 0, 200, 3'200));
  c.add(acked_log(2, log_status::received_on_mobile, 0, 400, 5'400));
  c.add(acked_log(3, log_status::failed, 0, 300, 60'300));
  c.add(acked_log(4, log_status::taken_into_account, 0, 250, 250));  // awaiting its receipt
  c.add(acked_log(5, log_status::received_on_mobile, 0, 100, 900, true));  // a seed: apart
  c.add(digest(6, log_status::pending));
  const indicators i = c.snapshot({6, 0, 0, {}, 0, 0, 0});
  EXPECT_EQ(i.acknowledged, 4U);
  EXPECT_EQ(i.final_receipts, 3U);
  EXPECT_DOUBLE_EQ(i.receipt_coverage, 75.0);
  EXPECT_DOUBLE_EQ(i.delivered_rate, 100.0 * 2 / 6) << "of the 6 to deliver";
  EXPECT_EQ(i.submit_to_ack.count, 4U);
  EXPECT_EQ(i.submit_to_ack.p50, latency_histogram::upper_bound(latency_histogram::bucket_of(250)) * 1ms);
  EXPECT_EQ(i.ack_to_final.count, 3U);
  EXPECT_EQ(i.ack_to_final.p50, latency_histogram::upper_bound(latency_histogram::bucket_of(5'000)) * 1ms);
  EXPECT_EQ(i.ack_to_final.p99, latency_histogram::upper_bound(latency_histogram::bucket_of(60'000)) * 1ms);
  c.remove(acked_log(3, log_status::failed, 0, 300, 60'300));
  const indicators after = c.snapshot({6, 0, 0, {}, 0, 0, 0});
  EXPECT_EQ(after.final_receipts, 2U);
  EXPECT_EQ(after.ack_to_final.p99, latency_histogram::upper_bound(latency_histogram::bucket_of(5'000)) * 1ms);
  EXPECT_FALSE(c.drifted());
  EXPECT_EQ(indicator_counters{}.snapshot({}).submit_to_ack, latency_figures{}) << "nothing measured: zeros";
}

// Each message counts in the route of its region and network; a route nothing is left in is
// forgotten, so that equal counters hold the same routes.
TEST(indicator_counters, routes_split_the_messages_by_region_and_network) {
  const phone_number paris = phone_number::parse("+33612345678").value();
  const phone_number london = phone_number::parse("+447700900123").value();
  const network_code orange = network_code::parse("208-01").value();
  const auto to = [](log_digest log, phone_number address, network_code network) {
    log.address = address;
    log.network = network;
    return log;
  };
  indicator_counters c;
  c.add(to(digest(1, log_status::received_on_mobile), paris, orange));
  c.add(to(digest(2, log_status::failed, failure_reason::user_unknown), paris, orange));
  c.add(to(digest(3, log_status::taken_into_account), paris, {}));
  log_digest timed_out = to(digest(4, log_status::taken_into_account), london, {});
  timed_out.receipt_timed_out = true;
  c.add(timed_out);
  c.add(to(digest(5, log_status::received_on_mobile, failure_reason::not_defined, true), london, {}));  // a seed
  const std::vector<route_health> routes = c.route_figures();
  ASSERT_EQ(routes.size(), 3U);
  EXPECT_EQ(routes[0].region, "FR");
  EXPECT_FALSE(routes[0].network.known()) << "the unknown network first";
  EXPECT_EQ(routes[0].messages, 1U);
  EXPECT_EQ(routes[1].network, orange);
  EXPECT_EQ(routes[1].messages, 2U);
  EXPECT_EQ(routes[1].delivered, 1U);
  EXPECT_DOUBLE_EQ(routes[1].delivered_rate, 50.0);
  EXPECT_EQ(routes[1].errors_by_reason, (std::vector<reason_count>{{failure_reason::user_unknown, 1}}));
  EXPECT_EQ(routes[2].region, "GB");
  EXPECT_EQ(routes[2].messages, 1U) << "seeds are left out";
  EXPECT_EQ(routes[2].receipt_timeouts, 1U);
  c.remove(timed_out);
  EXPECT_EQ(c.route_figures().size(), 2U) << "an emptied route is forgotten";
  EXPECT_FALSE(c.drifted());
}

TEST(indicator_counters, throughput_counts_outcomes_per_hour_at_each_scale) {
  indicator_counters c;
  c.add(digest(1, log_status::taken_into_account, failure_reason::not_defined, false, -2));
  c.add(digest(2, log_status::received_on_mobile, failure_reason::not_defined, false, -3));
  c.add(digest(3, log_status::failed, failure_reason::unreachable, false, -4));
  c.add(digest(4, log_status::taken_into_account, failure_reason::not_defined, false, -200));
  c.add(digest(5, log_status::pending, failure_reason::not_defined, false, -1));
  const throughput_series hour = c.throughput(throughput_scale::one_hour, minute(0));
  ASSERT_EQ(hour.points.size(), 12U);
  EXPECT_EQ(hour.step, std::chrono::minutes{5});
  EXPECT_EQ(hour.points.back().success_per_hour, 2 * 12.0);
  EXPECT_EQ(hour.points.back().errors_per_hour, 1 * 12.0);
  EXPECT_EQ(hour.points.back().start, minute(-4));
  const throughput_series day = c.throughput(throughput_scale::twenty_four_hours, minute(0));
  ASSERT_EQ(day.points.size(), 24U);
  double success = 0;
  for (const auto& p : day.points) success += p.success_per_hour;
  EXPECT_EQ(success, 3.0);
  EXPECT_EQ(c.throughput(throughput_scale::three_hours, minute(0)).points.size(), 12U);
}

TEST(indicator_counters, moving_an_outcome_keeps_the_minute_table_clean) {
  indicator_counters a;
  const log_digest taken = digest(1, log_status::taken_into_account, failure_reason::not_defined, false, 5);
  const log_digest delivered = digest(1, log_status::received_on_mobile, failure_reason::not_defined, false, 9);
  a.add(taken);
  a.replace(taken, delivered);
  indicator_counters b;
  b.add(delivered);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.total(), 1U);
  EXPECT_EQ(a.waiting(), 0U);
}

TEST(indicator_counters, removing_what_is_not_counted_marks_drift_instead_of_wrapping) {
  indicator_counters c;
  c.add(digest(1, log_status::pending));
  EXPECT_FALSE(c.drifted());
  c.remove(digest(1, log_status::sent_to_provider));
  EXPECT_TRUE(c.drifted());
  EXPECT_EQ(c.count(log_status::sent_to_provider), 0U);
  EXPECT_EQ(c.count(log_status::pending), 1U);
  indicator_counters d;
  d.remove(digest(2, log_status::taken_into_account, failure_reason::not_defined, false, 3));
  EXPECT_TRUE(d.drifted());
  EXPECT_EQ(d.snapshot({}).success, 0U);
}

}  // namespace
}  // namespace smstrack

// The indicators of a delivery (SPEC §4, Summary view) and its throughput series.
//
// Log-derived counts exclude seed addresses (reported apart as `seeds`). Percentages are
// relative to `to_deliver` and are 0 when there is nothing to deliver.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/cost_figures.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/time.hpp>
#include <smstrack/model/tracking.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// The number of failed logs with one (type, reason).
struct failure_count {
  failure_type type = failure_type::not_defined;
  failure_reason reason = failure_reason::not_defined;
  std::uint64_t count = 0;
  friend bool operator==(const failure_count&, const failure_count&) = default;
};
BOOST_DESCRIBE_STRUCT(failure_count, (), (type, reason, count))

/// What a latency histogram says of a delivery's messages (SPEC §13): how many were measured and
/// the latency at four quantiles, read from log-scale buckets (each the upper bound of its
/// bucket, within 19 % of the exact value). All 0 when nothing was measured.
struct latency_figures {
  std::uint64_t count = 0;
  duration p50{};
  duration p90{};
  duration p95{};
  duration p99{};
  friend bool operator==(const latency_figures&, const latency_figures&) = default;
};
BOOST_DESCRIBE_STRUCT(latency_figures, (), (count, p50, p90, p95, p99))

struct indicators {
  std::uint64_t initial_population = 0;
  std::uint64_t rejected = 0;
  std::uint64_t to_deliver = 0;
  std::uint64_t sent = 0;
  std::uint64_t success = 0;
  std::uint64_t delivered = 0;
  std::uint64_t errors = 0;
  std::uint64_t processed = 0;
  std::uint64_t pending = 0;
  std::uint64_t ignored = 0;
  std::uint64_t canceled = 0;
  std::uint64_t seeds = 0;
  std::uint64_t new_quarantines = 0;
  std::uint64_t hard_bounces = 0;
  std::uint64_t soft_bounces = 0;
  std::uint64_t clicks = 0;             ///< every click on a tracking link, human or not
  std::uint64_t human_clicks = 0;       ///< clicks classified human (SPEC §10)
  std::uint64_t distinct_clicks = 0;    ///< logs with at least one human click
  std::uint64_t opt_outs = 0;           ///< human clicks on opt-out links and STOP replies
  click_class_counts clicks_by_class;   ///< every click by class: the non-human ones apart
  double success_rate = 0;          ///< percent of to_deliver
  double error_rate = 0;            ///< percent of to_deliver
  double processed_rate = 0;        ///< percent of to_deliver
  double new_quarantine_rate = 0;   ///< percent of to_deliver
  double click_through_rate = 0;    ///< percent: distinct human clickers of counted links / success
  double delivered_rate = 0;        ///< percent of to_deliver received on the mobile
  std::uint64_t acknowledged = 0;   ///< logs whose latest attempt the provider acknowledged
  std::uint64_t final_receipts = 0; ///< of those, the logs with a final receipt (delivered or failed)
  double receipt_coverage = 0;      ///< percent: final_receipts / acknowledged
  latency_figures submit_to_ack;    ///< from the submit the host reported to the provider's ack
  latency_figures ack_to_final;     ///< from the ack to the final receipt
  cost_figures cost;                ///< priced by the connector's table (tracker::indicators_of)
  std::vector<failure_count> errors_by_reason;  ///< non-zero (type, reason) pairs, by reason
  friend bool operator==(const indicators&, const indicators&) = default;
};
BOOST_DESCRIBE_STRUCT(indicators, (),
                      (initial_population, rejected, to_deliver, sent, success, delivered, errors,
                       processed, pending, ignored, canceled, seeds, new_quarantines, hard_bounces,
                       soft_bounces, clicks, human_clicks, distinct_clicks, opt_outs, clicks_by_class,
                       success_rate, error_rate, processed_rate, new_quarantine_rate, click_through_rate,
                       delivered_rate, acknowledged, final_receipts, receipt_coverage, submit_to_ack, ack_to_final,
                       cost, errors_by_reason))

/// The time windows of the throughput chart.
enum class throughput_scale : std::uint8_t {
  one_hour = 1,        ///< 12 points of 5 minutes
  three_hours = 3,     ///< 12 points of 15 minutes
  twenty_four_hours = 24,  ///< 24 points of 1 hour
};
BOOST_DESCRIBE_ENUM(throughput_scale, one_hour, three_hours, twenty_four_hours)

/// One point of the throughput chart: messages that became success or error in
/// [start, start + step), as a rate per hour.
struct throughput_point {
  timestamp start{};
  double success_per_hour = 0;
  double errors_per_hour = 0;
  friend bool operator==(const throughput_point&, const throughput_point&) = default;
};
BOOST_DESCRIBE_STRUCT(throughput_point, (), (start, success_per_hour, errors_per_hour))

struct throughput_series {
  throughput_scale scale = throughput_scale::one_hour;
  duration step{};
  std::vector<throughput_point> points;  ///< oldest first, the last one ending at `now`
  friend bool operator==(const throughput_series&, const throughput_series&) = default;
};
BOOST_DESCRIBE_STRUCT(throughput_series, (), (scale, step, points))

SMSTRACK_END_NAMESPACE

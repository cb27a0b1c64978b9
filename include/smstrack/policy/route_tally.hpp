// The running figures of one route (SPEC §13), kept as logs change: the tally behind a
// route_health. `count(log, +1)` counts a log as its digest stands, `count(log, -1)` takes it
// back; counting every log of a route gives the same tally as following their changes, and two
// tallies merge by adding (the latency histograms too).
//
// Thread safety: a value type; concurrent use needs external synchronization.
// Complexity: count O(1); merge O(histogram buckets); health O(failure reasons).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/delivery_log.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/latency_histogram.hpp>
#include <smstrack/model/message_encoding.hpp>
#include <smstrack/model/route_health.hpp>

#include <array>
#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE

namespace detail {
struct route_contribution;  // what one log adds to a tally (route_tally.cpp)
}  // namespace detail

class route_tally {
 public:
  /// Counts a (non-seed) log as `log` describes it, or takes it back (`direction` -1). Taking
  /// back what was not counted leaves the counts at 0 and sets `drifted`.
  void count(const log_digest& log, int direction, bool& drifted);
  /// As count(before, -1) then count(after, +1), for a log that stays on this route, touching
  /// only what differs (the usual receipt moves two counters and one histogram).
  void move(const log_digest& before, const log_digest& after, bool& drifted);
  void merge(const route_tally& other) noexcept;
  /// No log is counted.
  [[nodiscard]] bool empty() const noexcept { return messages_ == 0; }
  [[nodiscard]] std::uint64_t acknowledged() const noexcept { return acknowledged_; }
  [[nodiscard]] std::uint64_t final_receipts() const noexcept { return final_receipts_; }
  [[nodiscard]] const latency_histogram& submit_to_ack() const noexcept { return submit_to_ack_; }
  [[nodiscard]] const latency_histogram& ack_to_final() const noexcept { return ack_to_final_; }
  /// The parts of the messages in one encoding: all of them, the acknowledged ones, and those
  /// of the acknowledged ones that failed (what costs were spent on nothing).
  struct parts_by_encoding {
    std::array<std::uint64_t, encoding_count> all{};
    std::array<std::uint64_t, encoding_count> acknowledged{};
    std::array<std::uint64_t, encoding_count> failed{};
    friend bool operator==(const parts_by_encoding&, const parts_by_encoding&) = default;
  };
  [[nodiscard]] const parts_by_encoding& parts() const noexcept { return parts_; }
  /// Messages of unknown parts.
  [[nodiscard]] std::uint64_t unsized() const noexcept { return unsized_; }
  /// The figures; the caller names the route (connector, region, network).
  [[nodiscard]] route_health health() const;
  friend bool operator==(const route_tally&, const route_tally&) = default;

 private:
  void apply(const detail::route_contribution& before, const detail::route_contribution& after, bool& drifted);

  std::uint64_t messages_ = 0;
  std::uint64_t success_ = 0;
  std::uint64_t delivered_ = 0;
  std::uint64_t errors_ = 0;
  std::uint64_t acknowledged_ = 0;
  std::uint64_t final_receipts_ = 0;
  std::uint64_t receipt_timeouts_ = 0;
  std::array<std::uint64_t, all_failure_reasons.size()> errors_by_reason_{};
  latency_histogram submit_to_ack_;
  latency_histogram ack_to_final_;
  parts_by_encoding parts_;
  std::uint64_t unsized_ = 0;
};

/// The figures a latency histogram gives: its count and four quantiles.
[[nodiscard]] latency_figures figures_of(const latency_histogram& histogram) noexcept;

SMSTRACK_END_NAMESPACE

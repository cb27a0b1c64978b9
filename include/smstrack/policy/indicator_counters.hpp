// Incremental indicator counters of one delivery (SPEC §4).
//
// The counters hold, for the delivery's logs, the number per status (seeds apart), the failed
// logs per (type, reason), per minute the logs that became a success or an error then (their
// last change), and the route-health figures of SPEC §13 (route_tally.hpp) of each route its
// messages took (region and network), merged for the whole delivery when read. `add`, `remove`
// and `replace` keep them as statuses change; building them from every log digest gives the
// same counters: that is the recompute, and the two must always be equal. `snapshot` combines
// them with the counts that do not come from logs. Removing a log the counters do not hold (a
// status whose count is already 0) leaves the count at 0 and marks the counters `drifted`: the
// store changed behind their back, and the owner should rebuild them.
//
// Thread safety: none; the engine guards each delivery's counters with its own lock.
// Complexity: add/remove/replace O(1); snapshot O(failure reasons + routes × histogram
// buckets); throughput O(window minutes); route_figures O(routes × (failure reasons + histogram
// buckets)).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/delivery_log.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/indicators.hpp>
#include <smstrack/model/latency_histogram.hpp>
#include <smstrack/model/log_status.hpp>
#include <smstrack/model/time.hpp>
#include <smstrack/model/route_health.hpp>
#include <smstrack/model/tracking.hpp>
#include <smstrack/policy/route_tally.hpp>

#include <boost/describe/class.hpp>
#include <boost/unordered/unordered_flat_map.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// The indicators that do not come from delivery logs.
struct delivery_counts {
  std::uint64_t initial_population = 0;
  std::uint64_t rejected = 0;
  std::uint64_t new_quarantines = 0;
  click_class_counts clicks;                 ///< every click, by class
  std::uint64_t distinct_clicks = 0;         ///< logs with a human click
  std::uint64_t click_through_clickers = 0;  ///< logs with a human click on a link counted in CTR
  std::uint64_t opt_outs = 0;                ///< human clicks on opt-out links and STOP replies
  friend bool operator==(const delivery_counts&, const delivery_counts&) = default;
};
BOOST_DESCRIBE_STRUCT(delivery_counts, (),
                      (initial_population, rejected, new_quarantines, clicks, distinct_clicks,
                       click_through_clickers, opt_outs))

/// Where a delivery's message went: the region of its number and its network (SPEC §13). The
/// region points into the constant table of destination_region.hpp.
struct route_place {
  std::string_view region;
  network_code network;
  friend bool operator==(const route_place&, const route_place&) = default;
};
struct route_place_hash {
  std::size_t operator()(const route_place& p) const noexcept;
};

class indicator_counters {
 public:
  using route_tallies = boost::unordered_flat_map<route_place, route_tally, route_place_hash>;

  void add(const log_digest& log);
  void remove(const log_digest& log);
  /// As remove(before) then add(after), with one look-up of the route when the log stays on it.
  void replace(const log_digest& before, const log_digest& after);
  void clear() noexcept { *this = indicator_counters{}; }

  /// Logs in `status`, seeds or not.
  [[nodiscard]] std::uint64_t count(log_status status, bool seed = false) const noexcept {
    return by_status_[seed ? 1 : 0][static_cast<std::size_t>(status)];
  }
  /// All logs, seeds included.
  [[nodiscard]] std::uint64_t total() const noexcept;
  /// Logs, seeds included, still pending or sent without an ack.
  [[nodiscard]] std::uint64_t waiting() const noexcept;
  /// A removal found nothing to remove: the counters no longer match the logs.
  [[nodiscard]] bool drifted() const noexcept { return drifted_; }

  [[nodiscard]] indicators snapshot(const delivery_counts& counts) const;
  /// The tally of each route the delivery's messages took (seeds excepted).
  [[nodiscard]] const route_tallies& routes() const noexcept { return by_route_; }
  /// The figures of each route, by region then network; the connector left empty.
  [[nodiscard]] std::vector<route_health> route_figures() const;
  /// Success and errors per hour over the window of `scale` ending at the minute of `now`.
  [[nodiscard]] throughput_series throughput(throughput_scale scale, timestamp now) const;

  friend bool operator==(const indicator_counters&, const indicator_counters&) = default;

 private:
  struct minute_counts {
    std::uint32_t success = 0;
    std::uint32_t errors = 0;
    friend bool operator==(const minute_counts&, const minute_counts&) = default;
  };
  void count_outcome(const log_digest& log, int direction);
  void count_log(const log_digest& log, int direction);
  void count_route(const log_digest& log, int direction);
  [[nodiscard]] route_tallies::iterator route_of(const route_place& place, int direction);
  void forget_if_empty(route_tallies::iterator route);
  void decrement(std::uint64_t& counter) noexcept;

  std::array<std::array<std::uint64_t, log_status_count>, 2> by_status_{};
  std::array<std::array<std::uint64_t, all_failure_reasons.size()>, failure_type_count> failed_{};
  boost::unordered_flat_map<std::int64_t, minute_counts> by_minute_;
  route_tallies by_route_;  // no empty tally: equal counters hold the same routes
  bool drifted_ = false;
};

SMSTRACK_END_NAMESPACE

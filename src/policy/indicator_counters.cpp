#include <smstrack/policy/indicator_counters.hpp>

#include <smstrack/model/destination_region.hpp>

#include <algorithm>
#include <tuple>

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr std::int64_t ms_per_minute = 60'000;

std::int64_t minute_of(timestamp t) noexcept {
  const std::int64_t ms = to_unix_ms(t);
  return ms >= 0 ? ms / ms_per_minute : (ms - ms_per_minute + 1) / ms_per_minute;
}

double percent(std::uint64_t part, std::uint64_t whole) noexcept {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

struct scale_shape {
  std::int64_t step_minutes;
  std::int64_t points;
};

scale_shape shape_of(throughput_scale scale) noexcept {
  switch (scale) {
    case throughput_scale::one_hour: return {5, 12};
    case throughput_scale::three_hours: return {15, 12};
    case throughput_scale::twenty_four_hours: return {60, 24};
  }
  return {5, 12};
}

}  // namespace

void indicator_counters::count_outcome(const log_digest& log, int direction) {
  const bool success = is_success(log.status);
  if (!success && log.status != log_status::failed) return;
  const std::int64_t minute = minute_of(log.updated);
  if (direction > 0) {
    minute_counts& bucket = by_minute_[minute];
    (success ? bucket.success : bucket.errors) += 1;
    return;
  }
  const auto found = by_minute_.find(minute);
  if (found == by_minute_.end()) {
    drifted_ = true;
    return;
  }
  minute_counts& bucket = found->second;
  std::uint32_t& counter = success ? bucket.success : bucket.errors;
  if (counter > 0) --counter;
  else drifted_ = true;
  if (bucket.success == 0 && bucket.errors == 0) by_minute_.erase(found);
}

// A log's route: its region's and network's.
void indicator_counters::count_route(const log_digest& log, int direction) {
  const auto route = route_of({region_of(log.address), log.network}, direction);
  if (route == by_route_.end()) return;
  route->second.count(log, direction, drifted_);
  forget_if_empty(route);
}

// The tally of `place`: made when counting in; when taking out, the end when there is none
// (the counters drifted).
indicator_counters::route_tallies::iterator indicator_counters::route_of(const route_place& place, int direction) {
  if (direction > 0) return by_route_.try_emplace(place).first;
  const auto found = by_route_.find(place);
  if (found == by_route_.end()) drifted_ = true;
  return found;
}

void indicator_counters::forget_if_empty(route_tallies::iterator route) {
  if (route->second.empty()) by_route_.erase(route);
}

std::vector<route_health> indicator_counters::route_figures() const {
  std::vector<std::pair<route_place, const route_tally*>> sorted;
  sorted.reserve(by_route_.size());
  for (const auto& [place, tally] : by_route_) sorted.emplace_back(place, &tally);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.region, a.first.network) < std::tie(b.first.region, b.first.network);
  });
  std::vector<route_health> out;
  out.reserve(sorted.size());
  for (const auto& [place, tally] : sorted) {
    route_health& row = out.emplace_back(tally->health());
    row.region = std::string(place.region);
    row.network = place.network;
  }
  return out;
}

std::size_t route_place_hash::operator()(const route_place& p) const noexcept {
  // A region is at most three letters or digits: packed, then mixed with the network.
  std::uint64_t key = p.network.value();
  for (const char c : p.region.substr(0, 3)) key = (key << 8U) | static_cast<unsigned char>(c);
  key = (key ^ (key >> 29U)) * 0xbf58476d1ce4e5b9ULL;
  return static_cast<std::size_t>(key ^ (key >> 32U));
}

void indicator_counters::decrement(std::uint64_t& counter) noexcept {
  if (counter > 0) --counter;
  else drifted_ = true;
}

// A log's status, failure and outcome minute (seeds: their status only).
void indicator_counters::count_log(const log_digest& log, int direction) {
  std::uint64_t& status = by_status_[log.seed ? 1 : 0][static_cast<std::size_t>(log.status) % log_status_count];
  if (direction > 0) ++status;
  else decrement(status);
  if (log.seed) return;
  if (log.status == log_status::failed) {
    std::uint64_t& failed = failed_[static_cast<std::size_t>(log.type) % failure_type_count][dense_index(log.reason)];
    if (direction > 0) ++failed;
    else decrement(failed);
  }
  count_outcome(log, direction);
}

void indicator_counters::add(const log_digest& log) {
  count_log(log, +1);
  if (!log.seed) count_route(log, +1);
}

void indicator_counters::remove(const log_digest& log) {
  count_log(log, -1);
  if (!log.seed) count_route(log, -1);
}

void indicator_counters::replace(const log_digest& before, const log_digest& after) {
  count_log(before, -1);
  count_log(after, +1);
  if (before.seed || after.seed || before.address != after.address || before.network != after.network) {
    if (!before.seed) count_route(before, -1);
    if (!after.seed) count_route(after, +1);
    return;
  }
  // The usual change: the log stays on its route.
  const auto route = route_of({region_of(after.address), after.network}, -1);
  if (route == by_route_.end()) return;
  route->second.move(before, after, drifted_);
}

std::uint64_t indicator_counters::total() const noexcept {
  std::uint64_t sum = 0;
  for (const auto& row : by_status_) {
    for (const std::uint64_t n : row) sum += n;
  }
  return sum;
}

std::uint64_t indicator_counters::waiting() const noexcept {
  return count(log_status::pending) + count(log_status::sent_to_provider) +
         count(log_status::pending, true) + count(log_status::sent_to_provider, true);
}

indicators indicator_counters::snapshot(const delivery_counts& counts) const {
  indicators out;
  out.initial_population = counts.initial_population;
  out.rejected = counts.rejected;
  out.to_deliver = counts.initial_population >= counts.rejected
                       ? counts.initial_population - counts.rejected
                       : 0;
  out.delivered = count(log_status::received_on_mobile);
  out.success = count(log_status::taken_into_account) + out.delivered;
  out.errors = count(log_status::failed);
  out.processed = out.success + out.errors;
  out.pending = count(log_status::pending) + count(log_status::sent_to_provider);
  out.ignored = count(log_status::ignored);
  out.canceled = count(log_status::canceled);
  for (const log_status s : {log_status::pending, log_status::sent_to_provider, log_status::taken_into_account,
                             log_status::received_on_mobile, log_status::failed, log_status::ignored,
                             log_status::canceled, log_status::not_applicable}) {
    out.seeds += count(s, true);
  }
  out.sent = count(log_status::sent_to_provider) + out.success;
  for (std::size_t type = 0; type < failure_type_count; ++type) {
    for (std::size_t r = 0; r < all_failure_reasons.size(); ++r) {
      const std::uint64_t n = failed_[type][r];
      if (n == 0) continue;
      const failure_reason reason = all_failure_reasons[r];
      out.errors_by_reason.push_back({static_cast<failure_type>(type), reason, n});
      if (!arises_before_sending(reason)) out.sent += n;
      if (is_hard_bounce(reason)) out.hard_bounces += n;
      if (is_soft_bounce(reason)) out.soft_bounces += n;
    }
  }
  std::sort(out.errors_by_reason.begin(), out.errors_by_reason.end(), [](const auto& a, const auto& b) {
    return a.reason != b.reason ? a.reason < b.reason : a.type < b.type;
  });
  out.new_quarantines = counts.new_quarantines;
  out.clicks = counts.clicks.total();
  out.human_clicks = counts.clicks.human;
  out.clicks_by_class = counts.clicks;
  out.distinct_clicks = counts.distinct_clicks;
  out.opt_outs = counts.opt_outs;
  out.success_rate = percent(out.success, out.to_deliver);
  out.error_rate = percent(out.errors, out.to_deliver);
  out.processed_rate = percent(out.processed, out.to_deliver);
  out.new_quarantine_rate = percent(out.new_quarantines, out.to_deliver);
  out.click_through_rate = percent(counts.click_through_clickers, out.success);
  out.delivered_rate = percent(out.delivered, out.to_deliver);
  route_tally whole;  // every route together: merged here rather than kept, off the hot path
  for (const auto& [place, tally] : by_route_) whole.merge(tally);
  out.acknowledged = whole.acknowledged();
  out.final_receipts = whole.final_receipts();
  out.receipt_coverage = percent(out.final_receipts, out.acknowledged);
  out.submit_to_ack = figures_of(whole.submit_to_ack());
  out.ack_to_final = figures_of(whole.ack_to_final());
  return out;
}

throughput_series indicator_counters::throughput(throughput_scale scale, timestamp now) const {
  const scale_shape shape = shape_of(scale);
  throughput_series series;
  series.scale = scale;
  series.step = duration{shape.step_minutes * ms_per_minute};
  const std::int64_t end_minute = minute_of(now) + 1;
  const std::int64_t first_minute = end_minute - shape.step_minutes * shape.points;
  const double per_hour = 60.0 / static_cast<double>(shape.step_minutes);
  series.points.reserve(static_cast<std::size_t>(shape.points));
  for (std::int64_t p = 0; p < shape.points; ++p) {
    const std::int64_t start = first_minute + p * shape.step_minutes;
    std::uint64_t success = 0;
    std::uint64_t errors = 0;
    for (std::int64_t m = start; m < start + shape.step_minutes; ++m) {
      const auto found = by_minute_.find(m);
      if (found == by_minute_.end()) continue;
      success += found->second.success;
      errors += found->second.errors;
    }
    series.points.push_back({from_unix_ms(start * ms_per_minute),
                             static_cast<double>(success) * per_hour,
                             static_cast<double>(errors) * per_hour});
  }
  return series;
}

SMSTRACK_END_NAMESPACE

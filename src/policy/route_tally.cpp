#include <smstrack/policy/route_tally.hpp>

#include <optional>

SMSTRACK_BEGIN_NAMESPACE
namespace {

double percent(std::uint64_t part, std::uint64_t whole) noexcept {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// Adds 1 to `counter`, or takes 1 from it; taking from 0 leaves it and marks the drift.
void step(std::uint64_t& counter, int direction, bool& drifted) noexcept {
  if (direction > 0) {
    ++counter;
  } else if (counter > 0) {
    --counter;
  } else {
    drifted = true;
  }
}

}  // namespace

latency_figures figures_of(const latency_histogram& h) noexcept {
  return {h.count(), h.quantile(0.5), h.quantile(0.9), h.quantile(0.95), h.quantile(0.99)};
}

namespace detail {

// What one log adds to its route's tally: the one place the tally's rules are written. The
// default value is no log at all.
struct route_contribution {
  bool present = false;
  bool success = false;
  bool delivered = false;
  std::optional<std::size_t> failed_reason;  // dense index of the reason of a failed log
  bool timed_out = false;
  std::uint16_t parts = 0;  // 0: unsized
  std::size_t encoding = 0;
  // The latest attempt: acknowledged, finished by a receipt, and how long each step took.
  bool acknowledged = false;
  std::optional<duration> submit_to_ack;
  std::optional<duration> ack_to_final;  // set for a final receipt
  // The parts the message counts in: all, acknowledged, acknowledged and failed.
  [[nodiscard]] bool unsized() const noexcept { return present && parts == 0; }
  [[nodiscard]] bool sized() const noexcept { return parts != 0; }
  [[nodiscard]] bool acknowledged_parts() const noexcept { return sized() && acknowledged; }
  [[nodiscard]] bool failed_parts() const noexcept { return acknowledged_parts() && failed_reason.has_value(); }
};

}  // namespace detail

namespace {

using contribution = detail::route_contribution;

contribution contribution_of(const log_digest& log) {
  contribution c;
  c.present = true;
  c.success = is_success(log.status);
  c.delivered = log.status == log_status::received_on_mobile;
  if (log.status == log_status::failed) c.failed_reason = dense_index(log.reason);
  c.timed_out = log.receipt_timed_out;
  c.parts = log.parts;
  c.encoding = dense_index(log.encoding);
  if (!log.acked) return c;
  c.acknowledged = true;
  if (log.submitted) c.submit_to_ack = *log.acked - *log.submitted;
  if (log.status == log_status::received_on_mobile || log.status == log_status::failed) {
    c.ack_to_final = log.updated - *log.acked;
  }
  return c;
}

// Moves `counter` from what `before` says to what `after` says (each adds 1 when true).
void flip(std::uint64_t& counter, bool before, bool after, bool& drifted) noexcept {
  if (before != after) step(counter, after ? +1 : -1, drifted);
}

void add_parts(std::uint64_t& parts, std::uint16_t n, int direction, bool& drifted) noexcept {
  if (direction > 0) parts += n;
  else if (parts >= n) parts -= n;
  else drifted = true;
}

// Moves one kind of parts (`in` says whether a contribution counts in it) by encoding.
template <class In>
void move_parts(std::array<std::uint64_t, encoding_count>& parts, const contribution& before,
                const contribution& after, In in, bool& drifted) {
  const bool same = before.parts == after.parts && before.encoding == after.encoding && in(before) == in(after);
  if (same) return;
  if (in(before)) add_parts(parts[before.encoding], before.parts, -1, drifted);
  if (in(after)) add_parts(parts[after.encoding], after.parts, +1, drifted);
}

void move_latency(latency_histogram& h, const std::optional<duration>& before, const std::optional<duration>& after) {
  if (before == after) return;
  if (before) h.remove(*before);
  if (after) h.record(*after);
}

}  // namespace

void route_tally::count(const log_digest& log, int direction, bool& drifted) {
  step(messages_, direction, drifted);
  const contribution c = contribution_of(log);
  if (direction > 0) apply(contribution{}, c, drifted);
  else apply(c, contribution{}, drifted);
}

void route_tally::move(const log_digest& before, const log_digest& after, bool& drifted) {
  apply(contribution_of(before), contribution_of(after), drifted);
}

// Moves the tally from one log's contribution `before` to `after`, touching only what differs.
void route_tally::apply(const detail::route_contribution& before, const detail::route_contribution& after,
                        bool& drifted) {
  flip(success_, before.success, after.success, drifted);
  flip(delivered_, before.delivered, after.delivered, drifted);
  if (before.failed_reason != after.failed_reason) {
    flip(errors_, before.failed_reason.has_value(), after.failed_reason.has_value(), drifted);
    if (before.failed_reason) step(errors_by_reason_[*before.failed_reason], -1, drifted);
    if (after.failed_reason) step(errors_by_reason_[*after.failed_reason], +1, drifted);
  }
  flip(receipt_timeouts_, before.timed_out, after.timed_out, drifted);
  flip(acknowledged_, before.acknowledged, after.acknowledged, drifted);
  flip(final_receipts_, before.ack_to_final.has_value(), after.ack_to_final.has_value(), drifted);
  move_latency(submit_to_ack_, before.submit_to_ack, after.submit_to_ack);
  move_latency(ack_to_final_, before.ack_to_final, after.ack_to_final);
  flip(unsized_, before.unsized(), after.unsized(), drifted);
  move_parts(parts_.all, before, after, [](const contribution& c) { return c.sized(); }, drifted);
  move_parts(parts_.acknowledged, before, after, [](const contribution& c) { return c.acknowledged_parts(); }, drifted);
  move_parts(parts_.failed, before, after, [](const contribution& c) { return c.failed_parts(); }, drifted);
}

void route_tally::merge(const route_tally& other) noexcept {
  messages_ += other.messages_;
  success_ += other.success_;
  delivered_ += other.delivered_;
  errors_ += other.errors_;
  acknowledged_ += other.acknowledged_;
  final_receipts_ += other.final_receipts_;
  receipt_timeouts_ += other.receipt_timeouts_;
  for (std::size_t r = 0; r < errors_by_reason_.size(); ++r) errors_by_reason_[r] += other.errors_by_reason_[r];
  submit_to_ack_.merge(other.submit_to_ack_);
  ack_to_final_.merge(other.ack_to_final_);
  for (std::size_t e = 0; e < encoding_count; ++e) {
    parts_.all[e] += other.parts_.all[e];
    parts_.acknowledged[e] += other.parts_.acknowledged[e];
    parts_.failed[e] += other.parts_.failed[e];
  }
  unsized_ += other.unsized_;
}

route_health route_tally::health() const {
  route_health out;
  out.messages = messages_;
  out.success = success_;
  out.delivered = delivered_;
  out.errors = errors_;
  for (std::size_t r = 0; r < errors_by_reason_.size(); ++r) {
    if (errors_by_reason_[r] != 0) out.errors_by_reason.push_back({all_failure_reasons[r], errors_by_reason_[r]});
  }
  out.acknowledged = acknowledged_;
  out.final_receipts = final_receipts_;
  out.receipt_timeouts = receipt_timeouts_;
  out.delivered_rate = percent(delivered_, messages_);
  out.receipt_coverage = percent(final_receipts_, acknowledged_);
  out.submit_to_ack = figures_of(submit_to_ack_);
  out.ack_to_final = figures_of(ack_to_final_);
  return out;
}

SMSTRACK_END_NAMESPACE

#include <smstrack/policy/route_tally.hpp>

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

void route_tally::count(const log_digest& log, int direction, bool& drifted) {
  step(messages_, direction, drifted);
  if (is_success(log.status)) step(success_, direction, drifted);
  if (log.status == log_status::received_on_mobile) step(delivered_, direction, drifted);
  if (log.status == log_status::failed) {
    step(errors_, direction, drifted);
    step(errors_by_reason_[dense_index(log.reason)], direction, drifted);
  }
  if (log.receipt_timed_out) step(receipt_timeouts_, direction, drifted);
  count_parts(log, direction, drifted);
  // The latest attempt: acknowledged, finished by a receipt, and how long each step took.
  if (!log.acked) return;
  step(acknowledged_, direction, drifted);
  const auto record = [direction](latency_histogram& h, duration latency) {
    if (direction > 0) h.record(latency); else h.remove(latency);
  };
  if (log.submitted) record(submit_to_ack_, *log.acked - *log.submitted);
  if (log.status == log_status::received_on_mobile || log.status == log_status::failed) {
    step(final_receipts_, direction, drifted);
    record(ack_to_final_, log.updated - *log.acked);
  }
}

// What a log's message costs is counted in parts of its encoding: all messages, the
// acknowledged ones and of those the failed ones.
void route_tally::count_parts(const log_digest& log, int direction, bool& drifted) {
  if (log.parts == 0) {
    step(unsized_, direction, drifted);
    return;
  }
  const std::size_t e = dense_index(log.encoding);
  const auto move = [&](std::uint64_t& parts) {
    if (direction > 0) parts += log.parts;
    else if (parts >= log.parts) parts -= log.parts;
    else drifted = true;
  };
  move(parts_.all[e]);
  if (!log.acked) return;
  move(parts_.acknowledged[e]);
  if (log.status == log_status::failed) move(parts_.failed[e]);
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

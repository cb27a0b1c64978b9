#include <smstrack/model/latency_histogram.hpp>

#include <algorithm>
#include <cmath>

SMSTRACK_BEGIN_NAMESPACE

void latency_histogram::add(duration latency, int sign) noexcept {
  const std::int64_t ms = std::max<std::int64_t>(latency.count(), 0);
  const auto value = static_cast<std::uint64_t>(ms);
  std::uint64_t& slot = counts_[bucket_of(ms)];
  if (sign > 0) {
    ++slot;
    ++count_;
    sum_ms_ += value;
  } else {
    --slot;
    --count_;
    sum_ms_ -= value;
  }
}

void latency_histogram::merge(const latency_histogram& other) noexcept {
  for (std::size_t i = 0; i < bucket_count; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ms_ += other.sum_ms_;
}

duration latency_histogram::quantile(double q) const noexcept {
  if (count_ == 0 || !(q > 0.0 && q <= 1.0)) return duration{0};
  const auto rank = std::max<std::uint64_t>(
      1, std::min(count_, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < bucket_count; ++i) {
    seen += counts_[i];
    if (seen >= rank) return duration{upper_bound(i)};
  }
  return duration{upper_bound(bucket_count - 1)};
}

SMSTRACK_END_NAMESPACE

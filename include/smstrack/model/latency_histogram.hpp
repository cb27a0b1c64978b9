// A latency histogram (SPEC §13): how long facts took, in milliseconds, in log-scale buckets.
//
// Buckets: 0, 1, 2 and 3 ms exactly; from 4 ms to 2^33 ms (about 99 days), each doubling
// [2^e, 2^(e+1)) is cut into four equal buckets, so a bucket is a quarter of its lower bound wide
// at most; a last bucket holds everything from 2^33 ms on.
// Recording and removing are O(1) (a bit width and a shift); two histograms merge by adding
// their counts. Percentiles are read from the buckets: the upper bound of the bucket holding the
// value of that rank, exact below 4 ms. Negative durations (a clock that went back) count as 0.
//
// Thread safety: a value type; concurrent use needs external synchronization.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/time.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>

SMSTRACK_BEGIN_NAMESPACE

class latency_histogram {
 public:
  static constexpr int last_exponent = 32;  ///< the last doubling cut in quarters: [2^32, 2^33)
  /// 0..3 ms, four per doubling from 2^2 to 2^32, and the bucket from 2^33 ms on.
  static constexpr std::size_t bucket_count = 4 + 4 * (last_exponent - 1) + 1;

  /// The bucket of a latency of `ms` milliseconds (negative: bucket 0).
  [[nodiscard]] static constexpr std::size_t bucket_of(std::int64_t ms) noexcept {
    if (ms < 4) return ms < 0 ? 0 : static_cast<std::size_t>(ms);
    const auto value = static_cast<std::uint64_t>(ms);
    const int exponent = static_cast<int>(std::bit_width(value)) - 1;  // >= 2
    if (exponent > last_exponent) return bucket_count - 1;
    const auto quarter = static_cast<std::size_t>((value >> (exponent - 2)) & 3U);
    return 4 + 4 * static_cast<std::size_t>(exponent - 2) + quarter;
  }
  /// The smallest latency, in ms, of `bucket`.
  [[nodiscard]] static constexpr std::int64_t lower_bound(std::size_t bucket) noexcept {
    if (bucket < 4) return static_cast<std::int64_t>(bucket);
    const std::size_t exponent = (bucket - 4) / 4 + 2;
    const std::size_t quarter = (bucket - 4) % 4;
    return static_cast<std::int64_t>((std::uint64_t{4} + quarter) << (exponent - 2));
  }
  /// The largest latency, in ms, of `bucket` (the last bucket has none: the largest int64).
  [[nodiscard]] static constexpr std::int64_t upper_bound(std::size_t bucket) noexcept {
    if (bucket + 1 >= bucket_count) return std::numeric_limits<std::int64_t>::max();
    return lower_bound(bucket + 1) - 1;
  }

  void record(duration latency) noexcept { add(latency, 1); }
  /// Takes back a latency recorded before (the fact it measured was replaced). Taking back what
  /// was never recorded leaves the counts wrong; the tracker only removes what it added.
  void remove(duration latency) noexcept { add(latency, -1); }
  void merge(const latency_histogram& other) noexcept;

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  /// The sum of the latencies recorded, in ms (negative ones as 0).
  [[nodiscard]] std::uint64_t sum_ms() const noexcept { return sum_ms_; }
  [[nodiscard]] std::uint64_t bucket(std::size_t index) const noexcept { return counts_[index]; }

  /// The latency at quantile `q` (0 < q <= 1; 0.5 the median): the upper bound of the bucket of
  /// the value ranked ceil(q × count), as a duration. Nothing recorded, or q outside (0, 1]: 0.
  [[nodiscard]] duration quantile(double q) const noexcept;

  friend bool operator==(const latency_histogram&, const latency_histogram&) = default;

 private:
  void add(duration latency, int sign) noexcept;

  std::array<std::uint64_t, bucket_count> counts_{};
  std::uint64_t count_ = 0;
  std::uint64_t sum_ms_ = 0;
};

SMSTRACK_END_NAMESPACE

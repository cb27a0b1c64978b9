#include <smstrack/model/latency_histogram.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace smstrack {
namespace {

using std::chrono::milliseconds;
using histogram = latency_histogram;

TEST(latency_histogram, small_latencies_have_buckets_of_their_own) {
  for (std::int64_t ms = 0; ms < 4; ++ms) {
    EXPECT_EQ(histogram::bucket_of(ms), static_cast<std::size_t>(ms));
    EXPECT_EQ(histogram::lower_bound(histogram::bucket_of(ms)), ms);
    EXPECT_EQ(histogram::upper_bound(histogram::bucket_of(ms)), ms);
  }
  EXPECT_EQ(histogram::bucket_of(-5), 0U) << "a clock that went back counts as 0";
}

TEST(latency_histogram, each_doubling_is_cut_in_four) {
  EXPECT_EQ(histogram::bucket_of(4), 4U);
  EXPECT_EQ(histogram::bucket_of(7), 7U);
  EXPECT_EQ(histogram::bucket_of(8), 8U);
  EXPECT_EQ(histogram::bucket_of(9), 8U);
  EXPECT_EQ(histogram::bucket_of(10), 9U);
  EXPECT_EQ(histogram::lower_bound(8), 8);
  EXPECT_EQ(histogram::upper_bound(8), 9);
  // 1 000 ms: 2^9 = 512 <= 1000 < 1024, third quarter [896, 1024).
  EXPECT_EQ(histogram::lower_bound(histogram::bucket_of(1000)), 896);
  EXPECT_EQ(histogram::upper_bound(histogram::bucket_of(1000)), 1023);
}

TEST(latency_histogram, the_buckets_tile_every_latency_in_order) {
  for (std::size_t b = 0; b + 1 < histogram::bucket_count; ++b) {
    EXPECT_EQ(histogram::upper_bound(b) + 1, histogram::lower_bound(b + 1)) << "bucket " << b;
    EXPECT_EQ(histogram::bucket_of(histogram::lower_bound(b)), b);
    EXPECT_EQ(histogram::bucket_of(histogram::upper_bound(b)), b);
  }
  const std::size_t last = histogram::bucket_count - 1;
  EXPECT_EQ(histogram::lower_bound(last), std::int64_t{1} << 33);
  EXPECT_EQ(histogram::bucket_of((std::int64_t{1} << 33) - 1), last - 1);
  EXPECT_EQ(histogram::bucket_of(std::int64_t{1} << 33), last);
  EXPECT_EQ(histogram::bucket_of(std::numeric_limits<std::int64_t>::max()), last);
  EXPECT_EQ(histogram::upper_bound(last), std::numeric_limits<std::int64_t>::max());
}

TEST(latency_histogram, a_bucket_is_at_most_a_quarter_of_its_lower_bound_wide) {
  std::mt19937_64 random(7);
  for (int i = 0; i < 100000; ++i) {
    const auto ms = static_cast<std::int64_t>(random() % (std::uint64_t{1} << 33));
    const std::size_t b = histogram::bucket_of(ms);
    ASSERT_LE(histogram::lower_bound(b), ms);
    ASSERT_GE(histogram::upper_bound(b), ms);
    ASSERT_LE(histogram::upper_bound(b) - histogram::lower_bound(b) + 1, std::max<std::int64_t>(1, histogram::lower_bound(b) / 4));
  }
}

TEST(latency_histogram, quantiles_are_the_upper_bound_of_the_bucket_of_that_rank) {
  histogram h;
  EXPECT_EQ(h.quantile(0.5), milliseconds(0)) << "nothing recorded";
  for (int ms = 1; ms <= 100; ++ms) h.record(milliseconds(ms));
  EXPECT_EQ(h.count(), 100U);
  EXPECT_EQ(h.sum_ms(), 5050U);
  // The 50th value is 50 ms, in [48, 55]; the 90th 90 ms, in [80, 95]; the 99th 99 ms, in [96, 111].
  EXPECT_EQ(h.quantile(0.5), milliseconds(55));
  EXPECT_EQ(h.quantile(0.9), milliseconds(95));
  EXPECT_EQ(h.quantile(0.99), milliseconds(111));
  EXPECT_EQ(h.quantile(1.0), milliseconds(111));
  EXPECT_EQ(h.quantile(0.001), milliseconds(1));
  EXPECT_EQ(h.quantile(0.0), milliseconds(0)) << "outside (0, 1]";
  EXPECT_EQ(h.quantile(1.5), milliseconds(0));
  EXPECT_EQ(h.quantile(std::nan("")), milliseconds(0));
}

TEST(latency_histogram, quantiles_are_within_a_quarter_of_the_exact_value) {
  std::mt19937_64 random(11);
  std::lognormal_distribution<double> seconds(0.0, 1.5);
  std::vector<std::int64_t> values;
  histogram h;
  for (int i = 0; i < 20000; ++i) {
    const auto ms = static_cast<std::int64_t>(seconds(random) * 1000.0);
    values.push_back(ms);
    h.record(milliseconds(ms));
  }
  std::sort(values.begin(), values.end());
  for (const double q : {0.5, 0.9, 0.99}) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    const std::int64_t exact = values[rank - 1];
    const std::int64_t read = h.quantile(q).count();
    EXPECT_GE(read, exact) << q;
    EXPECT_LE(static_cast<double>(read), std::max(3.0, 1.25 * static_cast<double>(exact))) << q;
  }
}

TEST(latency_histogram, merging_equals_recording_everything_in_one) {
  histogram a, b, all;
  std::mt19937_64 random(3);
  for (int i = 0; i < 5000; ++i) {
    const milliseconds ms(static_cast<std::int64_t>(random() % 200000));
    (i % 3 == 0 ? a : b).record(ms);
    all.record(ms);
  }
  histogram merged = a;
  merged.merge(b);
  EXPECT_EQ(merged, all);
  histogram other_order = b;
  other_order.merge(a);
  EXPECT_EQ(other_order, all);
}

TEST(latency_histogram, removing_what_was_recorded_restores_the_histogram) {
  histogram before;
  before.record(milliseconds(120));
  before.record(milliseconds(3));
  histogram h = before;
  h.record(milliseconds(4500));
  h.record(milliseconds(-20));
  EXPECT_EQ(h.count(), 4U);
  EXPECT_EQ(h.sum_ms(), 4623U) << "a negative latency adds 0";
  h.remove(milliseconds(4500));
  h.remove(milliseconds(-20));
  EXPECT_EQ(h, before);
}

}  // namespace
}  // namespace smstrack

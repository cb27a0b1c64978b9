// The latency histogram alone: recording a latency (what every ack and final receipt will cost
// the route-health indicators) and reading three quantiles.
#include <smstrack/model/latency_histogram.hpp>

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

namespace smstrack {
namespace {

std::vector<duration> sample_latencies() {
  std::mt19937_64 random(5);
  std::lognormal_distribution<double> seconds(0.0, 1.5);
  std::vector<duration> latencies(4096);
  for (duration& d : latencies) d = duration(static_cast<std::int64_t>(seconds(random) * 1000.0));
  return latencies;
}

void BM_latency_histogram_record(benchmark::State& state) {
  const std::vector<duration> latencies = sample_latencies();
  latency_histogram histogram;
  std::size_t next = 0;
  for (auto _ : state) {
    histogram.record(latencies[next]);
    next = (next + 1) & (latencies.size() - 1);
  }
  benchmark::DoNotOptimize(histogram.count());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_latency_histogram_record);

void BM_latency_histogram_quantiles(benchmark::State& state) {
  latency_histogram histogram;
  for (const duration d : sample_latencies()) histogram.record(d);
  for (auto _ : state) {
    benchmark::DoNotOptimize(histogram.quantile(0.5));
    benchmark::DoNotOptimize(histogram.quantile(0.9));
    benchmark::DoNotOptimize(histogram.quantile(0.99));
  }
}
BENCHMARK(BM_latency_histogram_quantiles);

}  // namespace
}  // namespace smstrack

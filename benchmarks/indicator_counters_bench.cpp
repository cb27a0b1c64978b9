// The incremental counters alone: one status change (remove + add) and a snapshot.
#include <smstrack/policy/indicator_counters.hpp>

#include <benchmark/benchmark.h>

namespace smstrack {
namespace {

void BM_indicator_counters_replace(benchmark::State& state) {
  indicator_counters counters;
  log_digest a{1, log_status::taken_into_account, failure_type::not_defined, failure_reason::not_defined, false, 0,
               from_unix_ms(1'795'435'200'000)};
  log_digest b{1, log_status::failed, failure_type::soft, failure_reason::unreachable, false, 0,
               from_unix_ms(1'795'435'260'000)};
  counters.add(a);
  for (auto _ : state) {
    counters.replace(a, b);
    std::swap(a, b);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_indicator_counters_replace);

void BM_indicator_counters_snapshot(benchmark::State& state) {
  indicator_counters counters;
  for (log_id id = 1; id <= 1000; ++id) {
    counters.add({id, id % 3 == 0 ? log_status::failed : log_status::received_on_mobile,
                  id % 3 == 0 ? failure_type::soft : failure_type::not_defined,
                  id % 3 == 0 ? failure_reason::unreachable : failure_reason::not_defined, false, 0,
                  from_unix_ms(1'795'435'200'000 + id * 1000)});
  }
  const delivery_counts counts{1000, 0, 0, 0, 0, 0, 0};
  for (auto _ : state) benchmark::DoNotOptimize(counters.snapshot(counts));
}
BENCHMARK(BM_indicator_counters_snapshot);

}  // namespace
}  // namespace smstrack

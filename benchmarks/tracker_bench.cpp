// The engine's hot paths on the in-memory store: log status updates, indicator reads and the
// recompute of every indicator from the logs.
#include "bench_support.hpp"

#include <benchmark/benchmark.h>

namespace smstrack::bench {
namespace {

// Status updates through tracker::update_logs, in batches, over a delivery of state.range(0)
// logs. Each batch moves 1 000 consecutive logs between pending and sent_to_provider (a
// legal move in both directions), so every change is read, decided, written and counted.
void BM_tracker_update_logs(benchmark::State& state) {
  const auto logs = static_cast<log_id>(state.range(0));
  const auto batch = static_cast<log_id>(state.range(1));
  started_delivery d(logs);
  std::vector<status_change> changes(batch);
  std::vector<change_outcome> outcomes(batch);
  std::vector<log_status> current(logs + 1, log_status::pending);
  log_id next = 1;
  for (auto _ : state) {
    for (log_id i = 0; i < batch; ++i) {
      const log_id id = next;
      next = next == logs ? 1 : next + 1;
      current[id] = current[id] == log_status::pending ? log_status::sent_to_provider : log_status::pending;
      changes[i] = {id, current[id]};
    }
    const auto summary = d.engine.update_logs(d.id, changes, outcomes);
    if (!summary || summary->applied != batch) state.SkipWithError("an update was not applied");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * batch);
}
BENCHMARK(BM_tracker_update_logs)->Args({1'000'000, 1'000})->Args({1'000'000, 100})->Unit(benchmark::kMicrosecond);

// Reading the indicators is O(1) in the number of logs: compare 1 000 and 1 000 000.
void BM_tracker_indicators_read(benchmark::State& state) {
  started_delivery d(static_cast<std::size_t>(state.range(0)));
  std::vector<status_change> some;
  for (log_id id = 1; id <= 500; ++id) {
    some.push_back({id, id % 5 == 0 ? log_status::failed : log_status::taken_into_account, failure_type::soft,
                    failure_reason::unreachable});
  }
  std::vector<change_outcome> outcomes(some.size());
  (void)d.engine.update_logs(d.id, some, outcomes).value();
  for (auto _ : state) benchmark::DoNotOptimize(d.engine.indicators_of(d.id));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_tracker_indicators_read)->Arg(1'000)->Arg(1'000'000);

// Recompute: every log digest read from the store and counted again.
void BM_tracker_recompute(benchmark::State& state) {
  started_delivery d(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(d.engine.recompute(d.id));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_tracker_recompute)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Analysis of a target into delivery logs (the foundation's exclusions: address check and
// deduplication), as a reference for later pipelines.
void BM_tracker_analyse(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<recipient> target;
  for (std::size_t i = 0; i < n; ++i) target.push_back({i + 1, "+" + std::to_string(33'600'000'000ULL + i), false});
  for (auto _ : state) {
    state.PauseTiming();
    auto d = std::make_unique<started_delivery>(0);
    const delivery_id id = d->engine.create_delivery({"b", "Hello", "ACME", {}}).value();
    state.ResumeTiming();
    benchmark::DoNotOptimize(d->engine.analyse(id, target));
    state.PauseTiming();
    d.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_tracker_analyse)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace smstrack::bench

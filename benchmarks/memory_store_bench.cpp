// The in-memory store: bytes per delivery log, and raw batch writes and reads through the port.
#include "bench_support.hpp"


#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

namespace smstrack::bench {
namespace {

// Memory of 1 000 000 logs, bare and with a provider id and a (shared) failure text each.
void BM_memory_store_log_bytes(benchmark::State& state) {
  const bool with_ids = state.range(0) != 0;
  double bytes_per_log = 0;
  for (auto _ : state) {
    memory_store store;
    const delivery_id d = store.deliveries().create({}).value();
    std::vector<delivery_log> logs;
    logs.reserve(1'000'000);
    for (log_id id = 1; id <= 1'000'000; ++id) {
      delivery_log log;
      log.delivery = d;
      log.id = id;
      log.address = phone_number::from_digits(33'600'000'000ULL + id).value();
      if (with_ids) {
        log.provider_id = "0A" + std::to_string(70'000'000 + id);
        log.text = "stat:DELIVRD err:000";
      }
      logs.push_back(std::move(log));
    }
    (void)store.logs().insert(d, logs).value();
    const log_memory_usage usage = store.log_memory();
    bytes_per_log = static_cast<double>(usage.bytes) / static_cast<double>(usage.logs);
  }
  state.counters["bytes_per_log"] = bytes_per_log;
}
BENCHMARK(BM_memory_store_log_bytes)->Arg(0)->Arg(1)->Iterations(1)->Unit(benchmark::kMillisecond);

// Compare-and-set updates straight through the log store port, 1 000 per call.
void BM_memory_store_update(benchmark::State& state) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  constexpr log_id logs = 1'000'000;
  (void)store.logs().insert(d, make_logs(d, 1, logs)).value();
  std::vector<log_update> changes(1000);
  std::vector<write_outcome> out(1000);
  std::vector<log_status> current(logs + 1, log_status::pending);
  log_id next = 1;
  for (auto _ : state) {
    for (auto& change : changes) {
      const log_id id = next;
      next = next == logs ? 1 : next + 1;
      const log_status to = current[id] == log_status::pending ? log_status::sent_to_provider : log_status::pending;
      change = log_update{id, current[id], to};
      current[id] = to;
    }
    (void)store.logs().update(d, changes, out).value();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1000);
}
BENCHMARK(BM_memory_store_update);

// Provider-id lookups of 1 000 ids per call, among 1 000 000 indexed ids.
void BM_memory_store_find_by_provider_ids(benchmark::State& state) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  auto logs = make_logs(d, 1, 1'000'000);
  for (auto& log : logs) log.provider_id = "0A" + std::to_string(70'000'000 + log.id);
  (void)store.logs().insert(d, logs).value();
  std::vector<std::string> ids;
  for (log_id id = 1; id <= 1000; ++id) ids.push_back("0A" + std::to_string(70'000'000 + id * 997));
  const std::vector<std::string_view> views(ids.begin(), ids.end());
  std::vector<std::optional<log_ref>> out(views.size());
  for (auto _ : state) (void)store.logs().find_by_provider_ids(views, out).value();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1000);
}
BENCHMARK(BM_memory_store_find_by_provider_ids);

// The same lookups as receipts bring them: each call asks for 1 000 other ids, in random order,
// so that the index lines and rows come from memory rather than from the cache.
void BM_memory_store_find_by_provider_ids_cold(benchmark::State& state) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  constexpr log_id logs_count = 1'000'000;
  auto logs = make_logs(d, 1, logs_count);
  for (auto& log : logs) log.provider_id = "0A" + std::to_string(70'000'000 + log.id);
  (void)store.logs().insert(d, logs).value();
  std::vector<std::string> ids;
  ids.reserve(logs_count);
  for (log_id id = 1; id <= logs_count; ++id) ids.push_back("0A" + std::to_string(70'000'000 + id));
  std::shuffle(ids.begin(), ids.end(), std::mt19937(5));
  const std::vector<std::string_view> views(ids.begin(), ids.end());
  std::vector<std::optional<log_ref>> out(1000);
  std::size_t at = 0;
  for (auto _ : state) {
    (void)store.logs().find_by_provider_ids(std::span(views).subspan(at, 1000), out).value();
    at = at + 2000 > views.size() ? 0 : at + 1000;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1000);
}
BENCHMARK(BM_memory_store_find_by_provider_ids_cold);

}  // namespace
}  // namespace smstrack::bench

// The storage adapters side by side, in batches of 1 000: log status updates (compare-and-set),
// receipt ingestion (provider-id lookup, then a compare-and-set update carrying the receipt
// text) and the provider-id lookup alone, on the in-memory store, SQLite (a temporary file, both
// durability levels) and PostgreSQL (SMSTRACK_BENCH_POSTGRES, else a throwaway server); and
// BM_durable_ingest (durable_ingest_bench.cpp) through the tracker on each of them.
#include "adapter_stores.hpp"
#include "bench_support.hpp"
#include "durable_ingest_bench.hpp"

#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace smstrack;

constexpr log_id delivery_logs = 100'000;
constexpr std::size_t batch = 1'000;
constexpr std::string_view receipt_text =
    "id:0123456789 sub:001 dlvrd:001 submit date:2611240830 done date:2611240831 stat:DELIVRD err:000 text:";

std::string provider_id_of(log_id log) { return "SMSC-" + std::to_string(900'000'000 + log); }

// A store holding one delivery of `delivery_logs` acknowledged logs (status sent_to_provider,
// each with its provider id), and the status each log has now.
struct loaded_store {
  std::unique_ptr<bench::bench_store> opened;
  storage* store = nullptr;
  delivery_id id = 0;
  std::vector<log_status> status;
  std::vector<std::string> provider_ids;
  log_id next = 1;

  explicit loaded_store(std::unique_ptr<bench::bench_store> s)
      : opened(std::move(s)), store(opened->store.get()), status(delivery_logs + 1, log_status::sent_to_provider) {
    delivery d;
    d.label = "benchmark";
    id = store->deliveries().create(d).value();
    for (log_id first = 1; first <= delivery_logs; first += 10'000) {
      auto logs = bench::make_logs(id, first, 10'000);
      for (delivery_log& log : logs) {
        log.status = log_status::sent_to_provider;
        log.provider_id = provider_id_of(log.id);
      }
      store->logs().insert(id, logs).value();
    }
    for (log_id log = 0; log <= delivery_logs; ++log) provider_ids.push_back(provider_id_of(log));
  }

  // The next `batch` log ids, wrapping around the delivery.
  log_id take_batch() {
    const log_id first = next;
    next = next + batch > delivery_logs ? 1 : next + static_cast<log_id>(batch);
    return first;
  }
  log_update flip(log_id log, std::string_view text = {}) {
    const log_status to = status[log] == log_status::sent_to_provider ? log_status::received_on_mobile
                                                                      : log_status::sent_to_provider;
    log_update u;
    u.id = log;
    u.expected = status[log];
    u.status = to;
    u.updated = from_unix_ms(1'795'435'200'000 + log);
    u.text = text;
    status[log] = to;
    return u;
  }
};

using store_factory = std::function<std::unique_ptr<loaded_store>()>;

void status_updates(benchmark::State& state, const store_factory& make) {
  auto loaded = make();
  std::vector<log_update> changes(batch);
  std::vector<write_outcome> out(batch);
  for (auto _ : state) {
    const log_id first = loaded->take_batch();
    for (std::size_t i = 0; i < batch; ++i) changes[i] = loaded->flip(first + static_cast<log_id>(i));
    loaded->store->logs().update(loaded->id, changes, out).value();
    if (out.front() != write_outcome::applied) state.SkipWithError("a compare-and-set did not apply");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
  state.counters["updates/s"] = benchmark::Counter(static_cast<double>(state.iterations() * batch),
                                                   benchmark::Counter::kIsRate);
}

void receipt_ingestion(benchmark::State& state, const store_factory& make) {
  auto loaded = make();
  std::vector<std::string_view> wanted(batch);
  std::vector<std::optional<log_ref>> found(batch);
  std::vector<log_update> changes(batch);
  std::vector<write_outcome> out(batch);
  for (auto _ : state) {
    const log_id first = loaded->take_batch();
    for (std::size_t i = 0; i < batch; ++i) wanted[i] = loaded->provider_ids[first + i];
    loaded->store->logs().find_by_provider_ids(wanted, found).value();
    for (std::size_t i = 0; i < batch; ++i) changes[i] = loaded->flip(found[i]->log, receipt_text);
    loaded->store->logs().update(loaded->id, changes, out).value();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
  state.counters["receipts/s"] = benchmark::Counter(static_cast<double>(state.iterations() * batch),
                                                    benchmark::Counter::kIsRate);
}

void provider_id_lookup(benchmark::State& state, const store_factory& make) {
  auto loaded = make();
  std::vector<std::string_view> wanted(batch);
  std::vector<std::optional<log_ref>> found(batch);
  for (auto _ : state) {
    const log_id first = loaded->take_batch();
    for (std::size_t i = 0; i < batch; ++i) wanted[i] = loaded->provider_ids[first + i];
    loaded->store->logs().find_by_provider_ids(wanted, found).value();
    benchmark::DoNotOptimize(found.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
}

void register_store(const std::string& name, const store_factory& make) {
  benchmark::RegisterBenchmark(("BM_status_updates/" + name).c_str(), status_updates, make)->UseRealTime();
  benchmark::RegisterBenchmark(("BM_receipt_ingestion/" + name).c_str(), receipt_ingestion, make)->UseRealTime();
  benchmark::RegisterBenchmark(("BM_provider_id_lookup/" + name).c_str(), provider_id_lookup, make)->UseRealTime();
}

}  // namespace

int main(int argc, char** argv) {
  const bench::bench_postgres_server server;
  const std::vector<std::pair<std::string, bench::store_opener>> stores = [&] {
    std::vector<std::pair<std::string, bench::store_opener>> all = {
        {"memory", [] { return std::make_unique<bench::bench_store>(std::make_unique<memory_store>(), nullptr); }},
        {"sqlite", [] { return bench::open_sqlite(sqlite_durability::process_crash); }},
        {"sqlite_power_loss", [] { return bench::open_sqlite(sqlite_durability::power_loss); }},
    };
    if (!server.conninfo().empty()) {
      all.emplace_back("postgres", [conninfo = server.conninfo()] { return bench::open_postgres(conninfo); });
    }
    return all;
  }();
  for (const auto& [name, open] : stores) {
    register_store(name, [open] { return std::make_unique<loaded_store>(open()); });
    bench::register_durable_ingest(name, open);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

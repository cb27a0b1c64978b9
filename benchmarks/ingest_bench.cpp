// End-to-end receipt ingestion on the in-memory store: parse -> find the log by provider id ->
// classify -> qualify -> quarantine -> log update -> indicators, with 1 000 000 messages in
// flight and their receipts in random order. Each benchmark run applies every receipt once.
#include <smstrack/engine/tracker.hpp>
#include <smstrack/store/memory_store.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>

namespace smstrack::bench {
namespace {

constexpr std::size_t in_flight = 1'000'000;
constexpr std::size_t batch = 1'000;

std::string provider_id_of(log_id log) { return "7F" + std::to_string(10'000'000 + log); }  // 10 characters

// `in_flight` acknowledged messages spread over `deliveries` deliveries, and one receipt per
// message in random order: 90 % delivered, 7 % undeliverable (four error codes), 3 %
// intermediate (ENROUTE) with no final receipt.
struct ingest_fixture {
  memory_store store;
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine{store, clock};
  std::vector<std::string> texts;
  std::size_t bytes_per_message = 0;

  explicit ingest_fixture(std::size_t deliveries) {
    const std::size_t per_delivery = in_flight / deliveries;
    log_id first_message = 1;
    for (std::size_t d = 0; d < deliveries; ++d) start_and_ack(per_delivery, first_message);
    bytes_per_message = store.log_memory().bytes / in_flight;
    make_receipts(first_message - 1);
  }

 private:
  // A started delivery whose logs carry messages first_message.. (numbered across deliveries).
  void start_and_ack(std::size_t logs, log_id& first_message) {
    delivery_draft draft{"benchmark", "Hello", "ACME", {}};
    draft.settings.connector = "smpp-bench";
    const delivery_id id = engine.create_delivery(draft).value();
    std::vector<recipient> target;
    target.reserve(logs);
    for (std::size_t i = 0; i < logs; ++i) {
      target.push_back({first_message + i, "+" + std::to_string(33'600'000'000ULL + first_message + i), false});
    }
    (void)engine.analyse(id, target).value();
    engine.start(id, "benchmark").value();
    std::vector<message_ack> acks;
    std::vector<ack_outcome> outcomes(batch);
    std::vector<std::string> ids;
    for (log_id first = 1; first <= logs; first += batch) {
      acks.clear();
      ids.clear();
      const log_id last = std::min<log_id>(static_cast<log_id>(logs), first + batch - 1);
      for (log_id log = first; log <= last; ++log) ids.push_back(provider_id_of(first_message + log - 1));
      for (log_id log = first; log <= last; ++log) acks.push_back({log, ids[log - first], 0, false});
      (void)engine.on_ack(id, acks, std::span(outcomes).first(acks.size())).value();
    }
    first_message += static_cast<log_id>(logs);
  }

  // Receipts come in random order of their messages, each in its own freshly received buffer:
  // the texts are laid out in arrival order.
  void make_receipts(log_id messages) {
    std::mt19937 random(42);
    std::vector<log_id> arrival(messages);
    for (log_id m = 1; m <= messages; ++m) arrival[m - 1] = m;
    std::shuffle(arrival.begin(), arrival.end(), random);
    texts.reserve(messages);
    const char* errors[] = {"001", "034", "254", "0x0B"};
    for (const log_id m : arrival) {
      const auto roll = static_cast<unsigned>(random() % 100);
      const std::string stat = roll < 90   ? "DELIVRD err:000"
                               : roll < 97 ? std::string("UNDELIV err:") + errors[roll % 4]
                                           : "ENROUTE err:000";
      texts.push_back("id:" + provider_id_of(m) + " sub:001 dlvrd:001 submit date:2611240830 done date:2611240831 stat:" +
                      stat + " text:Hello");
    }
  }
};

// Ingests texts[begin, end) in batches; false on any error.
bool ingest(tracker& engine, const std::vector<std::string>& texts, std::size_t begin, std::size_t end) {
  std::vector<incoming_receipt> receipts(batch);
  std::vector<receipt_outcome> outcomes(batch);
  for (std::size_t at = begin; at < end; at += batch) {
    const std::size_t n = std::min(batch, end - at);
    for (std::size_t i = 0; i < n; ++i) receipts[i] = {texts[at + i], {}};
    const auto done = engine.on_receipts("smpp-bench", std::span(receipts).first(n), std::span(outcomes).first(n));
    if (!done || (*done)[receipt_outcome::applied] + (*done)[receipt_outcome::intermediate] != n) return false;
  }
  return true;
}

// state.range(0) threads share the receipts of messages spread over state.range(1) deliveries;
// each run starts from freshly acknowledged messages. With state.range(2) = 1 the first thread
// is the benchmark's own (the process's main thread, which allocates from glibc's main arena);
// with 0 every thread is started for the run, as a gateway's receiving threads usually are.
void BM_ingest(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  const auto deliveries = static_cast<std::size_t>(state.range(1));
  const bool on_main = state.range(2) == 1;
  std::size_t bytes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto fixture = std::make_unique<ingest_fixture>(deliveries);
    bytes = fixture->bytes_per_message;
    state.ResumeTiming();
    std::vector<std::thread> workers;
    std::atomic<bool> ok{true};
    const std::size_t share = in_flight / threads;
    const auto work = [&](std::size_t t) {
      const std::size_t end = t + 1 == threads ? in_flight : (t + 1) * share;
      if (!ingest(fixture->engine, fixture->texts, t * share, end)) ok = false;
    };
    for (std::size_t t = on_main ? 1 : 0; t < threads; ++t) workers.emplace_back(work, t);
    if (on_main) work(0);
    for (std::thread& w : workers) w.join();
    state.PauseTiming();
    if (!ok) state.SkipWithError("a receipt was not applied");
    fixture.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in_flight));
  state.counters["bytes_per_message"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ingest)
    ->ArgNames({"threads", "deliveries", "on_main"})
    ->Args({1, 1, 1})
    ->Args({2, 1, 1})
    ->Args({1, 4, 1})
    ->Args({2, 4, 1})
    ->Args({1, 1, 0})
    ->Args({2, 1, 0})
    ->Iterations(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace smstrack::bench

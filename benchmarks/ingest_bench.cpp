// End-to-end receipt ingestion on the in-memory store: parse -> find the log by provider id ->
// classify -> qualify -> quarantine -> log update -> indicators, with 1 000 000 messages in
// flight and their receipts in random order. Each benchmark run applies every receipt once.
#include "bench_support.hpp"

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

// A delivery of `in_flight` acknowledged messages, and one receipt per message in random
// order: 90 % delivered, 7 % undeliverable (four error codes), 3 % intermediate then nothing.
struct ingest_fixture {
  started_delivery delivery{in_flight, "smpp-bench"};
  std::vector<std::string> texts;
  std::size_t bytes_per_message = 0;

  ingest_fixture() {
    std::vector<message_ack> acks;
    std::vector<ack_outcome> outcomes(batch);
    std::vector<std::string> ids;
    ids.reserve(batch);
    for (log_id first = 1; first <= in_flight; first += batch) {
      acks.clear();
      ids.clear();
      for (log_id log = first; log < first + batch; ++log) ids.push_back(provider_id_of(log));
      for (log_id log = first; log < first + batch; ++log) acks.push_back({log, ids[log - first], 0, false});
      (void)delivery.engine.on_ack(delivery.id, acks, outcomes).value();
    }
    bytes_per_message = delivery.store.log_memory().bytes / in_flight;
    // Receipts come in random order of their messages, each in its own freshly received buffer:
    // the texts are laid out in arrival order.
    std::mt19937 random(42);
    std::vector<log_id> arrival(in_flight);
    for (log_id log = 1; log <= in_flight; ++log) arrival[log - 1] = log;
    std::shuffle(arrival.begin(), arrival.end(), random);
    texts.reserve(in_flight);
    const char* errors[] = {"001", "034", "254", "0x0B"};
    for (const log_id log : arrival) {
      const auto roll = static_cast<unsigned>(random() % 100);
      const std::string stat = roll < 90 ? "DELIVRD err:000" : roll < 97 ? std::string("UNDELIV err:") + errors[roll % 4] : "ENROUTE err:000";
      texts.push_back("id:" + provider_id_of(log) + " sub:001 dlvrd:001 submit date:2611240830 done date:2611240831 stat:" +
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

// state.range(0) threads share the receipts; each run starts from freshly acknowledged messages.
void BM_ingest(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto fixture = std::make_unique<ingest_fixture>();
    bytes = fixture->bytes_per_message;
    state.ResumeTiming();
    std::vector<std::thread> workers;
    std::atomic<bool> ok{true};
    const std::size_t share = in_flight / threads;
    for (std::size_t t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        const std::size_t end = t + 1 == threads ? in_flight : (t + 1) * share;
        if (!ingest(fixture->delivery.engine, fixture->texts, t * share, end)) ok = false;
      });
    }
    for (std::thread& w : workers) w.join();
    state.PauseTiming();
    if (!ok) state.SkipWithError("a receipt was not applied");
    fixture.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in_flight));
  state.counters["bytes_per_message"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ingest)->Arg(1)->Arg(2)->Iterations(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace smstrack::bench

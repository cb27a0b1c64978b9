// BM_durable_ingest: what a gateway does with one delivery of 200 000 messages, on each store,
// through the tracker: the acks in log order, then the receipts in random order (90 % DELIVRD,
// 10 % UNDELIV with one of four error codes), in batches of 1 000; acks and receipts timed apart.
#include "durable_ingest_bench.hpp"

#include <smstrack/engine/tracker.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

namespace smstrack::bench {
namespace {

constexpr std::size_t messages = 200'000;
constexpr std::size_t batch = 1'000;

std::string provider_id_of(std::size_t message) { return "7F" + std::to_string(10'000'000 + message); }

// A started delivery of `messages` logs on a fresh store, its provider ids and its receipts.
class durable_run {
 public:
  explicit durable_run(std::unique_ptr<bench_store> opened) : store_(std::move(opened)) {
    delivery_draft draft{"durable ingest", "Hello", "ACME", {}};
    draft.settings.connector = "smpp-bench";
    id_ = engine_.create_delivery(draft).value();
    std::vector<recipient> target;
    target.reserve(messages);
    for (std::size_t i = 0; i < messages; ++i) {
      target.push_back({i + 1, "+" + std::to_string(33'600'000'000ULL + i), false});
      ids_.push_back(provider_id_of(i + 1));
    }
    (void)engine_.analyse(id_, target).value();
    engine_.start(id_, "benchmark").value();
    make_receipts();
  }

  bool ack_all() {
    std::vector<message_ack> acks;
    std::vector<ack_outcome> outcomes(batch);
    for (std::size_t first = 0; first < messages; first += batch) {
      acks.clear();
      const std::size_t n = std::min(batch, messages - first);
      for (std::size_t i = first; i < first + n; ++i) acks.push_back({static_cast<log_id>(i + 1), ids_[i], 0, false});
      if (!engine_.on_ack(id_, acks, std::span(outcomes).first(n))) return false;
      if (std::any_of(outcomes.begin(), outcomes.begin() + static_cast<std::ptrdiff_t>(n),
                      [](ack_outcome o) { return o != ack_outcome::accepted; })) {
        return false;
      }
    }
    return true;
  }

  bool receive_all() {
    std::vector<incoming_receipt> receipts(batch);
    std::vector<receipt_outcome> outcomes(batch);
    for (std::size_t first = 0; first < messages; first += batch) {
      const std::size_t n = std::min(batch, messages - first);
      for (std::size_t i = 0; i < n; ++i) receipts[i] = {texts_[first + i], {}};
      const auto done = engine_.on_receipts("smpp-bench", std::span(receipts).first(n), std::span(outcomes).first(n));
      if (!done || (*done)[receipt_outcome::applied] != n) return false;
    }
    return true;
  }

 private:
  void make_receipts() {
    std::mt19937 random(19);
    std::vector<std::size_t> arrival(messages);
    for (std::size_t m = 0; m < messages; ++m) arrival[m] = m + 1;
    std::shuffle(arrival.begin(), arrival.end(), random);
    const char* errors[] = {"001", "034", "254", "0x0B"};
    texts_.reserve(messages);
    for (const std::size_t m : arrival) {
      const auto roll = static_cast<unsigned>(random() % 100);
      const std::string stat = roll < 90 ? "DELIVRD err:000" : std::string("UNDELIV err:") + errors[roll % 4];
      texts_.push_back("id:" + provider_id_of(m) + " sub:001 dlvrd:001 submit date:2611240830 done date:2611240831 stat:" +
                       stat + " text:Hello");
    }
  }

  std::unique_ptr<bench_store> store_;
  manual_clock clock_{from_unix_ms(1'795'435'200'000)};
  tracker engine_{*store_->store, clock_};
  delivery_id id_ = 0;
  std::vector<std::string> ids_;
  std::vector<std::string> texts_;
};

void count(benchmark::State& state, const char* rate_name) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * messages));
  state.counters[rate_name] =
      benchmark::Counter(static_cast<double>(state.iterations() * messages), benchmark::Counter::kIsRate);
}

void durable_acks(benchmark::State& state, const store_opener& open) {
  for (auto _ : state) {
    state.PauseTiming();
    auto run = std::make_unique<durable_run>(open());
    state.ResumeTiming();
    if (!run->ack_all()) state.SkipWithError("an ack was not applied");
    state.PauseTiming();
    run.reset();
    state.ResumeTiming();
  }
  count(state, "acks/s");
}

void durable_receipts(benchmark::State& state, const store_opener& open) {
  for (auto _ : state) {
    state.PauseTiming();
    auto run = std::make_unique<durable_run>(open());
    if (!run->ack_all()) state.SkipWithError("an ack was not applied");
    state.ResumeTiming();
    if (!run->receive_all()) state.SkipWithError("a receipt was not applied");
    state.PauseTiming();
    run.reset();
    state.ResumeTiming();
  }
  count(state, "receipts/s");
}

}  // namespace

void register_durable_ingest(const std::string& store_name, const store_opener& open) {
  const std::string prefix = "BM_durable_ingest/" + store_name;
  benchmark::RegisterBenchmark((prefix + "/acks").c_str(), durable_acks, open)
      ->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark((prefix + "/receipts").c_str(), durable_receipts, open)
      ->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
}

}  // namespace smstrack::bench

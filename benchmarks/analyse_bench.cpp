// Targeting (SPEC §8): normalizing written numbers to E.164, and the analysis of a realistic
// target of 1 M recipients on the in-memory store.
#include <smstrack/engine/tracker.hpp>
#include <smstrack/model/numbering_plan.hpp>
#include <smstrack/store/memory_store.hpp>

#include <benchmark/benchmark.h>

#include <malloc.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace smstrack::bench {
namespace {

// French mobile numbers written the ways targets hold them.
std::string written(std::uint64_t national, int style) {
  const std::string digits = std::to_string(national);  // 9 digits, "6xxxxxxxx"
  const auto grouped = [&](char separator) {
    std::string out = "0" + digits.substr(0, 1);
    for (std::size_t i = 1; i < digits.size(); i += 2) out += separator + digits.substr(i, 2);
    return out;
  };
  switch (style % 5) {
    case 0: return "+33" + digits;
    case 1: return "0" + digits;
    case 2: return grouped(' ');
    case 3: return grouped('.');
    default: return "0033 " + digits;
  }
}

void BM_normalize(benchmark::State& state) {
  const address_normalizer normalizer = address_normalizer::make({"33", "0", "00"}).value();
  std::mt19937_64 random(1);
  std::vector<std::string> texts;
  for (int i = 0; i < 4096; ++i) texts.push_back(written(600'000'000 + random() % 100'000'000, i));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(normalizer.normalize(texts[i++ & 4095]));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_normalize);

// 1 M recipients: 3 % duplicates, 2 % quarantined, 1 % denylisted, 1 % invalid addresses, a
// pressure rule against an earlier delivery that wrote to 10 % of them, and a 5 % control group.
struct analysis_setup {
  memory_store store;
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine{store, clock};
  std::vector<recipient> target;
  typology rules;
  delivery_id id = 0;

  explicit analysis_setup(std::size_t n) {
    std::mt19937_64 random(7);
    const auto national = [](std::size_t i) { return 600'000'000 + i * 37; };
    target.reserve(n);
    std::vector<recipient> earlier;
    std::vector<quarantine_entry> entries;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t roll = random() % 100;
      recipient r{i + 1, written(national(i), static_cast<int>(i)), false};
      if (roll < 3 && i > 0) r.address = written(national(random() % i), static_cast<int>(i) + 1);  // duplicate
      else if (roll < 4) r.address = "06 12 3" + std::to_string(i);                               // invalid
      else if (roll < 7) {                                                                          // quarantine
        quarantine_entry entry;
        entry.address = phone_number::from_digits(33'000'000'000ULL + national(i)).value();
        entry.status = roll < 6 ? quarantine_status::quarantine : quarantine_status::denylisted;
        entries.push_back(entry);
      }
      if (roll >= 10 && roll < 20) earlier.push_back({i + 1, r.address, false});
      target.push_back(std::move(r));
    }
    store.quarantine().upsert(entries).value();
    const delivery_id before = engine.create_delivery({"earlier", "Hello", "ACME", {}}).value();
    (void)engine.analyse(before, earlier).value();
    clock.advance(std::chrono::hours{24});
    rules.numbering = {"33", "0", "00"};
    rules.pressure.push_back({"one every two days", 1, std::chrono::hours{48}});
    rules.control.percent = 5;
    rules.seed = 11;
    id = engine.create_delivery({"benchmark", "Hello", "ACME", {}}).value();
  }
};

// A field of /proc/self/status in KiB ("VmRSS", "VmHWM"), or -1.
long status_kib(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

// The peak resident memory the first analysis adds: free memory goes back to the system
// (glibc's malloc_trim), then the high-water mark is reset (Linux /proc/self/clear_refs, "5")
// before the analysis runs. Leaves the delivery back in editing.
double analysis_peak_bytes(analysis_setup& setup) {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
  const long before = status_kib("VmRSS");
  (void)setup.engine.analyse(setup.id, setup.target, setup.rules).value();
  const long peak = status_kib("VmHWM");
  setup.engine.reopen(setup.id).value();
  return before < 0 || peak < 0 ? -1.0 : static_cast<double>(peak - before) * 1024.0;
}

void BM_analyse(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  analysis_setup setup(n);
  const double peak_bytes = analysis_peak_bytes(setup);
  analysis_report report;
  for (auto _ : state) {
    report = setup.engine.analyse(setup.id, setup.target, setup.rules).value();
    state.PauseTiming();
    setup.engine.reopen(setup.id).value();  // the next iteration analyses a delivery in editing
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.counters["rejected_pct"] = 100.0 * static_cast<double>(report.rejected) / static_cast<double>(n);
  state.counters["peak_B_per_recipient"] = peak_bytes / static_cast<double>(n);
  const log_memory_usage logs = setup.store.log_memory();
  state.counters["log_B_per_message"] = static_cast<double>(logs.bytes) / static_cast<double>(logs.logs);
}
BENCHMARK(BM_analyse)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace smstrack::bench

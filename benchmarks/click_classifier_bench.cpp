// Click classification alone: what each click on a tracking link costs before it is stored.
// A mix as a tracking host sees it: mostly phones' browsers (which scan the whole user agent and
// every shape, the slowest path), then preview fetchers, scanners and bots.
#include <smstrack/tracking/click_classifier.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <string_view>

namespace smstrack {
namespace {

using namespace std::chrono_literals;

constexpr std::array<std::string_view, 10> agents = {
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1.2 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 "
    "Chrome/115.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/117.0.0.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/435.0.0.41.109;]",
    "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0",
    "WhatsApp/2.23.20.0 A",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 "
    "Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "python-requests/2.31.0",
};

void BM_classify_click(benchmark::State& state) {
  std::size_t next = 0;
  for (auto _ : state) {
    auto verdict = classify_click({agents[next], "GET", 30s, click_network::unknown});
    benchmark::DoNotOptimize(verdict);
    next = next + 1 == agents.size() ? 0 : next + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_classify_click);

// The slowest path alone: a phone's browser, read to its end.
void BM_classify_click_browser(benchmark::State& state) {
  for (auto _ : state) {
    auto verdict = classify_click({agents[0], "GET", 30s, click_network::unknown});
    benchmark::DoNotOptimize(verdict);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_classify_click_browser);

}  // namespace
}  // namespace smstrack

// Tracking tokens: signing (one per tracked link of each message) and verifying (one per click).
#include <smstrack/tracking/tracking_token.hpp>

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

const smstrack::token_signer& signer() {
  static const smstrack::token_signer instance =
      smstrack::token_signer::make(smstrack::make_tracking_key(3, "8f1e2d3c4b5a69788796a5b4c3d2e1f0").value()).value();
  return instance;
}

void BM_token_sign(benchmark::State& state) {
  std::string token;
  smstrack::log_id log = 1;
  for (auto _ : state) {
    token.clear();
    signer().sign({42, log++, 2}, token);
    benchmark::DoNotOptimize(token.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_token_sign);

void BM_token_verify(benchmark::State& state) {
  std::vector<std::string> tokens;
  for (smstrack::log_id log = 1; log <= 4096; ++log) tokens.push_back(signer().sign({42, log * 997, 2}));
  std::size_t i = 0;
  for (auto _ : state) {
    auto fields = signer().verify(tokens[i++ % tokens.size()]);
    benchmark::DoNotOptimize(fields);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_token_verify);

}  // namespace

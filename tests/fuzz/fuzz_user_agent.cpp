// Click classification of arbitrary user agents, methods, delays and networks: nothing crashes,
// a user agent matches the same fetcher or pattern whatever its ASCII case, a match is reported
// by its class, and the verdict follows the rules' order (the user agent first, then the method,
// the network, the prefetch window).
#include <smstrack/tracking/click_classifier.hpp>

#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <string>

namespace {

using namespace smstrack;

std::string flip_case(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    else if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// "" or GET in any case.
bool reads_as_get(std::string_view method) {
  std::string lower(method);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower.empty() || lower == "get";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string method = in.ConsumeRandomLengthString(8);
  const auto network = static_cast<click_network>(in.ConsumeIntegralInRange<int>(0, 2));
  const auto after_ack = duration(in.ConsumeIntegralInRange<std::int64_t>(-5'000, 5'000));
  const std::string agent = in.ConsumeRemainingBytesAsString();

  const auto match = match_user_agent(agent);
  FUZZ_CHECK(match == match_user_agent(flip_case(agent)));
  FUZZ_CHECK(!match || (match->kind != click_class::human && match->kind != click_class::prefetch));
  FUZZ_CHECK(!match || !match->name.empty());

  const auto verdict = classify_click({agent, method, after_ack, network});
  if (!verdict) {
    FUZZ_CHECK(verdict.error() == errc::invalid_argument);
    return 0;
  }
  FUZZ_CHECK((verdict->kind == click_class::human) == verdict->why.empty());
  if (match) {
    FUZZ_CHECK(verdict->kind == match->kind);
  } else if (!reads_as_get(method)) {
    FUZZ_CHECK(verdict->kind == click_class::crawler);
  } else if (network == click_network::data_centre) {
    FUZZ_CHECK(verdict->kind == click_class::security_scanner);
  } else {
    const bool within = after_ack > -std::chrono::seconds(2) && after_ack < std::chrono::seconds(2);
    FUZZ_CHECK(verdict->kind == (within ? click_class::prefetch : click_class::human));
  }
  return 0;
}

// Provider-id normalization in every mode: a key is never empty, never over 64 characters, valid
// UTF-8 without NUL; decimal and hex_number keys are canonical decimal numbers that normalize to
// themselves; one number written in hex and in decimal gives one key and denotes the same number.
#include <smstrack/receipts/provider_key.hpp>
#include <smstrack/text/utf8.hpp>

#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace {

using namespace smstrack;

bool canonical_decimal(std::string_view key) {
  if (key.empty() || (key.size() > 1 && key.front() == '0')) return false;
  for (const char c : key) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void check_mode(std::string_view raw, id_normalization how) {
  const auto key = normalize_provider_id(raw, how);
  if (!key) {
    FUZZ_CHECK(key.error() == errc::invalid_receipt && !key.error().detail().empty());
    return;
  }
  const std::string_view k = key->view();
  FUZZ_CHECK(!k.empty() && k.size() <= provider_key::capacity && is_valid_utf8(k));
  FUZZ_CHECK(k.find('\0') == std::string_view::npos);
  switch (how) {
    case id_normalization::as_is: FUZZ_CHECK(k == raw); break;
    case id_normalization::decimal:
    case id_normalization::hex_number: {
      FUZZ_CHECK(canonical_decimal(k));
      const auto again = normalize_provider_id(k, id_normalization::decimal);
      FUZZ_CHECK(again && *again == *key);
      FUZZ_CHECK(ids_denote_same_number(raw, k));
      break;
    }
    case id_normalization::hex_string: FUZZ_CHECK(k.size() * 2 <= raw.size()); break;
  }
}

// One 64-bit number, written in hex (any case, leading zeros, blanks around) and in decimal.
void check_one_number(FuzzedDataProvider& in) {
  const auto number = in.ConsumeIntegral<std::uint64_t>();
  const int zeros = in.ConsumeIntegralInRange<int>(0, 3);
  char hex[40];
  char decimal[40];
  std::snprintf(hex, sizeof hex, in.ConsumeBool() ? " %0*llX" : "%0*llx", zeros + 1, static_cast<unsigned long long>(number));
  std::snprintf(decimal, sizeof decimal, "%0*llu ", zeros + 1, static_cast<unsigned long long>(number));
  const auto from_hex = normalize_provider_id(hex, id_normalization::hex_number);
  const auto from_decimal = normalize_provider_id(decimal, id_normalization::decimal);
  FUZZ_CHECK(from_hex && from_decimal && *from_hex == *from_decimal);
  FUZZ_CHECK(from_decimal->view() == std::to_string(number));
  FUZZ_CHECK(ids_denote_same_number(hex, decimal));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  check_one_number(in);
  const std::string raw = in.ConsumeRemainingBytesAsString();
  for (const id_normalization how : {id_normalization::as_is, id_normalization::decimal, id_normalization::hex_number,
                                     id_normalization::hex_string}) {
    check_mode(raw, how);
  }
  return 0;
}

// Tracking tokens: a signed token verifies to what was signed, with the announced length and key
// id; the same token with any byte changed, cut or lengthened never verifies; another key never
// verifies it; and arbitrary text verifies only if it is exactly the token of what it names.
#include <smstrack/tracking/tracking_token.hpp>

#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <string>

namespace {

using namespace smstrack;

token_signer signer(std::uint32_t id, const char* secret_hex) {
  return token_signer::make(make_tracking_key(id, secret_hex).value()).value();
}

const token_signer& current() {
  static const token_signer s = signer(7, "00112233445566778899aabbccddeeff");
  return s;
}
const token_signer& other() {
  static const token_signer s = signer(8, "00112233445566778899aabbccddeef0");
  return s;
}

void check_refused(std::string_view token) {
  const auto verified = current().verify(token);
  FUZZ_CHECK(!verified && verified.error() == errc::invalid_token);
}

void check_signed(FuzzedDataProvider& in) {
  const token_fields fields{in.ConsumeIntegral<delivery_id>(), in.ConsumeIntegral<log_id>(), in.ConsumeIntegral<url_id>()};
  const std::string token = current().sign(fields);
  FUZZ_CHECK(token.size() == current().token_length(fields) && token.size() <= max_token_length);
  FUZZ_CHECK(current().verify(token).value() == fields);
  FUZZ_CHECK(token_key_id(token).value() == 7);
  FUZZ_CHECK(!other().verify(token));

  std::string changed = token;
  const std::size_t at = in.ConsumeIntegralInRange<std::size_t>(0, token.size() - 1);
  const auto byte = in.ConsumeIntegral<char>();
  if (changed[at] != byte) {
    changed[at] = byte;
    check_refused(changed);
  }
  check_refused(std::string_view(token).substr(0, in.ConsumeIntegralInRange<std::size_t>(0, token.size() - 1)));
  check_refused(token + static_cast<char>(in.ConsumeIntegral<char>()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  check_signed(in);
  const std::string text = in.ConsumeRemainingBytesAsString();
  const auto verified = current().verify(text);
  if (verified) {
    FUZZ_CHECK(current().sign(*verified) == text);
  } else {
    FUZZ_CHECK(verified.error() == errc::invalid_token && !verified.error().detail().empty());
  }
  if (const auto key = token_key_id(text); !key) FUZZ_CHECK(key.error() == errc::invalid_token);
  return 0;
}

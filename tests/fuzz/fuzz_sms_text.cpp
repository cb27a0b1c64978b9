// Segment counting, encoding detection and transliteration, checked against a count made here
// character by character: a text is GSM-7 exactly when every character has a GSM-7 cost, its
// units are the septets, octets or UTF-16 units of its encoding, parts are at least 1 and as many
// as the units need; transliteration leaves only GSM-7 characters or characters without a
// look-alike, and transliterating twice changes nothing more.
#include <smstrack/text/sms_encoding.hpp>
#include <smstrack/text/transliteration.hpp>
#include <smstrack/text/utf8.hpp>

#include "fuzz_check.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace smstrack;

// The code points of valid UTF-8 (decoded here, independently of the library).
std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t cp = length == 1 ? lead : length == 2 ? lead & 0x1Fu : length == 3 ? lead & 0x0Fu : lead & 0x07u;
    for (std::size_t k = 1; k < length; ++k) cp = cp << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    out.push_back(cp);
    i += length;
  }
  return out;
}

struct expected_cost {
  bool gsm7 = true;
  bool latin1 = true;
  std::size_t septets = 0;
  std::size_t utf16_units = 0;
};

expected_cost cost_of(const std::vector<char32_t>& text) {
  expected_cost cost;
  for (const char32_t cp : text) {
    const unsigned septets = gsm7_cost(cp);
    cost.gsm7 = cost.gsm7 && septets > 0;
    cost.latin1 = cost.latin1 && cp <= 0xFF;
    cost.septets += septets;
    cost.utf16_units += cp > 0xFFFF ? 2 : 1;
  }
  return cost;
}

void check_parts(const segment_count& count) {
  const segment_limits limits = limits_of(count.encoding);
  FUZZ_CHECK(count.segments >= 1);
  if (count.units <= limits.single) {
    FUZZ_CHECK(count.segments == 1);
    return;
  }
  // A part may end one unit early so as not to split an escape or a surrogate pair.
  FUZZ_CHECK(count.segments >= (count.units + limits.per_part - 1) / limits.per_part);
  FUZZ_CHECK(count.segments <= (count.units + limits.per_part - 2) / (limits.per_part - 1));
}

void check_count(std::string_view text, const std::vector<char32_t>& characters) {
  const expected_cost cost = cost_of(characters);
  const segment_count plain = count_segments(text).value();
  check_parts(plain);
  FUZZ_CHECK((plain.encoding == sms_encoding::gsm7) == cost.gsm7);
  FUZZ_CHECK(plain.units == (cost.gsm7 ? cost.septets : cost.utf16_units));
  const segment_count with_latin1 = count_segments(text, {.latin1 = true}).value();
  check_parts(with_latin1);
  if (!cost.gsm7 && cost.latin1) {
    FUZZ_CHECK(with_latin1.encoding == sms_encoding::latin1 && with_latin1.units == characters.size());
  } else {
    FUZZ_CHECK(with_latin1 == plain);
  }
  const auto outside = characters_outside_gsm7(text).value();
  FUZZ_CHECK(outside.empty() == cost.gsm7);
  for (const text_character& c : outside) {
    FUZZ_CHECK(c.offset + c.bytes <= text.size() && gsm7_cost(c.code_point) == 0);
  }
}

void check_transliteration(std::string_view text) {
  const std::string once = transliterate_to_gsm7(text).value();
  FUZZ_CHECK(is_valid_utf8(once));
  for (const char32_t cp : code_points(once)) FUZZ_CHECK(gsm7_cost(cp) > 0 || gsm7_look_alike(cp) == nullptr);
  FUZZ_CHECK(transliterate_to_gsm7(once).value() == once);
  check_count(once, code_points(once));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!is_valid_utf8(text)) {
    const auto counted = count_segments(text);
    FUZZ_CHECK(!counted && counted.error() == errc::invalid_text);
    const auto transliterated = transliterate_to_gsm7(text);
    FUZZ_CHECK(!transliterated && transliterated.error() == errc::invalid_text);
    FUZZ_CHECK(!characters_outside_gsm7(text));
    return 0;
  }
  check_count(text, code_points(text));
  check_transliteration(text);
  return 0;
}

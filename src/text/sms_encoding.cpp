#include <smstrack/text/sms_encoding.hpp>

#include "utf8_decode.hpp"

#include <array>
#include <bit>
#include <cstring>
#include <string>

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr char32_t euro_sign = 0x20AC;
constexpr char32_t cost_table_size = 0x400;  // every GSM-7 character but the euro sign is below

// GSM 03.38 default alphabet (cost 1) and escape extension (cost 2), by code point.
constexpr std::array<std::uint8_t, cost_table_size> gsm7_costs = [] {
  std::array<std::uint8_t, cost_table_size> table{};
  for (char32_t c = 0x20; c <= 0x7E; ++c) table[c] = 1;
  table[U'`'] = 0;
  for (const char32_t c : {U'[', U'\\', U']', U'^', U'{', U'|', U'}', U'~', U'\f'}) table[c] = 2;
  for (const char32_t c : {U'\n', U'\r', U'£', U'¥', U'è', U'é', U'ù', U'ì', U'ò', U'Ç', U'Ø', U'ø', U'Å',
                           U'å', U'Δ', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ', U'Σ', U'Θ', U'Ξ', U'Æ', U'æ',
                           U'ß', U'É', U'¤', U'¡', U'Ä', U'Ö', U'Ñ', U'Ü', U'§', U'¿', U'ä', U'ö', U'ñ',
                           U'ü', U'à'}) {
    table[c] = 1;
  }
  return table;
}();

// Bytes of an eight-byte word that the fast path cannot count as one septet each: non-ASCII,
// control characters, [ \ ] ^ _ ` (0x5B-0x60, of which _ is a false alarm, counted by the slow
// path) and { | } ~ DEL. Returns the high bit of each such byte; exact, no carries between bytes.
constexpr std::uint64_t not_plain_gsm7(std::uint64_t word) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = ones * 0x80;
  const std::uint64_t low7 = word & ~highs;  // each byte <= 0x7F: adding <= 0x60 cannot carry
  const std::uint64_t at_least_20 = low7 + ones * (0x80 - 0x20);
  const std::uint64_t at_least_5b = low7 + ones * (0x80 - 0x5B);
  const std::uint64_t at_least_61 = low7 + ones * (0x80 - 0x61);
  const std::uint64_t at_least_7b = low7 + ones * (0x80 - 0x7B);
  return ((word | ~at_least_20 | (at_least_5b & ~at_least_61) | at_least_7b) & highs);
}

std::uint64_t load_word(std::string_view text, std::size_t at) noexcept {
  std::uint64_t word = 0;
  std::memcpy(&word, text.data() + at, 8);
  return word;
}

// The index, in text order, of the first byte whose high bit `flags` has set (flags != 0).
std::size_t first_flagged_byte(std::uint64_t flags) noexcept {
  const int bit = std::endian::native == std::endian::little ? std::countr_zero(flags) : std::countl_zero(flags);
  return static_cast<std::size_t>(bit / 8);
}

// Units counted with the padding that keeps two-unit characters whole within parts.
class unit_tally {
 public:
  explicit unit_tally(std::size_t per_part) noexcept : per_part_(per_part) {}
  void add_singles(std::size_t n) noexcept { padded_ += n; }
  void add_pair() noexcept {
    if (padded_ % per_part_ == per_part_ - 1) {
      ++padded_;
      ++pads_;
    }
    padded_ += 2;
  }
  [[nodiscard]] std::size_t units() const noexcept { return padded_ - pads_; }
  [[nodiscard]] segment_count result(sms_encoding encoding, std::size_t single) const noexcept {
    const std::size_t units = this->units();
    const std::size_t segments = units <= single ? 1 : (padded_ + per_part_ - 1) / per_part_;
    return {encoding, units, segments};
  }

 private:
  std::size_t per_part_;
  std::size_t padded_ = 0;
  std::size_t pads_ = 0;
};

enum class scan_end { complete, left_gsm7, invalid };

struct gsm7_scan {
  scan_end end = scan_end::complete;
  std::size_t offset = 0;  ///< where the scan stopped, when it did not complete
  unit_tally tally{limits_of(sms_encoding::gsm7).per_part};
};

gsm7_scan scan_gsm7(std::string_view text) noexcept {
  gsm7_scan scan;
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 8 <= text.size()) {
      const std::uint64_t special = not_plain_gsm7(load_word(text, i));
      if (special == 0) {
        scan.tally.add_singles(8);
        i += 8;
        continue;
      }
      const std::size_t plain = first_flagged_byte(special);
      scan.tally.add_singles(plain);
      i += plain;
    }
    const utf8::decoded c = utf8::decode(text, i);
    if (c.bytes == 0) return {scan_end::invalid, i, scan.tally};
    const unsigned cost = gsm7_cost(c.code_point);
    if (cost == 0) return {scan_end::left_gsm7, i, scan.tally};
    if (cost == 1) {
      scan.tally.add_singles(1);
    } else {
      scan.tally.add_pair();
    }
    i += c.bytes;
  }
  return scan;
}

struct utf16_scan {
  unit_tally tally{limits_of(sms_encoding::ucs2).per_part};
  std::size_t characters = 0;
  char32_t largest = 0;
};

result<utf16_scan> scan_utf16(std::string_view text) noexcept {
  utf16_scan scan;
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 8 <= text.size() && utf8::is_ascii_word(load_word(text, i))) {
      scan.tally.add_singles(8);
      scan.characters += 8;
      if (scan.largest < 0x7F) scan.largest = 0x7F;
      i += 8;
      continue;
    }
    const utf8::decoded c = utf8::decode(text, i);
    if (c.bytes == 0) return utf8::invalid_at("text", i);
    if (c.code_point > 0xFFFF) {
      scan.tally.add_pair();
    } else {
      scan.tally.add_singles(1);
    }
    ++scan.characters;
    if (c.code_point > scan.largest) scan.largest = c.code_point;
    i += c.bytes;
  }
  return scan;
}

segment_count latin1_count(std::size_t characters) noexcept {
  unit_tally tally{limits_of(sms_encoding::latin1).per_part};
  tally.add_singles(characters);
  return tally.result(sms_encoding::latin1, limits_of(sms_encoding::latin1).single);
}

}  // namespace

unsigned gsm7_cost(char32_t code_point) noexcept {
  if (code_point < cost_table_size) return gsm7_costs[code_point];
  return code_point == euro_sign ? 2 : 0;
}

result<segment_count> count_segments(std::string_view text, const encoding_options& options) {
  const gsm7_scan gsm7 = scan_gsm7(text);
  if (gsm7.end == scan_end::complete) {
    return gsm7.tally.result(sms_encoding::gsm7, limits_of(sms_encoding::gsm7).single);
  }
  if (gsm7.end == scan_end::invalid) return utf8::invalid_at("text", gsm7.offset);
  auto utf16 = scan_utf16(text);
  if (!utf16) return utf16.error();
  if (options.latin1 && utf16->largest <= 0xFF) return latin1_count(utf16->characters);
  return utf16->tally.result(sms_encoding::ucs2, limits_of(sms_encoding::ucs2).single);
}

result<std::vector<text_character>> characters_outside_gsm7(std::string_view text) {
  std::vector<text_character> found;
  for (std::size_t i = 0; i < text.size();) {
    const utf8::decoded c = utf8::decode(text, i);
    if (c.bytes == 0) return utf8::invalid_at("text", i);
    if (gsm7_cost(c.code_point) == 0) found.push_back({i, c.bytes, c.code_point});
    i += c.bytes;
  }
  return found;
}

SMSTRACK_END_NAMESPACE

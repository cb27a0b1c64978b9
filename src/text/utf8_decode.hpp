// Decoding one UTF-8 sequence with the checks of RFC 3629 (no overlong forms, no surrogates,
// nothing above U+10FFFF), shared by the validator and the SMS text scanners.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace utf8 {

struct decoded {
  char32_t code_point = 0;
  std::size_t bytes = 0;  ///< 0: the sequence at this offset is invalid
};

/// The character at `at` (< text.size()), or bytes == 0 when its sequence is invalid or cut.
inline decoded decode(std::string_view text, std::size_t at) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + at;
  const std::size_t left = text.size() - at;
  const unsigned char lead = s[0];
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  unsigned char min_second = 0x80;
  unsigned char max_second = 0xBF;
  char32_t value = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0Fu;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07u;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return {};
  }
  if (left < length || s[1] < min_second || s[1] > max_second) return {};
  value = (value << 6) | (s[1] & 0x3Fu);
  for (std::size_t k = 2; k < length; ++k) {
    if (s[k] < 0x80 || s[k] > 0xBF) return {};
    value = (value << 6) | (s[k] & 0x3Fu);
  }
  return {value, length};
}

/// Whether the eight bytes at `p` are all ASCII.
inline bool is_ascii_word(std::uint64_t word) noexcept { return (word & 0x8080808080808080ULL) == 0; }

/// The error for text that is not UTF-8: "<what> is not valid UTF-8 (byte <offset>)".
inline error invalid_at(std::string_view what, std::size_t offset) {
  return error{errc::invalid_text, std::string(what) + " is not valid UTF-8 (byte " + std::to_string(offset) + ")"};
}

}  // namespace utf8
SMSTRACK_END_NAMESPACE

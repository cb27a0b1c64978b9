// ASCII helpers shared by the parsers of receipts, URLs, templates and sender ids: blanks,
// letter and digit classes, case folding and hex digits, by byte, without the locale.
#pragma once

#include <smstrack/config.hpp>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace ascii {

// Space, tab, CR, LF, vertical tab and form feed, looked up by byte.
inline constexpr std::array<bool, 256> blanks = [] {
  std::array<bool, 256> table{};
  for (const char c : {' ', '\t', '\r', '\n', '\v', '\f'}) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

constexpr bool is_blank(char c) noexcept { return blanks[static_cast<unsigned char>(c)]; }

// The position of the first blank in `s` at or after `from`, or s.size(). Eight bytes at a time:
// every blank is below 0x21, so a word without such a byte is skipped whole, and a byte below
// 0x21 that is not a blank (a control character) is stepped over.
inline std::size_t find_blank(std::string_view s, std::size_t from) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  if constexpr (std::endian::native == std::endian::little) {
    while (from + 8 <= s.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, s.data() + from, 8);
      // The lowest flagged byte is the first below 0x21 (flags above it may be borrows).
      const std::uint64_t low = (word - ones * 0x21) & ~word & highs;
      if (low == 0) {
        from += 8;
        continue;
      }
      const std::size_t at = from + static_cast<std::size_t>(std::countr_zero(low) / 8);
      if (is_blank(s[at])) return at;
      from = at + 1;
    }
  }
  while (from < s.size() && !is_blank(s[from])) ++from;
  return from;
}
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_alnum(char c) noexcept { return is_digit(c) || is_alpha(c); }
constexpr char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

/// The value of a hex digit, or -1.
constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Whether `s` starts with `prefix`, ignoring ASCII case.
constexpr bool starts_with_nocase(std::string_view s, std::string_view prefix) noexcept {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(s[i]) != lower(prefix[i])) return false;
  }
  return true;
}

/// `s` without its leading and trailing blanks.
constexpr std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace ascii
SMSTRACK_END_NAMESPACE

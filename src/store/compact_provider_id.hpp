// A provider id as one 64-bit word, so that a log row carries it without a heap string.
//
// Ids of 1 to 14 characters that are all hex digits of one case (decimal ids included) are
// packed inline, four bits a character, with their length and case. Any other id is stored
// aside by its owner and the word says where. The two forms never collide, and 0 means "none".
#pragma once

#include <smstrack/config.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace store_detail {

using compact_id = std::uint64_t;

inline constexpr std::size_t max_inline_id_chars = 14;

namespace compact_id_form {
inline constexpr std::uint64_t upper_hex = 1;  // digits and A-F
inline constexpr std::uint64_t lower_hex = 2;  // digits and a-f, at least one letter
inline constexpr std::uint64_t aside = 3;      // stored by the owner; the low 32 bits are its slot
}  // namespace compact_id_form

constexpr std::uint64_t form_of(compact_id id) { return id >> 62; }

// The inline word of `id`, or nothing when the id must be stored aside.
constexpr std::optional<compact_id> pack_inline(std::string_view id) {
  if (id.empty() || id.size() > max_inline_id_chars) return std::nullopt;
  std::uint64_t nibbles = 0;
  bool upper = false;
  bool lower = false;
  for (const char c : id) {
    std::uint64_t value = 0;
    if (c >= '0' && c <= '9') {
      value = static_cast<std::uint64_t>(c - '0');
    } else if (c >= 'A' && c <= 'F') {
      value = static_cast<std::uint64_t>(c - 'A' + 10);
      upper = true;
    } else if (c >= 'a' && c <= 'f') {
      value = static_cast<std::uint64_t>(c - 'a' + 10);
      lower = true;
    } else {
      return std::nullopt;
    }
    nibbles = (nibbles << 4U) | value;
  }
  if (upper && lower) return std::nullopt;
  const std::uint64_t form = lower ? compact_id_form::lower_hex : compact_id_form::upper_hex;
  return (form << 62U) | (std::uint64_t{id.size()} << 56U) | nibbles;
}

constexpr compact_id aside_id(std::uint32_t slot) { return (compact_id_form::aside << 62U) | slot; }
constexpr std::uint32_t aside_slot(compact_id id) { return static_cast<std::uint32_t>(id); }

// The characters of an inline word.
inline std::string unpack_inline(compact_id id) {
  const auto length = static_cast<std::size_t>((id >> 56U) & 0x0FU);
  const char* digits = form_of(id) == compact_id_form::lower_hex ? "0123456789abcdef" : "0123456789ABCDEF";
  std::string out(length, '0');
  for (std::size_t i = 0; i < length; ++i) out[length - 1 - i] = digits[(id >> (4U * i)) & 0x0FU];
  return out;
}

}  // namespace store_detail
SMSTRACK_END_NAMESPACE

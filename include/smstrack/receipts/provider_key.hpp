// Provider message ids, normalized (SPEC §6.4) so that the id of an ack and the id of its
// receipt meet even when one is written in hex and the other in decimal.
//
// A connector chooses one normalization, applied to both the ack's and the receipt's id:
// - as_is: verbatim.
// - decimal: surrounding blanks and leading zeros stripped ("  000123 " -> "123", "000" -> "0").
// - hex_number: the hex digits read as one number, written in decimal ("1A" -> "26"), of any
//   length (no 64-bit limit).
// - hex_string: the hex bytes decoded to text ("313233" -> "123").
//
// The result is a provider_key: a fixed-size value (at most 64 characters, inline, no
// allocation), which is what storage indexes.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <boost/describe/enum.hpp>

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

enum class id_normalization : std::uint8_t { as_is, decimal, hex_number, hex_string };
BOOST_DESCRIBE_ENUM(id_normalization, as_is, decimal, hex_number, hex_string)

class provider_key {
 public:
  /// SMPP message ids are C-octet strings of at most 65 octets, the NUL included.
  static constexpr std::size_t capacity = 64;

  provider_key() = default;
  [[nodiscard]] std::string_view view() const noexcept { return {chars_.data(), size_}; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  friend bool operator==(const provider_key& a, const provider_key& b) noexcept { return a.view() == b.view(); }
  friend std::strong_ordering operator<=>(const provider_key& a, const provider_key& b) noexcept {
    return a.view() <=> b.view();
  }

 private:
  friend class provider_key_builder;
  std::array<char, capacity> chars_{};
  std::uint8_t size_ = 0;
};

/// Normalizes a provider id. Errors: invalid_receipt naming the problem: an empty id, an id over
/// 64 characters (before or after normalization), a NUL byte, bytes that are not UTF-8
/// (before, or for hex_string after, decoding), a non-digit for decimal, a
/// non-hex character for hex_number and hex_string, an odd number of hex digits or a decoded NUL
/// for hex_string.
[[nodiscard]] result<provider_key> normalize_provider_id(std::string_view raw, id_normalization how);

/// Whether two ids of one message denote the same number: a hex id (typically the TLV's) read as
/// a number equals a decimal id (typically the text's), or both are decimal and equal as
/// numbers. Leading zeros and surrounding blanks do not matter; anything unreadable is false.
[[nodiscard]] bool ids_denote_same_number(std::string_view hex_or_decimal, std::string_view decimal);

SMSTRACK_END_NAMESPACE

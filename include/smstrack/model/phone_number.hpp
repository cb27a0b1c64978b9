// An E.164 phone number, stored as an integer: `+` and 8 to 15 digits, the first not 0.
//
// Addresses are compared, hashed and stored as this integer; `to_string` gives "+33612345678".
// Normalization of national numbers and punctuation comes with the targeting issue; this type
// accepts the canonical form only.
//
// Thread safety: a value type.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

class phone_number {
 public:
  static constexpr std::size_t min_digits = 8;
  static constexpr std::size_t max_digits = 15;

  /// The empty number (no address); `empty()` is true.
  constexpr phone_number() noexcept = default;

  /// Parses "+" followed by 8..15 digits, the first digit not 0.
  /// Errors: invalid_address, with the reason (empty, no leading '+', non-digit, too short,
  /// too long, leading zero).
  [[nodiscard]] static result<phone_number> parse(std::string_view text);

  /// The number whose digits are those of `value` (8..15 digits).
  /// Errors: invalid_address when it has fewer than 8 or more than 15 digits.
  [[nodiscard]] static result<phone_number> from_digits(std::uint64_t value);

  [[nodiscard]] constexpr std::uint64_t digits() const noexcept { return digits_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return digits_ == 0; }
  /// "+<digits>", or "" for the empty number.
  [[nodiscard]] std::string to_string() const;

  friend constexpr auto operator<=>(phone_number, phone_number) noexcept = default;

 private:
  constexpr explicit phone_number(std::uint64_t digits) noexcept : digits_(digits) {}
  std::uint64_t digits_ = 0;
};

SMSTRACK_END_NAMESPACE

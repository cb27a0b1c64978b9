#include <smstrack/model/phone_number.hpp>

#include "address_error.hpp"

SMSTRACK_BEGIN_NAMESPACE

result<phone_number> phone_number::parse(std::string_view text) {
  if (text.empty()) return invalid_address_error(text, "empty");
  if (text.front() != '+') return invalid_address_error(text, "no leading '+'");
  const std::string_view digits = text.substr(1);
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const char c = digits[i];
    if (c < '0' || c > '9') return invalid_address_error(text, "non-digit character");
    if (i >= max_digits) return invalid_address_error(text, "too long (more than 15 digits)");
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (digits.size() < min_digits) return invalid_address_error(text, "too short (fewer than 8 digits)");
  if (digits.front() == '0') return invalid_address_error(text, "leading zero in the country code");
  return phone_number{value};
}

result<phone_number> phone_number::from_digits(std::uint64_t value) {
  constexpr std::uint64_t smallest = 10'000'000;          // 8 digits
  constexpr std::uint64_t beyond = 1'000'000'000'000'000;  // 16 digits
  static_assert(min_digits == 8 && max_digits == 15);
  if (value < smallest || value >= beyond) {
    return error{errc::invalid_address,
                 std::to_string(value) + ": an E.164 number has 8 to 15 digits"};
  }
  return phone_number{value};
}

std::string phone_number::to_string() const {
  if (empty()) return {};
  return "+" + std::to_string(digits_);
}

SMSTRACK_END_NAMESPACE

#include <smstrack/model/numbering_plan.hpp>

#include "address_error.hpp"

#include "../text/ascii.hpp"

#include <array>

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr std::size_t max_read_digits = 19;  // a 4-digit international prefix and 15 digits

constexpr std::array<std::uint64_t, max_read_digits + 1> powers_of_ten = [] {
  std::array<std::uint64_t, max_read_digits + 1> powers{};
  std::uint64_t power = 1;
  for (auto& p : powers) {
    p = power;
    power *= 10;
  }
  return powers;
}();

constexpr bool is_separator(char c) noexcept {
  return c == ' ' || c == '\t' || c == '.' || c == '-' || c == '(' || c == ')';
}

// The digits of a written number, as an integer and a count (leading zeros count).
struct read_digits {
  std::uint64_t value = 0;
  std::size_t count = 0;
  bool plus = false;

  [[nodiscard]] std::uint64_t leading(std::size_t n) const noexcept { return value / powers_of_ten[count - n]; }
  [[nodiscard]] bool starts_with(std::uint64_t prefix, std::size_t n) const noexcept {
    return n != 0 && count > n && leading(n) == prefix;
  }
  void drop_leading(std::size_t n) noexcept {
    count -= n;
    value %= powers_of_ten[count];
  }
};

// Reads digits, separators, one leading '+' and "(0)" groups; stops at the first other byte.
// Returns the offending position, or npos.
std::size_t read(std::string_view text, read_digits& out) noexcept {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (ascii::is_digit(c)) {
      if (out.count < max_read_digits) out.value = out.value * 10 + static_cast<std::uint64_t>(c - '0');
      ++out.count;
    } else if (c == '(' && text.substr(i, 3) == "(0)") {
      i += 2;  // the optional trunk prefix of "+44 (0)20 ..."
    } else if (c == '+' && out.count == 0 && !out.plus) {
      out.plus = true;
    } else if (!is_separator(c)) {
      return i;
    }
  }
  return std::string_view::npos;
}

result<std::uint8_t> digit_field(std::string_view field, std::string_view name, std::size_t min, std::size_t max,
                                 std::uint64_t& value) {
  const auto refuse = [&] {
    return error{errc::invalid_settings, "numbering_plan." + std::string(name) + " must be " + std::to_string(min) +
                                             " to " + std::to_string(max) + " digits, not '" +
                                             std::string(field.substr(0, 16)) + "'"};
  };
  if (field.size() < min || field.size() > max) return refuse();
  value = 0;
  for (const char c : field) {
    if (!ascii::is_digit(c)) return refuse();
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return static_cast<std::uint8_t>(field.size());
}

}  // namespace

result<address_normalizer> address_normalizer::make(const numbering_plan& plan) {
  address_normalizer out;
  if (!plan.country_code.empty()) {
    auto length = digit_field(plan.country_code, "country_code", 1, 3, out.country_code_.value);
    if (!length) return length.error();
    if (plan.country_code.front() == '0') {
      return error{errc::invalid_settings, "numbering_plan.country_code must not start with 0"};
    }
    out.country_code_.length = *length;
  }
  auto trunk = digit_field(plan.trunk_prefix, "trunk_prefix", 0, 2, out.trunk_prefix_.value);
  if (!trunk) return trunk.error();
  out.trunk_prefix_.length = *trunk;
  auto international = digit_field(plan.international_prefix, "international_prefix", 1, 4,
                                   out.international_prefix_.value);
  if (!international) return international.error();
  out.international_prefix_.length = *international;
  return out;
}

result<phone_number> address_normalizer::normalize(std::string_view text) const {
  if (text.size() > max_text_bytes) return invalid_address_error(text, "too long (more than 64 bytes)");
  read_digits digits;
  if (const std::size_t bad = read(text, digits); bad != std::string_view::npos) {
    return invalid_address_error(text, "non-digit character at byte " + std::to_string(bad));
  }
  if (digits.count == 0) return invalid_address_error(text, "empty (no digit)");
  if (digits.count > max_read_digits) return invalid_address_error(text, "too long (more than 15 digits)");
  bool international = digits.plus;
  if (!international && digits.starts_with(international_prefix_.value, international_prefix_.length)) {
    digits.drop_leading(international_prefix_.length);
    international = true;
  }
  if (!international) {
    if (country_code_.length == 0) {
      return invalid_address_error(text, "national number, and the numbering plan has no country code");
    }
    if (digits.starts_with(trunk_prefix_.value, trunk_prefix_.length)) digits.drop_leading(trunk_prefix_.length);
    if (digits.count + country_code_.length <= max_read_digits) {
      digits.value += country_code_.value * powers_of_ten[digits.count];
    }
    digits.count += country_code_.length;
  }
  if (digits.count > phone_number::max_digits) return invalid_address_error(text, "too long (more than 15 digits)");
  if (digits.count < phone_number::min_digits) return invalid_address_error(text, "too short (fewer than 8 digits)");
  if (digits.value < powers_of_ten[digits.count - 1]) {
    return invalid_address_error(text, "leading zero in the country code");
  }
  return phone_number::from_digits(digits.value);
}

SMSTRACK_END_NAMESPACE

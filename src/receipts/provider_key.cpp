#include <smstrack/receipts/provider_key.hpp>

#include "../text/ascii.hpp"
#include "../text/quote_input.hpp"

#include <smstrack/text/utf8.hpp>

#include <algorithm>
#include <optional>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

// Fills a provider_key; the only writer of its characters.
class provider_key_builder {
 public:
  static provider_key from(std::string_view chars) noexcept {
    provider_key key;
    std::copy(chars.begin(), chars.end(), key.chars_.begin());
    key.size_ = static_cast<std::uint8_t>(chars.size());
    return key;
  }
};

namespace {

using ascii::hex_value;
using ascii::is_digit;
using ascii::trim;

std::string_view strip_leading_zeros(std::string_view digits) noexcept {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return digits;
}

error rejected(std::string_view raw, std::string_view why) {
  return error{errc::invalid_receipt, "the provider id " + quote_input(raw) + " " + std::string(why)};
}

// Decimal digits of a number, least significant first, grown by multiply-and-add; enough room
// for any 64-hex-digit number (78 decimal digits).
class decimal_accumulator {
 public:
  void push_hex_digit(int value) noexcept {
    int carry = value;
    for (std::size_t i = 0; i < size_; ++i) {
      const int next = digits_[i] * 16 + carry;
      digits_[i] = static_cast<std::uint8_t>(next % 10);
      carry = next / 10;
    }
    while (carry > 0) {
      digits_[size_++] = static_cast<std::uint8_t>(carry % 10);
      carry /= 10;
    }
  }
  // Writes the decimal text into `out` (most significant first); returns its length.
  std::size_t write(std::array<char, 80>& out) const noexcept {
    if (size_ == 0) {
      out[0] = '0';
      return 1;
    }
    for (std::size_t i = 0; i < size_; ++i) out[i] = static_cast<char>('0' + digits_[size_ - 1 - i]);
    return size_;
  }

 private:
  std::array<std::uint8_t, 80> digits_{};
  std::size_t size_ = 0;
};

result<provider_key> fits(std::string_view raw, std::string_view normalized) {
  if (normalized.size() > provider_key::capacity) {
    return rejected(raw, "is longer than " + std::to_string(provider_key::capacity) + " characters once normalized");
  }
  return provider_key_builder::from(normalized);
}

result<provider_key> as_decimal(std::string_view raw) {
  const std::string_view digits = trim(raw);
  if (digits.empty()) return rejected(raw, "is blank");
  if (!std::all_of(digits.begin(), digits.end(), is_digit)) return rejected(raw, "is not decimal");
  return fits(raw, strip_leading_zeros(digits));
}

result<provider_key> as_hex_number(std::string_view raw) {
  const std::string_view digits = trim(raw);
  if (digits.empty()) return rejected(raw, "is blank");
  if (digits.size() > provider_key::capacity) {  // the accumulator holds any 64-digit number
    return rejected(raw, "is longer than " + std::to_string(provider_key::capacity) + " characters");
  }
  decimal_accumulator number;
  for (const char c : digits) {
    const int value = hex_value(c);
    if (value < 0) return rejected(raw, "is not hexadecimal");
    number.push_hex_digit(value);
  }
  std::array<char, 80> text{};
  return fits(raw, {text.data(), number.write(text)});
}

result<provider_key> as_hex_string(std::string_view raw) {
  const std::string_view digits = trim(raw);
  if (digits.empty()) return rejected(raw, "is blank");
  if (digits.size() % 2 != 0) return rejected(raw, "has an odd number of hex digits");
  std::array<char, provider_key::capacity> text{};
  if (digits.size() / 2 > text.size()) {
    return rejected(raw, "is longer than " + std::to_string(provider_key::capacity) + " characters once normalized");
  }
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    const int high = hex_value(digits[i]);
    const int low = hex_value(digits[i + 1]);
    if (high < 0 || low < 0) return rejected(raw, "is not hexadecimal");
    if (high == 0 && low == 0) return rejected(raw, "decodes to a NUL byte");
    text[i / 2] = static_cast<char>(high * 16 + low);
  }
  const std::string_view decoded{text.data(), digits.size() / 2};
  if (!is_valid_utf8(decoded)) return rejected(raw, "decodes to bytes that are not UTF-8");
  return provider_key_builder::from(decoded);
}

// The decimal text of an id read in `base` (10 or 16), or nothing when it is not a number.
std::optional<provider_key> as_number(std::string_view id, int base) {
  auto normalized = base == 10 ? as_decimal(id) : as_hex_number(id);
  if (!normalized) return std::nullopt;
  return *normalized;
}

}  // namespace

result<provider_key> normalize_provider_id(std::string_view raw, id_normalization how) {
  if (raw.empty()) return error{errc::invalid_receipt, "the provider id is empty"};
  if (raw.find('\0') != std::string_view::npos) return rejected(raw, "contains a NUL byte");
  if (const std::size_t bad = first_invalid_utf8(raw); bad != raw.size()) {
    return rejected(raw, "is not UTF-8 (byte " + std::to_string(bad) + ")");
  }
  if (raw.size() > provider_key::capacity) {
    return rejected(raw, "is " + std::to_string(raw.size()) + " characters, over " +
                             std::to_string(provider_key::capacity));
  }
  switch (how) {
    case id_normalization::decimal: return as_decimal(raw);
    case id_normalization::hex_number: return as_hex_number(raw);
    case id_normalization::hex_string: return as_hex_string(raw);
    case id_normalization::as_is: break;
  }
  return provider_key_builder::from(raw);
}

bool ids_denote_same_number(std::string_view hex_or_decimal, std::string_view decimal) {
  const std::optional<provider_key> target = as_number(decimal, 10);
  if (!target) return false;
  if (const auto as_hex = as_number(hex_or_decimal, 16); as_hex && *as_hex == *target) return true;
  const auto as_dec = as_number(hex_or_decimal, 10);
  return as_dec && *as_dec == *target;
}

SMSTRACK_END_NAMESPACE

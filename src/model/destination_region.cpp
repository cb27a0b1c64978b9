#include <smstrack/model/destination_region.hpp>

#include <algorithm>
#include <array>

SMSTRACK_BEGIN_NAMESPACE
namespace {

struct calling_code_region {
  std::uint16_t code;
  std::string_view region;
};
struct prefix_region {
  std::string_view prefix;  // of the national number
  std::string_view region;
};

#include "calling_codes.inc"

// The decimal digits of a number, most significant first.
struct decimal_digits {
  std::array<char, 20> text{};
  std::size_t size = 0;
  explicit decimal_digits(std::uint64_t value) {
    std::array<char, 20> reversed{};
    do {
      reversed[size++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    for (std::size_t i = 0; i < size; ++i) text[i] = reversed[size - 1 - i];
  }
  [[nodiscard]] std::string_view view() const noexcept { return {text.data(), size}; }
};

// Each calling code's entry in calling_code_regions, by code (-1: not assigned): one look-up.
constexpr std::array<std::int16_t, 1000> entry_index = [] {
  std::array<std::int16_t, 1000> index{};
  index.fill(-1);
  for (std::size_t i = 0; i < std::size(calling_code_regions); ++i) {
    index[calling_code_regions[i].code] = static_cast<std::int16_t>(i);
  }
  return index;
}();

const calling_code_region* entry_of(std::uint16_t code) noexcept {
  const std::int16_t i = code < entry_index.size() ? entry_index[code] : std::int16_t{-1};
  return i < 0 ? nullptr : &calling_code_regions[static_cast<std::size_t>(i)];
}

// The number's first one, two and three digits, without writing it out.
struct leading_digits {
  std::array<std::uint16_t, 3> prefix{};  // prefix[n - 1]: the first n digits
  std::size_t count = 0;                 // digits in the number
  explicit leading_digits(std::uint64_t value) noexcept {
    std::uint64_t power = 1;
    count = 1;
    while (count < 20 && value / power >= 10) {
      power *= 10;
      ++count;
    }
    for (std::size_t n = 1; n <= 3 && n <= count; ++n) {
      std::uint64_t divisor = power;
      for (std::size_t k = 1; k < n; ++k) divisor /= 10;
      prefix[n - 1] = static_cast<std::uint16_t>(value / divisor);
    }
  }
};

// The longest prefix of `national` in `table`, or nothing.
template <std::size_t N>
const prefix_region* longest_prefix(const prefix_region (&table)[N], std::string_view national) noexcept {
  const prefix_region* best = nullptr;
  for (const prefix_region& entry : table) {
    if (national.starts_with(entry.prefix) && (best == nullptr || entry.prefix.size() > best->prefix.size())) {
      best = &entry;
    }
  }
  return best;
}

// The calling code of `number` and its length in digits: nothing when none is assigned.
std::pair<const calling_code_region*, std::size_t> code_of(const phone_number& number) noexcept {
  if (number.empty()) return {nullptr, 0};
  const leading_digits leading(number.digits());
  for (std::size_t length = 1; length <= 3 && length < leading.count; ++length) {
    if (const calling_code_region* entry = entry_of(leading.prefix[length - 1])) return {entry, length};
  }
  return {nullptr, 0};
}

}  // namespace

std::uint16_t calling_code_of(const phone_number& number) noexcept {
  const calling_code_region* entry = code_of(number).first;
  return entry == nullptr ? std::uint16_t{0} : entry->code;
}

std::string_view region_of(const phone_number& number) noexcept {
  const auto [entry, length] = code_of(number);
  if (entry == nullptr) return {};
  if (entry->code != 1 && entry->code != 7) return entry->region;
  // Codes shared by several regions are told apart by the national number's first digits.
  const decimal_digits digits(number.digits());
  const std::string_view national = digits.view().substr(length);
  const prefix_region* shared = entry->code == 1 ? longest_prefix(north_american_regions, national)
                                                 : longest_prefix(russian_zone_regions, national);
  return shared != nullptr ? shared->region : entry->region;
}

SMSTRACK_END_NAMESPACE

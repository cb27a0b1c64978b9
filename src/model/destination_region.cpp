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

const calling_code_region* entry_of(std::uint16_t code) noexcept {
  const auto found = std::lower_bound(std::begin(calling_code_regions), std::end(calling_code_regions), code,
                                      [](const calling_code_region& e, std::uint16_t c) { return e.code < c; });
  return found != std::end(calling_code_regions) && found->code == code ? &*found : nullptr;
}

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

// The code and the national number of `number`: a code of 0 when none is assigned.
std::pair<const calling_code_region*, std::string_view> split(const phone_number& number, const decimal_digits& digits) {
  if (number.empty()) return {nullptr, {}};
  const std::string_view all = digits.view();
  std::uint16_t code = 0;
  for (std::size_t length = 1; length <= 3 && length < all.size(); ++length) {
    code = static_cast<std::uint16_t>(code * 10 + (all[length - 1] - '0'));
    if (const calling_code_region* entry = entry_of(code)) return {entry, all.substr(length)};
  }
  return {nullptr, {}};
}

}  // namespace

std::uint16_t calling_code_of(const phone_number& number) noexcept {
  const decimal_digits digits(number.digits());
  const auto [entry, national] = split(number, digits);
  return entry == nullptr ? std::uint16_t{0} : entry->code;
}

std::string_view region_of(const phone_number& number) noexcept {
  const decimal_digits digits(number.digits());
  const auto [entry, national] = split(number, digits);
  if (entry == nullptr) return {};
  const prefix_region* shared = nullptr;
  if (entry->code == 1) shared = longest_prefix(north_american_regions, national);
  if (entry->code == 7) shared = longest_prefix(russian_zone_regions, national);
  return shared != nullptr ? shared->region : entry->region;
}

SMSTRACK_END_NAMESPACE

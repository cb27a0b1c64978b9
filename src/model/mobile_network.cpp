#include <smstrack/model/mobile_network.hpp>

#include "../text/quote_input.hpp"

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace {

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What is wrong with `network`, quoting `written` (the text it came from) in the error.
result<void> check_written(const mobile_network& network, std::string_view written) {
  const auto bad = [&](std::string_view why) {
    return error{errc::invalid_argument, "network " + quote_input(written) + ": " + std::string(why)};
  };
  if (network.mcc.size() != 3 || !all_digits(network.mcc)) return bad("the MCC is not three digits");
  if (network.mnc.size() < 2 || network.mnc.size() > 3 || !all_digits(network.mnc)) {
    return bad("the MNC is not two or three digits");
  }
  return {};
}

}  // namespace

result<void> check_network(const mobile_network& network) { return check_written(network, to_string(network)); }

result<mobile_network> parse_network(std::string_view text) {
  if (text.size() > 8) {
    return error{errc::invalid_argument, "network " + quote_input(text) + ": longer than an MCC and an MNC"};
  }
  const std::size_t separator = text.find_first_of("- ");
  const std::size_t mcc_end = separator != std::string_view::npos ? separator : std::min<std::size_t>(3, text.size());
  const std::size_t mnc_start = separator != std::string_view::npos ? separator + 1 : mcc_end;
  mobile_network network{std::string(text.substr(0, mcc_end)), std::string(text.substr(mnc_start))};
  if (auto valid = check_written(network, text); !valid) return valid.error();
  return network;
}

std::string to_string(const mobile_network& network) { return network.mcc + "-" + network.mnc; }

namespace {
constexpr std::uint32_t per_mcc = 2000;
constexpr std::uint32_t three_digit_mnc = 1000;

std::uint32_t number_of(std::string_view digits) {
  std::uint32_t n = 0;
  for (const char c : digits) n = n * 10 + static_cast<std::uint32_t>(c - '0');
  return n;
}

std::string padded(std::uint32_t n, std::size_t width) {
  std::string text = std::to_string(n);
  return std::string(width - std::min(width, text.size()), '0') + text;
}
}  // namespace

network_code network_code::of(const mobile_network& network) noexcept {
  if (!check_written(network, {})) return {};
  const std::uint32_t mnc = number_of(network.mnc) + (network.mnc.size() == 3 ? three_digit_mnc : 0);
  return network_code{1 + number_of(network.mcc) * per_mcc + mnc};
}

std::optional<network_code> network_code::from_value(std::uint32_t value) noexcept {
  if (value > max_value) return std::nullopt;
  return network_code{value};
}

result<network_code> network_code::parse(std::string_view text) {
  if (text.empty()) return network_code{};
  auto network = parse_network(text);
  if (!network) return network.error();
  return of(*network);
}

std::optional<mobile_network> network_code::network() const {
  if (!known()) return std::nullopt;
  const std::uint32_t mcc = (value_ - 1) / per_mcc;
  const std::uint32_t mnc = (value_ - 1) % per_mcc;
  const bool three_digits = mnc >= three_digit_mnc;
  return mobile_network{padded(mcc, 3), padded(three_digits ? mnc - three_digit_mnc : mnc, three_digits ? 3 : 2)};
}

std::string network_code::to_string() const {
  const auto n = network();
  return n ? smstrack::to_string(*n) : std::string{};
}

SMSTRACK_END_NAMESPACE

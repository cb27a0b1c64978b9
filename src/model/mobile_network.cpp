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

SMSTRACK_END_NAMESPACE

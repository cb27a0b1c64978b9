#include <smstrack/model/mobile_network.hpp>

#include "../text/quote_input.hpp"

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace {

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

error bad_network(std::string_view text, std::string_view why) {
  return error{errc::invalid_argument, "network " + quote_input(text) + ": " + std::string(why)};
}

}  // namespace

result<void> check_network(const mobile_network& network) {
  if (network.mcc.size() != 3 || !all_digits(network.mcc)) {
    return bad_network(network.mcc + "-" + network.mnc, "the MCC is not three digits");
  }
  if (network.mnc.size() < 2 || network.mnc.size() > 3 || !all_digits(network.mnc)) {
    return bad_network(network.mcc + "-" + network.mnc, "the MNC is not two or three digits");
  }
  return {};
}

result<mobile_network> parse_network(std::string_view text) {
  if (text.size() > 8) return bad_network(text, "longer than an MCC and an MNC");
  mobile_network network;
  const std::size_t separator = text.find_first_of("- ");
  if (separator != std::string_view::npos) {
    network.mcc = std::string(text.substr(0, separator));
    network.mnc = std::string(text.substr(separator + 1));
  } else {
    network.mcc = std::string(text.substr(0, std::min<std::size_t>(3, text.size())));
    network.mnc = std::string(text.substr(std::min<std::size_t>(3, text.size())));
  }
  if (network.mcc.size() != 3 || !all_digits(network.mcc)) return bad_network(text, "the MCC is not three digits");
  if (network.mnc.size() < 2 || network.mnc.size() > 3 || !all_digits(network.mnc)) {
    return bad_network(text, "the MNC is not two or three digits");
  }
  return network;
}

std::string to_string(const mobile_network& network) { return network.mcc + "-" + network.mnc; }

SMSTRACK_END_NAMESPACE

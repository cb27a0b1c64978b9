// The optional parameters (TLVs) of an SMPP delivery receipt that smstrack reads (SPEC §6.3):
// receipted_message_id (0x001E), message_state (0x0427) and network_error_code (0x0423).
// A gateway passes the raw values it decoded from the PDU; views must outlive the parse.
#pragma once

#include <smstrack/config.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

struct receipt_tlvs {
  std::optional<std::string_view> receipted_message_id;  ///< a C-octet string; one trailing NUL is dropped
  std::optional<std::uint8_t> message_state;             ///< the raw octet, in range or not
  std::optional<std::string_view> network_error_code;    ///< the raw octets
  [[nodiscard]] bool empty() const noexcept {
    return !receipted_message_id && !message_state && !network_error_code;
  }
};

/// A decoded network_error_code: the network type (GSM 3, ANSI-136 1, IS-95 2, ...) and the code.
struct network_error {
  std::optional<std::uint8_t> type;  ///< none when the code came as ASCII digits
  std::uint16_t code = 0;
  friend bool operator==(const network_error&, const network_error&) = default;
};

/// Three octets are {type, big-endian code}, except three ASCII digits, which some carriers send
/// and which are read as a decimal code with no type ("012" -> {none, 12}). Any other length
/// gives nothing.
constexpr std::optional<network_error> decode_network_error(std::string_view octets) noexcept {
  if (octets.size() != 3) return std::nullopt;
  const auto octet = [&](std::size_t i) { return static_cast<std::uint8_t>(octets[i]); };
  const auto digit = [&](std::size_t i) { return octet(i) >= '0' && octet(i) <= '9'; };
  if (digit(0) && digit(1) && digit(2)) {
    return network_error{std::nullopt,
                         static_cast<std::uint16_t>((octet(0) - '0') * 100 + (octet(1) - '0') * 10 + (octet(2) - '0'))};
  }
  return network_error{octet(0), static_cast<std::uint16_t>(octet(1) << 8 | octet(2))};
}

SMSTRACK_END_NAMESPACE

// A mobile network (SPEC §13): its mobile country code (MCC, three digits) and mobile network
// code (MNC, two or three digits: "01" and "001" are different networks), as SMSCs and HLR
// look-ups report them with acks and receipts. Written "208-01" (MCC, dash, MNC).
//
// Thread safety: value type; pure functions.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <boost/describe/class.hpp>
#include <compare>
#include <cstdint>
#include <optional>

#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

struct mobile_network {
  std::string mcc;  ///< three digits, e.g. "208"
  std::string mnc;  ///< two or three digits, e.g. "01" or "260"
  friend auto operator<=>(const mobile_network&, const mobile_network&) = default;
};
BOOST_DESCRIBE_STRUCT(mobile_network, (), (mcc, mnc))

/// Whether `network` is well formed: an MCC of three digits, an MNC of two or three.
[[nodiscard]] result<void> check_network(const mobile_network& network);

/// Parses "208-01", "208 01" or "20801" (MCC of three digits, then an MNC of two or three).
/// Errors: invalid_argument naming what is wrong (the text is quoted, cut and escaped).
[[nodiscard]] result<mobile_network> parse_network(std::string_view text);

/// "208-01".
[[nodiscard]] std::string to_string(const mobile_network& network);

/// A network in 32 bits, as log rows, digests and route keys keep it: 0 when the network is
/// unknown, else 1 + MCC × 2000 + MNC, plus 1000 for a three-digit MNC ("001" and "01" stay
/// different networks). Ordered as the networks are: by MCC, then two-digit MNCs, then
/// three-digit ones; unknown first.
class network_code {
 public:
  static constexpr std::uint32_t max_value = 1 + 999 * 2000 + 1999;
  constexpr network_code() noexcept = default;
  /// The code of a well-formed network (check_network); a malformed one gives unknown.
  [[nodiscard]] static network_code of(const mobile_network& network) noexcept;
  /// The code a store kept; nothing for a value no network has.
  [[nodiscard]] static std::optional<network_code> from_value(std::uint32_t value) noexcept;
  /// Parses "208-01", "208 01" or "20801" as parse_network does; "" is unknown.
  /// Errors: invalid_argument, as parse_network.
  [[nodiscard]] static result<network_code> parse(std::string_view text);
  [[nodiscard]] constexpr std::uint32_t value() const noexcept { return value_; }
  [[nodiscard]] constexpr bool known() const noexcept { return value_ != 0; }
  /// The network; nothing when unknown.
  [[nodiscard]] std::optional<mobile_network> network() const;
  /// "208-01"; "" when unknown.
  [[nodiscard]] std::string to_string() const;
  friend constexpr auto operator<=>(network_code, network_code) noexcept = default;

 private:
  constexpr explicit network_code(std::uint32_t value) noexcept : value_(value) {}
  std::uint32_t value_ = 0;
};

SMSTRACK_END_NAMESPACE

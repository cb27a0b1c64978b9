// A mobile network (SPEC §13): its mobile country code (MCC, three digits) and mobile network
// code (MNC, two or three digits: "01" and "001" are different networks), as SMSCs and HLR
// look-ups report them with acks and receipts. Written "208-01" (MCC, dash, MNC).
//
// Thread safety: value type; pure functions.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <boost/describe/class.hpp>

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

SMSTRACK_END_NAMESPACE

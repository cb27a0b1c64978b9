// How a message's text is encoded on the air (GSM 03.38 / SMPP data_coding): what decides how
// many characters a part holds, and what a part costs (price_table.hpp). Measured by
// text/sms_encoding.hpp.
#pragma once

#include <smstrack/config.hpp>

#include <boost/describe/enum.hpp>

#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE

/// Values are the SMPP data_coding of each encoding.
enum class sms_encoding : std::uint8_t {
  gsm7 = 0,    ///< GSM 7-bit default alphabet and its extension (SMSC default alphabet)
  latin1 = 3,  ///< ISO-8859-1, one octet per character
  ucs2 = 8,    ///< UCS-2 / UTF-16BE, two octets per unit
};
BOOST_DESCRIBE_ENUM(sms_encoding, gsm7, latin1, ucs2)

/// The three encodings, in a dense order (for counter arrays).
inline constexpr sms_encoding all_encodings[] = {sms_encoding::gsm7, sms_encoding::latin1, sms_encoding::ucs2};
inline constexpr std::size_t encoding_count = 3;

/// Position of `e` in `all_encodings`.
[[nodiscard]] constexpr std::size_t dense_index(sms_encoding e) noexcept {
  return e == sms_encoding::gsm7 ? 0 : e == sms_encoding::latin1 ? 1 : 2;
}

SMSTRACK_END_NAMESPACE

// SMS encodings and part counting (SPEC §7, 3GPP TS 23.038 and 23.040).
//
// A message is sent in GSM-7 when every character is in the GSM 7-bit default alphabet or its
// escape extension (the extension characters `\f ^ { } \ [ ~ ] | €` cost two septets each);
// otherwise in UCS-2, counted in UTF-16 code units (a character beyond the BMP costs two). The
// optional Latin-1 mapping sends a message that does not fit GSM-7 as 8-bit data when every
// character is at most U+00FF. One message holds 160 septets, 140 octets or 70 units; a
// concatenated message holds 153, 134 or 67 per part, and an escape pair or a surrogate pair is
// never split across parts (the part ends one unit early). An empty text is one part.
//
// Thread safety: pure functions. Complexity: linear in the text, at most two passes (a text that
// leaves GSM-7 is counted again in UTF-16 units from its start); count_segments allocates nothing.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/message_encoding.hpp>
#include <smstrack/error.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// How many units one message, and one part of a concatenated message, hold.
struct segment_limits {
  std::size_t single = 0;
  std::size_t per_part = 0;
};

[[nodiscard]] constexpr segment_limits limits_of(sms_encoding encoding) noexcept {
  switch (encoding) {
    case sms_encoding::gsm7: return {160, 153};
    case sms_encoding::latin1: return {140, 134};
    case sms_encoding::ucs2: return {70, 67};
  }
  return {};
}

struct encoding_options {
  /// Send a text that does not fit GSM-7 as Latin-1 when every character is at most U+00FF
  /// (off by default: many carriers do not support data_coding 3).
  bool latin1 = false;
  friend bool operator==(const encoding_options&, const encoding_options&) = default;
};
BOOST_DESCRIBE_STRUCT(encoding_options, (), (latin1))

/// What a text costs: its encoding, its length in that encoding's units (septets, octets or
/// UTF-16 code units) and the number of parts (segments) it is sent in.
struct segment_count {
  sms_encoding encoding = sms_encoding::gsm7;
  std::size_t units = 0;
  std::size_t segments = 1;
  friend bool operator==(const segment_count&, const segment_count&) = default;
};
BOOST_DESCRIBE_STRUCT(segment_count, (), (encoding, units, segments))

/// The encoding, units and parts of UTF-8 `text`.
/// Errors: invalid_text when `text` is not valid UTF-8 (naming the offset of the first bad byte).
/// Complexity: linear; no allocation.
[[nodiscard]] result<segment_count> count_segments(std::string_view text, const encoding_options& options = {});

/// The GSM-7 cost of one character: 1 (default alphabet), 2 (escape extension) or 0 (not GSM-7).
[[nodiscard]] unsigned gsm7_cost(char32_t code_point) noexcept;

/// One character of a text, located by its bytes.
struct text_character {
  std::size_t offset = 0;  ///< of its first byte
  std::size_t bytes = 0;   ///< length of its UTF-8 sequence
  char32_t code_point = 0;
  friend bool operator==(const text_character&, const text_character&) = default;
};
BOOST_DESCRIBE_STRUCT(text_character, (), (offset, bytes, code_point))

/// Every character of `text` outside GSM-7 (those that force UCS-2 or Latin-1), in order, so a
/// user interface can highlight them. Errors: invalid_text when `text` is not valid UTF-8.
[[nodiscard]] result<std::vector<text_character>> characters_outside_gsm7(std::string_view text);

SMSTRACK_END_NAMESPACE

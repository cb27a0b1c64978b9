// Punycode (RFC 3492), the ASCII form of an internationalized domain label ("xn--p1ai" is
// "рф"), decoded into UTF-8 so that URL detection can look a top-level domain up in the one
// form the Public Suffix List writes it. Also the simple case folding of the scripts
// top-level domains are written in, for the same look-up.
#pragma once

#include <smstrack/config.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace punycode {

/// A label of at most 63 code points, in UTF-8.
struct utf8_label {
  std::array<char, 63 * 4> bytes{};
  std::size_t size = 0;
  [[nodiscard]] std::string_view view() const noexcept { return {bytes.data(), size}; }
};

/// The label `encoded` (without its "xn--" prefix) decodes to, or nothing when it is not valid
/// Punycode, decodes to more than 63 code points or to a code point that is not a Unicode
/// scalar value. Allocates nothing.
[[nodiscard]] std::optional<utf8_label> decode(std::string_view encoded) noexcept;

/// `label` (UTF-8) with ASCII, Latin-1, Greek, Cyrillic and Armenian capitals made small, or
/// nothing when it is longer than 63 code points or not valid UTF-8.
[[nodiscard]] std::optional<utf8_label> lower(std::string_view label) noexcept;

}  // namespace punycode
SMSTRACK_END_NAMESPACE

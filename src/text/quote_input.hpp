// User input as an error message shows it: quoted, bounded, and always valid UTF-8, so that an
// error detail can be written into JSON, a journal or a terminal whatever the input held.
#pragma once

#include <smstrack/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// `text` between double quotes, its first `shown` characters only (then `...`). Printable ASCII
/// and valid UTF-8 characters are kept; control characters, `"` and `\`, invisible format and
/// bidi characters are escaped (`\x0a`, `\u{202e}`), as is every byte that is not valid UTF-8.
[[nodiscard]] std::string quote_input(std::string_view text, std::size_t shown = 40);

SMSTRACK_END_NAMESPACE

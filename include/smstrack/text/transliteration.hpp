// Transliteration to GSM-7 (SPEC §7): characters outside the GSM 7-bit alphabet replaced by
// look-alikes that are in it, so a message can stay in GSM-7 (160 characters) instead of
// falling back to UCS-2 (70). Accented Latin letters lose their accent (ê -> e, ç -> Ç), curly
// quotes and primes become straight quotes, dashes a hyphen, the ellipsis three dots, the
// non-breaking and other typographic spaces a space, ligatures two letters (œ -> oe), Greek
// capitals drawn like Latin ones their Latin twin (so upper-case Greek fits GSM-7, which has the
// others), and invisible characters (zero-width space, byte order mark, soft hyphen) are removed.
// Characters with no look-alike (emoji, Cyrillic, CJK...) are kept, so the text then still
// needs UCS-2: count_segments tells.
//
// Thread safety: pure functions. Complexity: linear; allocates the result.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// `text` with every character that has a GSM-7 look-alike replaced by it.
/// Errors: invalid_text when `text` is not valid UTF-8 (naming the offset of the first bad byte).
[[nodiscard]] result<std::string> transliterate_to_gsm7(std::string_view text);

/// The GSM-7 look-alike of one character outside GSM-7 (UTF-8, empty for a character that is
/// removed), or nullptr when it has none. Characters already in GSM-7 have none.
[[nodiscard]] const char* gsm7_look_alike(char32_t code_point) noexcept;

SMSTRACK_END_NAMESPACE

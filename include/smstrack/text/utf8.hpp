// UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
//
// Thread safety: pure functions. Complexity: linear, no allocation.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// The offset of the first byte that is not part of a valid UTF-8 sequence, or text.size().
[[nodiscard]] std::size_t first_invalid_utf8(std::string_view text) noexcept;

[[nodiscard]] inline bool is_valid_utf8(std::string_view text) noexcept {
  return first_invalid_utf8(text) == text.size();
}

/// Succeeds when `text` is valid UTF-8 of at most `max_bytes` bytes without NUL bytes (which
/// databases such as PostgreSQL cannot store in text). Errors: invalid_text, naming `what` and
/// the offset of the first invalid or NUL byte, or the size limit.
[[nodiscard]] result<void> check_text(std::string_view what, std::string_view text, std::size_t max_bytes);

/// `text` made storable: each byte that is not part of a valid sequence, and each NUL byte,
/// replaced by U+FFFD, and
/// the result cut to at most `max_bytes` bytes on a character boundary. For carrier texts,
/// which are not guaranteed to be UTF-8, kept for display. Allocates the result.
[[nodiscard]] std::string storable_utf8(std::string_view text, std::size_t max_bytes);

SMSTRACK_END_NAMESPACE

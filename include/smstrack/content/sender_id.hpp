// Sender ids (SPEC §7): the originator a message shows, checked before it reaches a provider.
//
// A sender id is empty (the connector's default sender), alphanumeric — 1 to 11 characters among
// ASCII letters, digits, space and `. - _ & '`, not all digits, neither starting nor ending with a
// space — or a number: an optional `+` and digits, 21 characters at most.
//
// Thread safety: pure function. Complexity: linear in the sender id, no allocation on success.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <cstddef>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

inline constexpr std::size_t max_alphanumeric_sender = 11;
inline constexpr std::size_t max_numeric_sender = 21;

/// Succeeds for a valid sender id. Errors: invalid_sender, saying which rule it breaks and, for a
/// character that no sender id may hold, its offset.
[[nodiscard]] result<void> check_sender(std::string_view sender);

SMSTRACK_END_NAMESPACE

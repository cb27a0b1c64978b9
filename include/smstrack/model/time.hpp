// Time in smstrack: `timestamp` (UTC, millisecond precision) and `duration`.
//
// The core never reads a clock: every time comes from the caller or from the clock port
// (`smstrack/ports/clock.hpp`). Timestamps are written as ISO 8601 UTC with milliseconds
// ("2026-11-23T08:30:00.000Z"); durations as an integer and a unit ("5d", "15m", "30s", "250ms").
//
// Thread safety: pure functions on values.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

using duration = std::chrono::milliseconds;
using timestamp = std::chrono::sys_time<duration>;

/// A timestamp from milliseconds since 1970-01-01T00:00:00Z.
constexpr timestamp from_unix_ms(std::int64_t ms) noexcept { return timestamp{duration{ms}}; }
/// Milliseconds since 1970-01-01T00:00:00Z.
constexpr std::int64_t to_unix_ms(timestamp t) noexcept { return t.time_since_epoch().count(); }

/// "YYYY-MM-DDThh:mm:ss.mmmZ". Years outside 0000..9999 use the ISO 8601 expanded form
/// ("+10000-01-01T00:00:00.000Z", "-0001-..."), so every timestamp has a text form.
[[nodiscard]] std::string format_timestamp(timestamp t);

/// Parses "[+|-]YYYY-MM-DDThh:mm:ss[.f{1,3}](Z|+00:00)" (4 to 9 year digits).
/// Errors: invalid_timestamp (wrong shape, impossible date or time, an offset other than UTC,
/// a year beyond the representable range).
[[nodiscard]] result<timestamp> parse_timestamp(std::string_view text);

/// The largest exact unit among d, h, m, s, ms: 5 days -> "5d", 90 minutes -> "90m".
[[nodiscard]] std::string format_duration(duration d);

/// Parses "<non-negative integer><unit>", unit one of ms, s, m, h, d.
/// Errors: invalid_duration (no digits, unknown unit, overflow).
[[nodiscard]] result<duration> parse_duration(std::string_view text);

SMSTRACK_END_NAMESPACE

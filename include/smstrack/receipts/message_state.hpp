// SMPP message states (SPEC §6.2): the value of the `message_state` TLV and the stat word of
// each. SMPP 3.4 defines ENROUTE 1 .. REJECTD 8; SMPP 5.0 adds SCHEDULED 0 and SKIPPED 9.
#pragma once

#include <smstrack/config.hpp>

#include <boost/describe/enum.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

enum class message_state : std::uint8_t {
  scheduled = 0,
  enroute = 1,
  delivered = 2,
  expired = 3,
  deleted = 4,
  undeliverable = 5,
  accepted = 6,
  unknown = 7,
  rejected = 8,
  skipped = 9,
};
BOOST_DESCRIBE_ENUM(message_state, scheduled, enroute, delivered, expired, deleted, undeliverable,
                    accepted, unknown, rejected, skipped)

inline constexpr std::array<std::string_view, 10> message_state_stats = {
    "SCHEDULED", "ENROUTE", "DELIVRD", "EXPIRED", "DELETED",
    "UNDELIV",   "ACCEPTD", "UNKNOWN", "REJECTD", "SKIPPED"};

/// The state a raw TLV value names, or nothing for a value outside 0..9.
constexpr std::optional<message_state> to_message_state(std::uint8_t raw) noexcept {
  if (raw >= message_state_stats.size()) return std::nullopt;
  return static_cast<message_state>(raw);
}

/// The state a standard stat word names (upper case, as receipt texts give it: "DELIVRD" is
/// delivered), or nothing for any other word (FAILED, BUFFRED...).
constexpr std::optional<message_state> message_state_of_stat(std::string_view stat) noexcept {
  for (std::size_t i = 0; i < message_state_stats.size(); ++i) {
    if (message_state_stats[i] == stat) return static_cast<message_state>(i);
  }
  return std::nullopt;
}

/// The canonical stat word of a state ("DELIVRD" for delivered).
constexpr std::string_view stat_of(message_state state) noexcept {
  return message_state_stats[static_cast<std::uint8_t>(state)];
}

SMSTRACK_END_NAMESPACE

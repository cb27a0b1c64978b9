// What a receipt's stat means for its message (SPEC §6.5): success, error or intermediate,
// decided by prefix sets that each connector may configure.
//
// Defaults: success if the stat starts with DELIV; error if it starts with EXPIRED, DELETED,
// UNDELIV, UNKNOWN, REJECT, FAILED or SKIPPED; anything else (ACCEPTD, ENROUTE, BUFFRED, an empty
// stat) is intermediate: recorded, never changing a final status. Prefixes compare without
// regard to case; success prefixes are tried first.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

enum class stat_outcome : std::uint8_t { success, error, intermediate };
BOOST_DESCRIBE_ENUM(stat_outcome, success, error, intermediate)

struct outcome_matchers {
  std::vector<std::string> success{"DELIV"};
  std::vector<std::string> error{"EXPIRED", "DELETED", "UNDELIV", "UNKNOWN", "REJECT", "FAILED", "SKIPPED"};
  friend bool operator==(const outcome_matchers&, const outcome_matchers&) = default;
};
BOOST_DESCRIBE_STRUCT(outcome_matchers, (), (success, error))

/// Errors: invalid_settings for an empty prefix, a prefix over 32 characters (no stat is
/// longer), or a prefix in both sets.
[[nodiscard]] result<void> validate(const outcome_matchers& matchers);

[[nodiscard]] stat_outcome classify_stat(std::string_view stat, const outcome_matchers& matchers) noexcept;

SMSTRACK_END_NAMESPACE

// Failure types and reasons (SPEC §5.1, §5.2), with the reference product's values and the
// SMS extensions (100..103), and the facts derived from a reason: its default type, whether it
// arises before sending (analysis or preparation) or from the network, and its bounce class.
#pragma once

#include <smstrack/config.hpp>

#include <boost/describe/enum.hpp>

#include <array>
#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE

enum class failure_type : std::uint8_t {
  not_defined = 0,  ///< newly seen, not yet qualified
  hard = 1,         ///< the address is invalid: quarantine at once, no retry
  soft = 2,         ///< temporary or unclassified: retried, counts toward quarantine
  ignored = 3,      ///< known temporary or technical: retried, never quarantines
};
BOOST_DESCRIBE_ENUM(failure_type, not_defined, hard, soft, ignored)

inline constexpr std::size_t failure_type_count = 4;

/// Whether `type` is one of the enumerators (a value cast from an integer may not be).
constexpr bool is_known(failure_type type) noexcept { return static_cast<std::size_t>(type) < failure_type_count; }

enum class failure_reason : std::uint8_t {
  not_defined = 0,
  user_unknown = 1,
  invalid_domain = 2,
  unreachable = 3,
  account_disabled = 4,
  mailbox_full = 5,
  not_connected = 6,
  address_not_specified = 7,
  denylisted_address = 8,
  quarantined_address = 9,
  duplicate = 10,
  excluded_by_rule = 11,
  excluded_by_arbitration = 12,
  bad_quality_address = 14,
  unqualified_address = 15,
  not_eligible = 16,
  target_size_limit = 17,
  refused = 20,
  error_ignored = 25,
  text_too_long = 100,
  unsupported_character = 101,
  invalid_phone_number = 102,
  opted_out = 103,
  over_budget = 104,
  control_address = 127,
};
BOOST_DESCRIBE_ENUM(failure_reason, not_defined, user_unknown, invalid_domain, unreachable,
                    account_disabled, mailbox_full, not_connected, address_not_specified,
                    denylisted_address, quarantined_address, duplicate, excluded_by_rule,
                    excluded_by_arbitration, bad_quality_address, unqualified_address,
                    not_eligible, target_size_limit, refused, error_ignored, text_too_long,
                    unsupported_character, invalid_phone_number, opted_out, over_budget, control_address)

/// Every failure reason, in value order.
inline constexpr std::array<failure_reason, 25> all_failure_reasons = {
    failure_reason::not_defined,         failure_reason::user_unknown,
    failure_reason::invalid_domain,      failure_reason::unreachable,
    failure_reason::account_disabled,    failure_reason::mailbox_full,
    failure_reason::not_connected,       failure_reason::address_not_specified,
    failure_reason::denylisted_address,  failure_reason::quarantined_address,
    failure_reason::duplicate,           failure_reason::excluded_by_rule,
    failure_reason::excluded_by_arbitration, failure_reason::bad_quality_address,
    failure_reason::unqualified_address, failure_reason::not_eligible,
    failure_reason::target_size_limit,   failure_reason::refused,
    failure_reason::error_ignored,       failure_reason::text_too_long,
    failure_reason::unsupported_character, failure_reason::invalid_phone_number,
    failure_reason::opted_out,           failure_reason::over_budget,
    failure_reason::control_address,
};

namespace detail {
inline constexpr std::array<std::uint8_t, 256> failure_reason_positions = [] {
  std::array<std::uint8_t, 256> positions{};
  for (std::size_t i = 0; i < all_failure_reasons.size(); ++i) {
    positions[static_cast<std::uint8_t>(all_failure_reasons[i])] = static_cast<std::uint8_t>(i);
  }
  return positions;
}();
}  // namespace detail

/// Position of `reason` in `all_failure_reasons` (a dense index for counter arrays).
constexpr std::size_t dense_index(failure_reason reason) noexcept {
  return detail::failure_reason_positions[static_cast<std::uint8_t>(reason)];
}

/// Whether `reason` is one of the enumerators (a value cast from an integer may not be).
constexpr bool is_known(failure_reason reason) noexcept { return all_failure_reasons[dense_index(reason)] == reason; }

/// The type a reason has until a qualification rule says otherwise (SPEC §5.2).
constexpr failure_type default_type(failure_reason reason) noexcept {
  switch (reason) {
    case failure_reason::not_defined: return failure_type::not_defined;
    case failure_reason::user_unknown:
    case failure_reason::address_not_specified:
    case failure_reason::denylisted_address:
    case failure_reason::quarantined_address:
    case failure_reason::invalid_phone_number:
    case failure_reason::opted_out:
      return failure_type::hard;
    case failure_reason::invalid_domain:
    case failure_reason::unreachable:
    case failure_reason::account_disabled:
    case failure_reason::mailbox_full:
    case failure_reason::refused:
      return failure_type::soft;
    default:
      return failure_type::ignored;
  }
}

/// Reasons 7..17, 25, 127 and 100..104 arise during analysis or preparation, before anything is
/// handed to the provider; the others come from the network.
constexpr bool arises_before_sending(failure_reason reason) noexcept {
  const auto value = static_cast<unsigned>(reason);
  return (value >= 7 && value <= 17) || value == 25 || value == 127 ||
         (value >= 100 && value <= 104);
}

/// A hard bounce in the Summary sense: user_unknown.
constexpr bool is_hard_bounce(failure_reason reason) noexcept {
  return reason == failure_reason::user_unknown;
}

/// A soft bounce in the Summary sense (SPEC §4).
constexpr bool is_soft_bounce(failure_reason reason) noexcept {
  switch (reason) {
    case failure_reason::unreachable:
    case failure_reason::mailbox_full:
    case failure_reason::invalid_domain:
    case failure_reason::account_disabled:
    case failure_reason::not_connected:
    case failure_reason::refused:
      return true;
    default:
      return false;
  }
}

SMSTRACK_END_NAMESPACE

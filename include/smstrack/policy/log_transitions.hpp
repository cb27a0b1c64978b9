// Which status changes a delivery log may make.
//
// pending -> sent_to_provider | taken_into_account | received_on_mobile | failed | ignored |
//            canceled | not_applicable
// sent_to_provider -> pending (requeued) | taken_into_account | received_on_mobile | failed |
//                     canceled
// taken_into_account -> received_on_mobile | failed
// received_on_mobile -> failed (another part of the message failed: a failure wins in any
//                       order, SPEC §6.7)
// failed -> pending (a retry)
// ignored, canceled and not_applicable are final; received_on_mobile is final but for a part's
// failure.
// A change to the status a log already has is not a transition: callers treat it as a
// duplicate and change nothing.
//
// Thread safety: pure functions.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/log_status.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE

namespace detail {
constexpr std::uint8_t log_status_bit(log_status s) noexcept {
  return static_cast<std::uint8_t>(1U << static_cast<unsigned>(s));
}

// For each status (by value), the set of statuses it may move to, as a bit mask.
inline constexpr std::array<std::uint8_t, log_status_count> legal_successors = [] {
  using ls = log_status;
  std::array<std::uint8_t, log_status_count> masks{};
  const auto bit = log_status_bit;
  masks[static_cast<std::size_t>(ls::pending)] =
      bit(ls::sent_to_provider) | bit(ls::taken_into_account) | bit(ls::received_on_mobile) |
      bit(ls::failed) | bit(ls::ignored) | bit(ls::canceled) | bit(ls::not_applicable);
  masks[static_cast<std::size_t>(ls::sent_to_provider)] =
      bit(ls::pending) | bit(ls::taken_into_account) | bit(ls::received_on_mobile) | bit(ls::failed) | bit(ls::canceled);
  masks[static_cast<std::size_t>(ls::taken_into_account)] = bit(ls::received_on_mobile) | bit(ls::failed);
  masks[static_cast<std::size_t>(ls::received_on_mobile)] = bit(ls::failed);  // another part failed
  masks[static_cast<std::size_t>(ls::failed)] = bit(ls::pending);
  return masks;
}();
}  // namespace detail

/// Whether a log may move from `from` to `to` (false for an unknown status). On every status
/// change's path: a table look-up.
[[nodiscard]] constexpr bool is_legal_log_transition(log_status from, log_status to) noexcept {
  const auto index = static_cast<std::size_t>(from);
  if (index >= log_status_count || static_cast<std::size_t>(to) >= log_status_count) return false;
  return (detail::legal_successors[index] & detail::log_status_bit(to)) != 0;
}

/// Succeeds when `from -> to` is legal. Errors: illegal_transition naming both statuses.
[[nodiscard]] result<void> check_log_transition(log_status from, log_status to);

/// Final statuses: received_on_mobile (which a part's failure may still fail), ignored,
/// canceled, not_applicable.
constexpr bool is_final_log_status(log_status s) noexcept {
  return s == log_status::received_on_mobile || s == log_status::ignored ||
         s == log_status::canceled || s == log_status::not_applicable;
}

SMSTRACK_END_NAMESPACE

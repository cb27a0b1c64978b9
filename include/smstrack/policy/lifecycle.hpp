// The delivery lifecycle (SPEC §3): which state changes are legal.
//
// Analysis walks editing -> targeting_pending -> counting -> arbitration -> target_ready ->
// personalization_pending -> personalization -> message_ready -> ready (or preparation_failed).
// A ready delivery may be analysed again, reopened for editing, started or stopped. Start:
// ready -> start_pending -> in_progress. Pause: -> pause_requested -> pause_in_progress -> paused;
// resume: paused -> in_progress. Retries (SPEC §3): in_progress, retry_in_progress or finished
// -> retry_pending while failed logs await a retry within the validity; retry_pending ->
// retry_in_progress once one is resent; finished again when no retry is left or the validity
// ends. stopped and failed are final; finished is final but for a late failure's retry.
//
// Thread safety: pure functions.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/delivery_state.hpp>

#include <initializer_list>
#include <span>

SMSTRACK_BEGIN_NAMESPACE

/// Whether `from -> to` is a legal single step.
[[nodiscard]] bool is_legal_transition(delivery_state from, delivery_state to) noexcept;

/// The states reachable from `from` in one step (empty for final states).
[[nodiscard]] std::span<const delivery_state> successors(delivery_state from) noexcept;

/// Succeeds when `from -> to` is legal. Errors: illegal_transition, naming both states
/// ("paused -> ready").
[[nodiscard]] result<void> check_transition(delivery_state from, delivery_state to);

/// Checks that every step of `from -> path[0] -> path[1] ...` is legal.
/// Errors: illegal_transition naming the first illegal step.
[[nodiscard]] result<void> check_path(delivery_state from, std::initializer_list<delivery_state> path);

/// stopped, failed and finished: nothing leaves them, but for finished -> retry_pending.
constexpr bool is_final(delivery_state s) noexcept {
  return s == delivery_state::stopped || s == delivery_state::failed || s == delivery_state::finished;
}

/// Content and target can change only while editing; the analysis freezes them.
constexpr bool is_content_editable(delivery_state s) noexcept { return s == delivery_state::editing; }

/// States in which messages are being sent or may resume: log statuses change here.
constexpr bool is_sending(delivery_state s) noexcept {
  const auto v = static_cast<unsigned>(s);
  return v >= static_cast<unsigned>(delivery_state::start_pending) &&
         v <= static_cast<unsigned>(delivery_state::paused);
}

/// States that an analysis may start from.
constexpr bool can_analyse(delivery_state s) noexcept {
  return s == delivery_state::editing || s == delivery_state::ready ||
         s == delivery_state::preparation_failed;
}

SMSTRACK_END_NAMESPACE

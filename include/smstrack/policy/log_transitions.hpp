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

SMSTRACK_BEGIN_NAMESPACE

[[nodiscard]] bool is_legal_log_transition(log_status from, log_status to) noexcept;

/// Succeeds when `from -> to` is legal. Errors: illegal_transition naming both statuses.
[[nodiscard]] result<void> check_log_transition(log_status from, log_status to);

/// Final statuses: received_on_mobile (which a part's failure may still fail), ignored,
/// canceled, not_applicable.
constexpr bool is_final_log_status(log_status s) noexcept {
  return s == log_status::received_on_mobile || s == log_status::ignored ||
         s == log_status::canceled || s == log_status::not_applicable;
}

SMSTRACK_END_NAMESPACE

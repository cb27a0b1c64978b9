// The states of a delivery (SPEC §3), with the reference product's numeric values, and the
// approval mode that decides whether an analysed delivery starts by itself.
//
// The legal moves between states are in `smstrack/policy/lifecycle.hpp`.
#pragma once

#include <smstrack/config.hpp>

#include <boost/describe/enum.hpp>

#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE

enum class delivery_state : std::uint8_t {
  editing = 0,
  targeting_pending = 11,
  counting = 12,
  arbitration = 13,
  target_ready = 15,
  personalization_pending = 21,
  personalization = 22,
  message_ready = 25,
  preparation_failed = 37,
  ready = 45,
  start_pending = 51,
  in_progress = 55,
  retry_pending = 61,
  retry_in_progress = 62,
  pause_requested = 71,
  pause_in_progress = 72,
  paused = 75,
  stopped = 85,
  failed = 87,
  finished = 95,
};
BOOST_DESCRIBE_ENUM(delivery_state, editing, targeting_pending, counting, arbitration,
                    target_ready, personalization_pending, personalization, message_ready,
                    preparation_failed, ready, start_pending, in_progress, retry_pending,
                    retry_in_progress, pause_requested, pause_in_progress, paused, stopped,
                    failed, finished)

/// How an analysed delivery is started (SPEC §3).
enum class approval_mode : std::uint8_t {
  manual = 0,          ///< an operator confirms the start
  semi_automatic = 1,  ///< starts by itself when the analysis raised no warning
  automatic = 2,       ///< starts by itself regardless of warnings
};
BOOST_DESCRIBE_ENUM(approval_mode, manual, semi_automatic, automatic)

SMSTRACK_END_NAMESPACE

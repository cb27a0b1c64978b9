// A status change a host reports for one log, and what became of it (tracker::update_logs). It
// goes through the same status pipeline as acks and receipts.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/log_status.hpp>

#include <boost/describe/enum.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// One status change a host reports for one log.
struct status_change {
  log_id log = 0;
  log_status status = log_status::pending;
  failure_type type = failure_type::not_defined;      ///< for failed and ignored logs
  failure_reason reason = failure_reason::not_defined;  ///< for failed and ignored logs
  std::string_view provider_id;                       ///< non-empty: record the provider's id
  std::string_view text;                              ///< non-empty: the failure or receipt text
  std::string_view network;  ///< non-empty: the destination network, "208-01" (mobile_network.hpp)
};

/// What happened to one status change.
enum class change_outcome : std::uint8_t {
  applied,            ///< stored, counters updated
  unchanged,          ///< the log already had that status, type and reason: nothing to do
  illegal_transition, ///< the log's current status cannot move to the requested one
  unknown_log,        ///< no log with that id in the delivery
  conflict,           ///< another writer changed the log meanwhile; report it again
  provider_id_taken,  ///< the provider id is recorded on another log
  invalid_argument,   ///< an unknown status, type or reason, a provider id or text that is not
                      ///< UTF-8, holds a NUL or exceeds its bound, or a malformed network:
                      ///< refused, nothing stored
};
BOOST_DESCRIBE_ENUM(change_outcome, applied, unchanged, illegal_transition, unknown_log, conflict,
                    provider_id_taken, invalid_argument)

/// The text an acknowledged log receives when no final receipt came within the horizon.
inline constexpr std::string_view receipt_timed_out_text = "receipt timed out";

struct update_summary {
  std::size_t applied = 0;
  std::size_t unchanged = 0;
  std::size_t refused = 0;  ///< illegal, unknown, conflict or provider id taken
};

SMSTRACK_END_NAMESPACE

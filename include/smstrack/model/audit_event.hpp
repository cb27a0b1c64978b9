// Audit journal events (SPEC §11): one line of a delivery's journal, with a stable code.
//
// Codes are stable enumerators: store and compare them, never the message text.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

enum class audit_severity : std::uint8_t { info = 0, warning = 1, error = 2 };
BOOST_DESCRIBE_ENUM(audit_severity, info, warning, error)

enum class audit_code : std::uint16_t {
  delivery_created = 1,
  content_edited = 2,
  analysis_started = 10,
  rules_loaded = 11,
  exclusions_summary = 12,
  logs_created = 13,
  content_frozen = 14,
  analysis_warning = 15,
  analysis_finished = 16,
  analysis_discarded = 17,
  delivery_started = 20,
  delivery_paused = 21,
  delivery_resumed = 22,
  delivery_stopped = 23,
  retry_scheduled = 24,
  unknown_message_ids = 30,
  validity_ended = 31,
  logs_canceled = 32,
  delivery_finished = 33,
  indicators_recomputed = 34,
  receipts_timed_out = 35,
  storage_error = 40,
};
BOOST_DESCRIBE_ENUM(audit_code, delivery_created, content_edited, analysis_started, rules_loaded,
                    exclusions_summary, logs_created, content_frozen, analysis_warning,
                    analysis_finished, analysis_discarded, delivery_started, delivery_paused,
                    delivery_resumed, delivery_stopped, retry_scheduled, unknown_message_ids,
                    validity_ended, logs_canceled, delivery_finished, indicators_recomputed,
                    receipts_timed_out, storage_error)

struct audit_event {
  delivery_id delivery = 0;
  event_id id = 0;  ///< assigned by the store on append; orders events of equal time
  timestamp time{};
  audit_severity severity = audit_severity::info;
  audit_code code = audit_code::delivery_created;
  std::string message;
  std::optional<std::string> details;
  friend bool operator==(const audit_event&, const audit_event&) = default;
};
BOOST_DESCRIBE_STRUCT(audit_event, (), (delivery, id, time, severity, code, message, details))

SMSTRACK_END_NAMESPACE

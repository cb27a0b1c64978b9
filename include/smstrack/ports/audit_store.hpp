// Storage port for the audit journal (SPEC §11).
//
// Contract for implementers:
// - append stores events atomically, assigning ids (ascending in call order, unique in the
//   store; the ids passed in are ignored) and returns them. Appending is not idempotent: the
//   same event twice is two lines of the journal.
// - query returns a delivery's events newest first: by time descending, then id descending;
//   keeping those with severity >= min_severity and time in [from, to); starting strictly after
//   the `before` cursor in that order; at most `limit`.
// - Safe to call from several threads at once.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/audit_event.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// A position in the newest-first order: the last event of the previous page.
struct audit_cursor {
  timestamp time{};
  event_id id = 0;
  friend bool operator==(const audit_cursor&, const audit_cursor&) = default;
};
BOOST_DESCRIBE_STRUCT(audit_cursor, (), (time, id))

struct audit_query {
  audit_severity min_severity = audit_severity::info;
  std::optional<timestamp> from;  ///< inclusive
  std::optional<timestamp> to;    ///< exclusive
  std::optional<audit_cursor> before;
  std::size_t limit = 50;
};

class audit_store {
 public:
  audit_store() = default;
  audit_store(const audit_store&) = delete;
  audit_store& operator=(const audit_store&) = delete;
  virtual ~audit_store() = default;
  [[nodiscard]] virtual result<std::vector<event_id>> append(std::span<const audit_event> events) = 0;
  [[nodiscard]] virtual result<std::vector<audit_event>> query(delivery_id delivery,
                                                               const audit_query& query) = 0;
};

SMSTRACK_END_NAMESPACE

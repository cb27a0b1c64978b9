// The Audit › Journal view (SPEC §11): one page of a delivery's journal, newest first, and the
// cursor of the next page.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/engine/tracker.hpp>
#include <smstrack/model/audit_event.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct audit_view {
  delivery_id delivery = 0;
  std::vector<audit_event> events;  ///< newest first
  std::optional<audit_cursor> next;  ///< pass as `before` for the next page; empty on the last
};
BOOST_DESCRIBE_STRUCT(audit_view, (), (delivery, events, next))

/// One page of the journal. Errors: invalid_argument (limit), unknown_delivery, storage_failure.
[[nodiscard]] result<audit_view> make_audit_view(tracker& engine, delivery_id id, const audit_query& query = {});

SMSTRACK_END_NAMESPACE

// The dashboard of one delivery: the data behind every view this version produces (Summary,
// SMS, Delivery › Logs, Exclusions and Routes, Tracking, Audit › Journal and Causes of exclusions), as
// one value whose JSON a host can serve or save.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/engine/tracker.hpp>
#include <smstrack/views/audit_view.hpp>
#include <smstrack/views/causes_view.hpp>
#include <smstrack/views/exclusions_view.hpp>
#include <smstrack/views/routes_view.hpp>
#include <smstrack/views/sms_view.hpp>
#include <smstrack/views/summary_view.hpp>
#include <smstrack/views/tracking_view.hpp>

#include <boost/describe/class.hpp>

#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// A page of Delivery › Logs.
struct delivery_logs_view {
  delivery_id delivery = 0;
  std::vector<delivery_log> logs;
  std::optional<log_id> next;  ///< pass as `after` for the next page; empty on the last
};
BOOST_DESCRIBE_STRUCT(delivery_logs_view, (), (delivery, logs, next))

struct dashboard {
  summary_view summary;
  sms_view sms;
  delivery_logs_view delivery_logs;
  exclusions_view exclusions;
  routes_view routes;  ///< the delivery's own routes
  tracking_view tracking;
  audit_view journal;
  causes_view causes;
};
BOOST_DESCRIBE_STRUCT(dashboard, (), (summary, sms, delivery_logs, exclusions, routes, tracking, journal, causes))

struct dashboard_options {
  log_page_query logs{};       ///< which delivery logs to include
  exclusion_query exclusions{};  ///< which exclusion logs to include
  click_query clicks{};          ///< which click logs to include
  audit_query journal{audit_severity::info, std::nullopt, std::nullopt, std::nullopt, 200};
};

/// A page of delivery logs. Errors: invalid_argument (limit), unknown_delivery, storage_failure.
[[nodiscard]] result<delivery_logs_view> make_delivery_logs_view(tracker& engine, delivery_id id,
                                                                 const log_page_query& query = {});

/// Every view of the delivery. Errors: those of the views.
[[nodiscard]] result<dashboard> make_dashboard(tracker& engine, delivery_id id, const dashboard_options& options = {});

SMSTRACK_END_NAMESPACE

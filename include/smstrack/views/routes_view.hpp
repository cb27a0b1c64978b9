// Delivery › Routes (SPEC §13): how each connector, and each of its routes (country × mobile
// network), carried the messages of one or several deliveries — volume, success, delivered,
// errors by reason, receipt coverage, receipt timeouts and latencies.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/engine/tracker.hpp>
#include <smstrack/model/route_health.hpp>

#include <boost/describe/class.hpp>

#include <span>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct routes_view {
  std::vector<delivery_id> deliveries;  ///< the deliveries counted, ascending, each once
  std::vector<route_health> connectors;  ///< each connector's totals, by connector
  std::vector<route_health> routes;      ///< each route, by connector, region, network
  friend bool operator==(const routes_view&, const routes_view&) = default;
};
BOOST_DESCRIBE_STRUCT(routes_view, (), (deliveries, connectors, routes))

/// The routes of `deliveries` (one delivery's, or a day's across connectors).
/// Errors: those of tracker::routes.
[[nodiscard]] result<routes_view> make_routes_view(tracker& engine, std::span<const delivery_id> deliveries);

SMSTRACK_END_NAMESPACE

// Route health across deliveries (SPEC §13): each delivery's route tallies, merged by connector
// and by route (connector × region × network).
#include "tracker_impl.hpp"

#include <smstrack/policy/route_cost.hpp>
#include <smstrack/policy/route_tally.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

SMSTRACK_BEGIN_NAMESPACE
namespace {

// A route across deliveries; ordered as the report lists routes.
struct route_name {
  std::string connector;
  std::string region;
  network_code network;
  friend auto operator<=>(const route_name&, const route_name&) = default;
};

route_health named(const route_tally& tally, const route_name& name) {
  route_health row = tally.health();
  row.connector = name.connector;
  row.region = name.region;
  row.network = name.network;
  return row;
}

// The cost of routes by `prices`, summed; empty figures when the connector has no prices.
template <class Routes>
cost_figures cost_of_routes(const Routes& routes, const price_table* prices) {
  cost_figures total;
  if (prices == nullptr) return total;
  total.currency = std::string(prices->currency());
  for (const auto& [place, tally] : routes) add_cost(total, cost_of(tally, place.region, place.network, *prices));
  return total;
}

}  // namespace

indicators tracker::impl::priced_snapshot(const delivery_runtime& rt) const {
  indicators out = rt.snapshot();
  const auto prices = connectors.prices_of(rt.record().settings.connector);
  out.cost = cost_of_routes(rt.route_tallies(), prices.get());
  return out;
}

result<route_report> tracker::routes(std::span<const delivery_id> deliveries) {
  std::map<route_name, route_tally> by_route;
  std::map<std::string, route_tally> by_connector;
  const std::set<delivery_id> distinct(deliveries.begin(), deliveries.end());
  for (const delivery_id id : distinct) {
    auto merged = impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<void> {
      const std::string& connector = rt.record().settings.connector;
      for (const auto& [place, tally] : rt.route_tallies()) {
        by_route[route_name{connector, std::string(place.region), place.network}].merge(tally);
        by_connector[connector].merge(tally);
      }
      return {};
    });
    if (!merged) return merged.error();
  }
  route_report report;
  for (const auto& [name, tally] : by_route) {
    route_health& row = report.routes.emplace_back(named(tally, name));
    const auto prices = impl_->connectors.prices_of(name.connector);
    if (prices) row.cost = cost_of(tally, name.region, name.network, *prices);
  }
  for (const auto& [connector, tally] : by_connector) {
    route_health& row = report.connectors.emplace_back(named(tally, {connector, {}, {}}));
    // A connector costs what its routes cost: each priced for its own region and network.
    if (const auto prices = impl_->connectors.prices_of(connector)) row.cost.currency = std::string(prices->currency());
    for (const route_health& route : report.routes) {
      if (route.connector == connector) add_cost(row.cost, route.cost);
    }
  }
  return report;
}

SMSTRACK_END_NAMESPACE

// Route health across deliveries (SPEC §13): each delivery's route tallies, merged by connector
// and by route (connector × region × network).
#include "tracker_impl.hpp"

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

}  // namespace

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
  for (const auto& [connector, tally] : by_connector) report.connectors.push_back(named(tally, {connector, {}, {}}));
  for (const auto& [name, tally] : by_route) report.routes.push_back(named(tally, name));
  return report;
}

SMSTRACK_END_NAMESPACE

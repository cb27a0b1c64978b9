#include <smstrack/views/routes_view.hpp>

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE

result<routes_view> make_routes_view(tracker& engine, std::span<const delivery_id> deliveries) {
  auto report = engine.routes(deliveries);
  if (!report) return report.error();
  routes_view view;
  view.deliveries.assign(deliveries.begin(), deliveries.end());
  std::sort(view.deliveries.begin(), view.deliveries.end());
  view.deliveries.erase(std::unique(view.deliveries.begin(), view.deliveries.end()), view.deliveries.end());
  view.connectors = std::move(report->connectors);
  view.routes = std::move(report->routes);
  return view;
}

SMSTRACK_END_NAMESPACE

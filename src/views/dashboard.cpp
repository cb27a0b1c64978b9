#include <smstrack/views/dashboard.hpp>

SMSTRACK_BEGIN_NAMESPACE

result<delivery_logs_view> make_delivery_logs_view(tracker& engine, delivery_id id, const log_page_query& query) {
  auto logs = engine.logs(id, query);
  if (!logs) return logs.error();
  delivery_logs_view view;
  view.delivery = id;
  view.logs = std::move(*logs);
  if (!view.logs.empty() && view.logs.size() == query.limit) view.next = view.logs.back().id;
  return view;
}

result<dashboard> make_dashboard(tracker& engine, delivery_id id, const dashboard_options& options) {
  dashboard out;
  auto summary = make_summary_view(engine, id);
  if (!summary) return summary.error();
  out.summary = std::move(*summary);
  auto sms = make_sms_view(engine, id);
  if (!sms) return sms.error();
  out.sms = std::move(*sms);
  auto logs = make_delivery_logs_view(engine, id, options.logs);
  if (!logs) return logs.error();
  out.delivery_logs = std::move(*logs);
  auto exclusions = make_exclusions_view(engine, id, options.exclusions);
  if (!exclusions) return exclusions.error();
  out.exclusions = std::move(*exclusions);
  auto routes = make_routes_view(engine, std::span(&id, 1));
  if (!routes) return routes.error();
  out.routes = std::move(*routes);
  auto tracking = make_tracking_view(engine, id, options.clicks);
  if (!tracking) return tracking.error();
  out.tracking = std::move(*tracking);
  auto causes = make_causes_view(engine, id);
  if (!causes) return causes.error();
  out.causes = std::move(*causes);
  auto journal = make_audit_view(engine, id, options.journal);
  if (!journal) return journal.error();
  out.journal = std::move(*journal);
  return out;
}

SMSTRACK_END_NAMESPACE

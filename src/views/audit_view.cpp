#include <smstrack/views/audit_view.hpp>

SMSTRACK_BEGIN_NAMESPACE

result<audit_view> make_audit_view(tracker& engine, delivery_id id, const audit_query& query) {
  auto events = engine.journal(id, query);
  if (!events) return events.error();
  audit_view view;
  view.delivery = id;
  view.events = std::move(*events);
  if (!view.events.empty() && view.events.size() == query.limit) {
    view.next = audit_cursor{view.events.back().time, view.events.back().id};
  }
  return view;
}

SMSTRACK_END_NAMESPACE

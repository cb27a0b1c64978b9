#include <smstrack/views/causes_view.hpp>
#include <smstrack/views/exclusions_view.hpp>

SMSTRACK_BEGIN_NAMESPACE

result<exclusions_view> make_exclusions_view(tracker& engine, delivery_id id, const exclusion_query& query) {
  auto rows = engine.exclusions(id, query);
  if (!rows) return rows.error();
  exclusions_view view;
  view.delivery = id;
  view.reason = query.reason;
  view.exclusions = std::move(*rows);
  if (!view.exclusions.empty() && view.exclusions.size() == query.limit) view.next = view.exclusions.back().id;
  return view;
}

result<causes_view> make_causes_view(tracker& engine, delivery_id id) {
  auto record = engine.get_delivery(id);
  if (!record) return record.error();
  auto causes = engine.exclusion_causes(id);
  if (!causes) return causes.error();
  causes_view view;
  view.delivery = id;
  view.initial_population = record->initial_population;
  view.rejected = record->rejected;
  for (const exclusion_cause& cause : *causes) view.excluded += cause.count;
  view.causes = std::move(*causes);
  return view;
}

SMSTRACK_END_NAMESPACE

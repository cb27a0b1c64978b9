#include <smstrack/views/summary_view.hpp>

SMSTRACK_BEGIN_NAMESPACE

result<summary_view> make_summary_view(tracker& engine, delivery_id id) {
  auto d = engine.get_delivery(id);
  if (!d) return d.error();
  auto figures = engine.indicators_of(id);
  if (!figures) return figures.error();
  summary_view view;
  view.delivery = id;
  view.label = d->label;
  view.state = d->state;
  view.started = d->started;
  view.validity_end = d->validity_end;
  view.finished = d->finished;
  view.figures = std::move(*figures);
  for (const throughput_scale scale :
       {throughput_scale::one_hour, throughput_scale::three_hours, throughput_scale::twenty_four_hours}) {
    auto series = engine.throughput(id, scale);
    if (!series) return series.error();
    view.throughput.push_back(std::move(*series));
  }
  return view;
}

SMSTRACK_END_NAMESPACE

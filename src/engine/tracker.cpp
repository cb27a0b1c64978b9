// The tracker's doors for deliveries, their lifecycle and their logs. Every log status change
// goes through the status pipeline (status_pipeline.hpp); these doors translate.
#include "scratch.hpp"
#include "tracker_impl.hpp"

#include <smstrack/content/message_template.hpp>
#include <smstrack/content/sender_id.hpp>

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace {

using engine_detail::event_origin;

using engine_detail::status_event;

// The protocol's limit of parts of a concatenated message (SMPP sar_total_segments, one octet).
constexpr std::uint16_t max_sms_parts = 255;

// A content is storable text whose placeholders parse.
result<void> check_content(std::string_view content, std::size_t max_bytes) {
  if (auto ok = check_text("content", content, max_bytes); !ok) return ok;
  if (auto parsed = message_template::parse(content); !parsed) return parsed.error();
  return {};
}

// Fills the event a host's status change stands for, every field, in place; false, with the
// item's outcome set, when its network is malformed or its provider id does not normalize under
// the connector's rule.
bool fill_event(status_event& e, const status_change& change, std::size_t source,
                const std::optional<connector_profile>& profile, provider_key& key, change_outcome& outcome) {
  e.source = static_cast<std::uint32_t>(source);
  e.log = change.log;
  e.origin = event_origin::host;
  e.status = change.status;
  e.outcome = change_outcome::unknown_log;
  e.refused = false;
  e.changes = false;
  e.failure = {change.type, change.reason, true};
  e.provider_id = {};
  e.raw_text = change.text;
  e.made_text.clear();
  e.failed_as = nullptr;
  auto network = network_code::parse(change.network);
  if (!network) {
    outcome = change_outcome::invalid_argument;
    return false;
  }
  e.network = *network;
  if (change.provider_id.empty()) return true;
  auto normalized = normalize_provider_id(change.provider_id, profile->ids);
  if (!normalized) {
    outcome = change_outcome::invalid_argument;
    return false;
  }
  key = *normalized;
  e.provider_id = key.view();
  return true;
}

}  // namespace

tracker::tracker(storage& store, const smstrack::clock& clock, tracker_options options)
    : impl_(std::make_unique<impl>(store, clock, options)) {}
tracker::~tracker() = default;

const tracker_options& tracker::options() const noexcept { return impl_->options; }

bool tracker::evict(delivery_id id) { return impl_->deliveries.evict(id); }

std::size_t tracker::cached_deliveries() const { return impl_->deliveries.size(); }

result<delivery_id> tracker::create_delivery(const delivery_draft& draft) {
  if (draft.settings.validity <= duration::zero()) {
    return error{errc::invalid_settings, "validity must be positive, not " + format_duration(draft.settings.validity)};
  }
  if (draft.settings.max_parts > max_sms_parts) {
    return error{errc::invalid_settings, "max_parts is at most " + std::to_string(max_sms_parts) + ", not " +
                                             std::to_string(draft.settings.max_parts)};
  }
  if (auto host = check_tracking_host(draft.settings.tracking_host); !host) return host.error();
  if (auto ok = check_text("label", draft.label, impl_->options.max_label_bytes); !ok) return ok.error();
  if (auto ok = check_content(draft.content, impl_->options.max_content_bytes); !ok) return ok.error();
  if (auto ok = check_sender(draft.sender); !ok) return ok.error();
  delivery d;
  d.label = draft.label;
  d.content = draft.content;
  d.sender = draft.sender;
  d.settings = draft.settings;
  d.created = d.last_modified = impl_->now();
  auto id = impl_->store().deliveries().create(d);
  if (!id) return id;
  audit_event created{*id, 0, d.created, audit_severity::info, audit_code::delivery_created,
                      "Delivery '" + d.label + "' created", std::nullopt};
  if (auto written = impl_->store().audit().append(std::span<const audit_event>(&created, 1)); !written) {
    return written.error();
  }
  return id;
}

result<delivery> tracker::get_delivery(delivery_id id) {
  return impl_->deliveries.locked(id, [](delivery_runtime& rt) -> result<delivery> { return rt.record(); }, false);
}

result<void> tracker::edit_content(delivery_id id, std::string_view content) {
  if (auto ok = check_content(content, impl_->options.max_content_bytes); !ok) return ok;
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<void> {
    if (!is_content_editable(rt.record().state)) {
      return error{errc::content_frozen, "delivery " + std::to_string(id) + " is " + name_of(rt.record().state)};
    }
    delivery next = rt.record();
    next.content = std::string(content);
    const timestamp now = impl_->now();
    if (auto saved = rt.save(impl_->store(), std::move(next), now); !saved) return saved;
    rt.note(now, audit_severity::info, audit_code::content_edited, "Content edited");
    return {};
  }, false);
}

result<analysis_report> tracker::analyse(delivery_id id, std::span<const recipient> target, const typology& rules) {
  if (auto valid = validate(rules); !valid) return valid.error();
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) { return impl_->analyse(rt, target, rules); });
}

result<void> tracker::reopen(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<void> {
    if (auto legal = check_transition(rt.record().state, delivery_state::editing); !legal) return legal;
    if (auto discarded = impl_->discard_analysis(rt); !discarded) return discarded;
    delivery next = rt.record();
    next.state = delivery_state::editing;
    next.analysed.reset();
    next.initial_population = 0;
    next.rejected = 0;
    const timestamp now = impl_->now();
    if (auto saved = rt.save(impl_->store(), std::move(next), now); !saved) return saved;
    rt.note(now, audit_severity::info, audit_code::analysis_discarded, "Analysis discarded; delivery reopened for editing");
    return {};
  });
}

result<void> tracker::impl::start(delivery_runtime& rt, std::string_view by) {
  if (auto legal = check_transition(rt.record().state, delivery_state::start_pending); !legal) return legal;
  delivery next = rt.record();
  const timestamp at = now();
  next.state = delivery_state::start_pending;
  next.started = at;
  next.started_by = std::string(by);
  next.validity_end = at + next.settings.validity;
  if (auto saved = rt.save(store(), std::move(next), at); !saved) return saved;
  rt.note(at, audit_severity::info, audit_code::delivery_started,
          "Delivery started by " + std::string(by) + "; valid until " + format_timestamp(*rt.record().validity_end));
  return engine_detail::follow_lifecycle(context, rt, at, false, false, false);
}

result<std::uint64_t> tracker::impl::cancel_pending(delivery_runtime& rt) {
  std::uint64_t canceled = 0;
  std::vector<status_event> events;
  const timestamp at = now();
  for (log_id after = 0;;) {
    auto page = store().logs().page(rt.record().id, {log_status::pending, after, options.write_batch});
    if (!page) return page.error();
    if (page->empty()) break;
    events.clear();
    for (const delivery_log& log : *page) {
      status_event& e = events.emplace_back();
      e.origin = event_origin::cancel;
      e.log = log.id;
      e.status = log_status::canceled;
      e.failure = {failure_type::ignored, failure_reason::not_defined, false};
    }
    auto ran = run_events(rt, events, at);
    if (!ran) return ran.error();
    canceled += ran->applied;
    after = page->back().id;
  }
  return canceled;
}

result<void> tracker::start(delivery_id id, std::string_view started_by) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) { return impl_->start(rt, started_by); });
}

result<void> tracker::pause(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<void> {
    const auto path = {delivery_state::pause_requested, delivery_state::pause_in_progress, delivery_state::paused};
    const timestamp now = impl_->now();
    if (auto moved = rt.move(impl_->store(), path, now); !moved) return moved;
    rt.note(now, audit_severity::info, audit_code::delivery_paused, "Delivery paused");
    return {};
  });
}

result<void> tracker::resume(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<void> {
    const timestamp now = impl_->now();
    if (auto moved = rt.move(impl_->store(), {delivery_state::in_progress}, now); !moved) return moved;
    rt.note(now, audit_severity::info, audit_code::delivery_resumed, "Delivery resumed");
    return engine_detail::follow_lifecycle(impl_->context, rt, now, false, false, false);
  });
}

result<void> tracker::stop(delivery_id id, std::string_view stopped_by) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<void> {
    if (auto legal = check_transition(rt.record().state, delivery_state::stopped); !legal) return legal;
    const bool was_sending = is_sending(rt.record().state);
    const timestamp now = impl_->now();
    if (auto moved = rt.move(impl_->store(), {delivery_state::stopped}, now); !moved) return moved;
    rt.note(now, audit_severity::info, audit_code::delivery_stopped, "Delivery stopped by " + std::string(stopped_by));
    if (!was_sending) return {};
    auto canceled = impl_->cancel_pending(rt);
    if (!canceled) return canceled.error();
    rt.note(now, audit_severity::info, audit_code::logs_canceled, std::to_string(*canceled) + " pending log(s) canceled");
    return {};
  });
}

result<bool> tracker::check_validity(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<bool> {
    const timestamp now = impl_->now();
    const delivery_state state = rt.record().state;
    const bool pending_left = state == delivery_state::finished && rt.waiting() > 0;
    if (!(is_sending(state) || pending_left) || !rt.record().validity_end || now < *rt.record().validity_end) return false;
    rt.note(now, audit_severity::info, audit_code::validity_ended,
            "Validity ended at " + format_timestamp(*rt.record().validity_end));
    auto canceled = impl_->cancel_pending(rt);
    if (!canceled) return canceled.error();
    rt.note(now, audit_severity::info, audit_code::logs_canceled, std::to_string(*canceled) + " pending log(s) canceled");
    if (is_sending(rt.record().state)) {
      if (auto finished = rt.finish(impl_->store(), "validity ended", now); !finished) return finished.error();
    }
    return true;
  });
}

result<update_summary> tracker::update_logs(delivery_id id, std::span<const status_change> changes,
                                            std::span<change_outcome> outcomes) {
  if (auto sized = engine_detail::check_sizes(outcomes.size(), changes.size(), "changes"); !sized) return sized.error();
  // The thread's own buffers.
  engine_detail::scratch<std::vector<provider_key>> keys_buffer;
  engine_detail::scratch<engine_detail::event_buffer> events_buffer;
  std::vector<provider_key>& keys = keys_buffer.get();
  std::span<status_event> events;
  auto updated = impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<update_summary> {
    if (!rt.record().started) {
      return error{errc::illegal_transition, "delivery " + std::to_string(id) + " is " + name_of(rt.record().state) +
                                                 ": logs change only after the start"};
    }
    // Provider ids are normalized by the delivery's connector: its profile is read only for them.
    std::optional<connector_profile> profile;
    if (std::any_of(changes.begin(), changes.end(), [](const status_change& c) { return !c.provider_id.empty(); })) {
      profile = impl_->connectors.of(rt.record().settings.connector);
      keys.resize(changes.size());
    }
    const std::span<status_event> slots = events_buffer.get().take(changes.size());  // refilled field by field
    std::size_t kept = 0;
    update_summary summary;
    provider_key no_key;  // for the changes without an id: fill_event leaves it alone
    for (std::size_t i = 0; i < changes.size(); ++i) {
      if (fill_event(slots[kept], changes[i], i, profile, keys.empty() ? no_key : keys[i], outcomes[i])) ++kept;
      else ++summary.refused;
    }
    events = slots.first(kept);
    auto ran = impl_->run_events(rt, events, impl_->now());
    if (!ran) return ran.error();
    for (const status_event& e : events) {
      outcomes[e.source] = e.outcome;
      if (e.outcome == change_outcome::applied) ++summary.applied;
      else if (e.outcome == change_outcome::unchanged) ++summary.unchanged;
      else ++summary.refused;
    }
    return summary;
  });
  return updated;
}

result<indicators> tracker::indicators_of(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<indicators> { return impl_->priced_snapshot(rt); });
}

result<indicators> tracker::recompute(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<indicators> {
    if (auto fresh = impl_->store().deliveries().get(id)) rt.reload(std::move(*fresh));
    else return fresh.error();
    if (auto rebuilt = rt.rebuild(impl_->context); !rebuilt) return rebuilt.error();
    return impl_->priced_snapshot(rt);
  });
}

result<throughput_series> tracker::throughput(delivery_id id, throughput_scale scale) {
  if (detail::enum_name(scale).empty()) {
    return error{errc::invalid_argument, "throughput scale " + std::to_string(static_cast<unsigned>(scale)) +
                                             " is not one_hour, three_hours or twenty_four_hours"};
  }
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<throughput_series> {
    return rt.throughput(scale, impl_->now());
  });
}

result<std::vector<delivery_log>> tracker::logs(delivery_id id, const log_page_query& query) {
  if (auto ok = impl_->check_page(query.limit); !ok) return ok.error();
  if (query.status && !is_known(*query.status)) {
    return error{errc::invalid_argument,
                 "log status " + std::to_string(static_cast<unsigned>(*query.status)) + " is not a status"};
  }
  if (auto rt = impl_->deliveries.runtime_of(id); !rt) return rt.error();
  return impl_->store().logs().page(id, query);
}

result<std::vector<exclusion_log>> tracker::exclusions(delivery_id id, const exclusion_query& query) {
  if (auto ok = impl_->check_page(query.limit); !ok) return ok.error();
  if (auto rt = impl_->deliveries.runtime_of(id); !rt) return rt.error();
  return impl_->store().exclusions().page(id, query);
}

result<std::vector<exclusion_cause>> tracker::exclusion_causes(delivery_id id) {
  if (auto rt = impl_->deliveries.runtime_of(id); !rt) return rt.error();
  return impl_->store().exclusions().causes(id);
}

result<std::vector<audit_event>> tracker::journal(delivery_id id, const audit_query& query) {
  if (auto ok = impl_->check_page(query.limit); !ok) return ok.error();
  if (auto rt = impl_->deliveries.runtime_of(id); !rt) return rt.error();
  return impl_->store().audit().query(id, query);
}

SMSTRACK_END_NAMESPACE

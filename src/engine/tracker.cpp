#include "tracker_impl.hpp"

#include <smstrack/content/message_template.hpp>
#include <smstrack/content/sender_id.hpp>

SMSTRACK_BEGIN_NAMESPACE

tracker::tracker(storage& store, const smstrack::clock& clock, tracker_options options)
    : impl_(std::make_unique<impl>(store, clock, options)) {}
tracker::~tracker() = default;

const tracker_options& tracker::options() const noexcept { return impl_->options; }

bool tracker::evict(delivery_id id) {
  std::unique_lock lock(impl_->runtimes_mutex);
  const auto found = impl_->runtimes.find(id);
  if (found == impl_->runtimes.end()) return false;
  const std::shared_ptr<delivery_runtime> runtime = found->second;  // outlives its lock below
  {
    std::lock_guard runtime_lock(runtime->mutex);
    if (!runtime->unwritten_journal.empty()) return false;
  }
  impl_->runtimes.erase(found);
  return true;
}

std::size_t tracker::cached_deliveries() const {
  std::shared_lock lock(impl_->runtimes_mutex);
  return impl_->runtimes.size();
}

namespace {

// The protocol's limit of parts of a concatenated message (SMPP sar_total_segments, one octet).
constexpr std::uint16_t max_sms_parts = 255;

// A content is storable text whose placeholders parse.
result<void> check_content(std::string_view content, std::size_t max_bytes) {
  if (auto ok = check_text("content", content, max_bytes); !ok) return ok;
  if (auto parsed = message_template::parse(content); !parsed) return parsed.error();
  return {};
}

}  // namespace

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
  d.created = d.last_modified = impl_->clock.now();
  auto id = guarded([&] { return impl_->store.deliveries().create(d); });
  if (!id) return id;
  audit_event created{*id, 0, d.created, audit_severity::info, audit_code::delivery_created,
                      "Delivery '" + d.label + "' created", std::nullopt};
  if (auto written = guarded([&] { return impl_->store.audit().append(std::span<const audit_event>(&created, 1)); });
      !written) {
    return written.error();
  }
  return id;
}

result<delivery> tracker::get_delivery(delivery_id id) {
  return impl_->locked(id, [](delivery_runtime& rt) -> result<delivery> { return rt.record; }, false);
}

result<void> tracker::edit_content(delivery_id id, std::string_view content) {
  if (auto ok = check_content(content, impl_->options.max_content_bytes); !ok) return ok;
  return impl_->locked(id, [&](delivery_runtime& rt) -> result<void> {
    if (!is_content_editable(rt.record.state)) {
      return error{errc::content_frozen, "delivery " + std::to_string(id) + " is " + name_of(rt.record.state)};
    }
    delivery next = rt.record;
    next.content = std::string(content);
    if (auto saved = impl_->save(rt, std::move(next)); !saved) return saved;
    impl_->note(rt, audit_severity::info, audit_code::content_edited, "Content edited");
    return {};
  }, false);
}

result<analysis_report> tracker::analyse(delivery_id id, std::span<const recipient> target, const typology& rules) {
  if (auto valid = validate(rules); !valid) return valid.error();
  return impl_->locked(id, [&](delivery_runtime& rt) { return impl_->analyse(rt, target, rules); });
}

result<void> tracker::reopen(delivery_id id) {
  return impl_->locked(id, [&](delivery_runtime& rt) -> result<void> {
    if (auto legal = check_transition(rt.record.state, delivery_state::editing); !legal) return legal;
    if (auto discarded = impl_->discard_analysis(rt); !discarded) return discarded;
    delivery next = rt.record;
    next.state = delivery_state::editing;
    next.analysed.reset();
    next.initial_population = 0;
    next.rejected = 0;
    if (auto saved = impl_->save(rt, std::move(next)); !saved) return saved;
    impl_->note(rt, audit_severity::info, audit_code::analysis_discarded, "Analysis discarded; delivery reopened for editing");
    return {};
  });
}

result<void> tracker::start(delivery_id id, std::string_view started_by) {
  return impl_->locked(id, [&](delivery_runtime& rt) { return impl_->start(rt, started_by); });
}

result<void> tracker::pause(delivery_id id) {
  return impl_->locked(id, [&](delivery_runtime& rt) -> result<void> {
    const auto path = {delivery_state::pause_requested, delivery_state::pause_in_progress, delivery_state::paused};
    if (auto moved = impl_->move(rt, path); !moved) return moved;
    impl_->note(rt, audit_severity::info, audit_code::delivery_paused, "Delivery paused");
    return {};
  });
}

result<void> tracker::resume(delivery_id id) {
  return impl_->locked(id, [&](delivery_runtime& rt) -> result<void> {
    if (auto moved = impl_->move(rt, {delivery_state::in_progress}); !moved) return moved;
    impl_->note(rt, audit_severity::info, audit_code::delivery_resumed, "Delivery resumed");
    return impl_->follow_progress(rt, false);
  });
}

result<void> tracker::stop(delivery_id id, std::string_view stopped_by) {
  return impl_->locked(id, [&](delivery_runtime& rt) { return impl_->stop(rt, stopped_by); });
}

result<bool> tracker::check_validity(delivery_id id) {
  return impl_->locked(id, [&](delivery_runtime& rt) { return impl_->check_validity(rt); });
}

result<update_summary> tracker::update_logs(delivery_id id, std::span<const status_change> changes,
                                            std::span<change_outcome> outcomes) {
  if (changes.size() != outcomes.size()) {
    return error{errc::invalid_argument, "outcomes has " + std::to_string(outcomes.size()) + " elements for " +
                                             std::to_string(changes.size()) + " changes"};
  }
  return impl_->locked(id, [&](delivery_runtime& rt) -> result<update_summary> {
    if (!rt.record.started) {
      return error{errc::illegal_transition, "delivery " + std::to_string(id) + " is " + name_of(rt.record.state) +
                                                 ": logs change only after the start"};
    }
    auto summary = impl_->apply_changes(rt, changes, outcomes);
    if (!summary) return summary;
    if (auto healed = impl_->heal_drift(rt); !healed) return healed.error();
    if (auto progressed = impl_->follow_progress(rt, summary->applied > 0); !progressed) return progressed.error();
    return summary;
  });
}

result<indicators> tracker::indicators_of(delivery_id id) {
  return impl_->locked(id, [](delivery_runtime& rt) -> result<indicators> { return rt.counters.snapshot(rt.counts); });
}

result<indicators> tracker::recompute(delivery_id id) {
  return impl_->locked(id, [&](delivery_runtime& rt) -> result<indicators> {
    if (auto fresh = guarded([&] { return impl_->store.deliveries().get(id); })) rt.record = std::move(*fresh);
    else return fresh.error();
    if (auto rebuilt = impl_->rebuild_counters(rt); !rebuilt) return rebuilt.error();
    return rt.counters.snapshot(rt.counts);
  });
}

result<throughput_series> tracker::throughput(delivery_id id, throughput_scale scale) {
  return impl_->locked(id, [&](delivery_runtime& rt) -> result<throughput_series> {
    return rt.counters.throughput(scale, impl_->clock.now());
  });
}

result<std::vector<delivery_log>> tracker::logs(delivery_id id, const log_page_query& query) {
  if (auto ok = impl_->check_page(query.limit); !ok) return ok.error();
  if (auto rt = impl_->runtime_of(id); !rt) return rt.error();
  return guarded([&] { return impl_->store.logs().page(id, query); });
}

result<std::vector<exclusion_log>> tracker::exclusions(delivery_id id, const exclusion_query& query) {
  if (auto ok = impl_->check_page(query.limit); !ok) return ok.error();
  if (auto rt = impl_->runtime_of(id); !rt) return rt.error();
  return guarded([&] { return impl_->store.exclusions().page(id, query); });
}

result<std::vector<exclusion_cause>> tracker::exclusion_causes(delivery_id id) {
  if (auto rt = impl_->runtime_of(id); !rt) return rt.error();
  return guarded([&] { return impl_->store.exclusions().causes(id); });
}

result<std::vector<audit_event>> tracker::journal(delivery_id id, const audit_query& query) {
  if (auto ok = impl_->check_page(query.limit); !ok) return ok.error();
  if (auto rt = impl_->runtime_of(id); !rt) return rt.error();
  return guarded([&] { return impl_->store.audit().query(id, query); });
}

SMSTRACK_END_NAMESPACE

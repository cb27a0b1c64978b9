// The tracker's internals, shared by the sources that implement its methods (tracker.cpp for
// deliveries and logs, tracker_receipts.cpp for acks, receipts, quarantine and retries).
#pragma once

#include <smstrack/engine/tracker.hpp>

#include "port_call.hpp"
#include "quarantine_settlement.hpp"

#include <smstrack/model/json.hpp>
#include <smstrack/model/phone_number.hpp>
#include <smstrack/policy/indicator_counters.hpp>
#include <smstrack/policy/lifecycle.hpp>
#include <smstrack/policy/log_transitions.hpp>
#include <smstrack/text/utf8.hpp>

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <shared_mutex>

SMSTRACK_BEGIN_NAMESPACE
using detail::guarded;

namespace engine_detail {

inline std::string name_of(delivery_state s) { return std::string(detail::enum_name(s)); }

// Log writes planned over their logs' digests: updates[k] comes from change sources[k], whose
// log stood at digests[sources[k]] before it; writes[k] is what the store did with it.
struct planned_writes {
  std::vector<std::optional<log_digest>> digests;
  std::vector<log_update> updates;
  std::vector<std::size_t> sources;
  std::vector<write_outcome> writes;

  void clear() {
    digests.clear();
    updates.clear();
    sources.clear();
    writes.clear();
  }
  [[nodiscard]] std::size_t bytes() const {
    return digests.capacity() * sizeof(digests[0]) + updates.capacity() * sizeof(log_update) +
           sources.capacity() * sizeof(std::size_t) + writes.capacity() * sizeof(write_outcome);
  }
};

// Everything the tracker keeps about one delivery between calls.
struct delivery_runtime {
  std::mutex mutex;
  bool loaded = false;
  delivery record;  // cache of the stored record; refreshed on a revision conflict
  indicator_counters counters;
  delivery_counts counts;
  std::vector<audit_event> unwritten_journal;  // lines the store has not accepted yet
  // Scratch buffers reused by update_logs, so a batch allocates nothing once warm.
  std::vector<log_id> scratch_ids;
  planned_writes scratch_plan;
  boost::unordered_flat_map<log_id, log_digest> scratch_latest;
  // The logs that clicked, loaded from the click logs on the first click after a (re)load: any
  // link, and links counted in the click-through rate.
  bool clickers_loaded = false;
  boost::unordered_flat_set<log_id> clickers;
  boost::unordered_flat_set<log_id> click_through_clickers;
};

// Statuses whose type and reason mean something; others store not_defined.
inline bool carries_reason(log_status s) {
  return s == log_status::failed || s == log_status::ignored || s == log_status::canceled;
}

// A receipt that overtook its ack, owned until the ack lands or its grace period ends.
struct held_receipt {
  std::string text;
  std::optional<std::string> receipted_message_id;
  std::optional<std::uint8_t> message_state;
  std::optional<std::string> network_error_code;
  timestamp received{};
};

// Held receipts by connector and normalized id.
struct held_key {
  std::string connector;
  provider_key key;
  friend bool operator==(const held_key&, const held_key&) = default;
};
struct held_key_hash {
  std::size_t operator()(const held_key& k) const noexcept {
    return std::hash<std::string_view>{}(k.connector) * 31 + std::hash<std::string_view>{}(k.key.view());
  }
};

// What an analysis learned of the content: its URLs, and what the messages cost.
struct content_facts {
  content_links links;
  message_summary messages;
  std::uint64_t oversized = 0;  // messages excluded for their size
  std::uint16_t max_parts = 0;
};

}  // namespace engine_detail

using engine_detail::carries_reason;
using engine_detail::content_facts;

/// Makes a number denylisted for a short code after a click on an opt-out link; whether it
/// changed anything (tracker_quarantine.cpp).
result<bool> opt_out_by_link(tracker::impl& self, const quarantine_key& key, delivery_id delivery, timestamp at,
                             std::string_view link);
using engine_detail::delivery_runtime;
using engine_detail::held_receipt;
using engine_detail::planned_writes;
using engine_detail::name_of;

struct tracker::impl {
  impl(storage& s, const smstrack::clock& c, tracker_options o) : store(s), clock(c), options(o) {}

  storage& store;
  const smstrack::clock& clock;
  tracker_options options;
  mutable std::shared_mutex runtimes_mutex;
  boost::unordered_flat_map<delivery_id, std::shared_ptr<delivery_runtime>> runtimes;

  // Receipt path state (tracker_receipts.cpp).
  mutable std::shared_mutex connectors_mutex;
  std::map<std::string, connector_profile, std::less<>> connectors;
  mutable std::mutex held_mutex;
  boost::unordered_flat_map<engine_detail::held_key, std::vector<held_receipt>, engine_detail::held_key_hash> held;
  std::size_t held_count = 0;
  // Quarantine decisions for one address are serialized by the stripe its number hashes to. A
  // large batch takes every stripe at once, then perhaps its delivery's lock: 32 keeps the locks
  // one thread holds within what ThreadSanitizer's deadlock detector tracks (64). Stripes are
  // taken before a delivery's lock, never while holding it (quarantine_settlement.hpp).
  static constexpr std::size_t quarantine_stripe_count = 32;
  std::array<std::mutex, quarantine_stripe_count> quarantine_stripes;
  // Tracking keys (tracker_content.cpp).
  std::atomic<tracking_keys*> keys{nullptr};
  // Keyword rules for replies (tracker_quarantine.cpp).
  mutable std::shared_mutex keyword_rules_mutex;
  std::vector<keyword_rule> keyword_rules = default_keyword_rules();
  // Decisions the quarantine store refused, stored first by the next settlement.
  std::mutex quarantine_backlog_mutex;
  std::vector<engine_detail::kept_quarantine_events> quarantine_backlog;

  // ----- runtime access -------------------------------------------------------------------

  // The runtime of a delivery, created on first use; its lock is not held.
  result<std::shared_ptr<delivery_runtime>> runtime_of(delivery_id id) {
    {
      std::shared_lock lock(runtimes_mutex);
      if (const auto found = runtimes.find(id); found != runtimes.end()) return found->second;
    }
    auto record = guarded([&] { return store.deliveries().get(id); });
    if (!record) return record.error();
    std::unique_lock lock(runtimes_mutex);
    auto& slot = runtimes[id];
    if (!slot) {
      slot = std::make_shared<delivery_runtime>();
      slot->record = std::move(*record);
    }
    return slot;
  }

  // Loads the counters on first use (a recompute). Caller holds the runtime's lock.
  result<void> ensure_loaded(delivery_runtime& rt) {
    if (rt.loaded) return {};
    return rebuild_counters(rt);
  }

  result<void> rebuild_counters(delivery_runtime& rt) {
    const delivery_id id = rt.record.id;
    indicator_counters counters;
    log_id after = 0;
    for (;;) {
      auto page = guarded([&] { return store.logs().scan_digests(id, after, options.write_batch); });
      if (!page) return page.error();
      for (const log_digest& digest : *page) counters.add(digest);
      if (page->size() < options.write_batch) break;
      after = page->back().id;
    }
    auto counts = count_other_indicators(rt.record);
    if (!counts) return counts.error();
    rt.counters = std::move(counters);
    rt.counts = *counts;
    rt.loaded = true;
    rt.clickers_loaded = false;
    return {};
  }

  // The renderer of a delivery's messages with its URL registry (tracker_content.cpp).
  result<message_renderer> rendering_of(const delivery& d, std::span<const tracked_url> registry);

  result<delivery_counts> count_other_indicators(const delivery& d) {
    delivery_counts counts;
    counts.initial_population = d.initial_population;
    counts.rejected = d.rejected;
    auto quarantined = guarded([&] { return store.quarantine().count_quarantined_by(d.id); });
    if (!quarantined) return quarantined.error();
    counts.new_quarantines = *quarantined;
    auto urls = guarded([&] { return store.tracking().urls(d.id); });
    if (!urls) return urls.error();
    auto clicks = guarded([&] { return store.tracking().click_counts(d.id); });
    if (!clicks) return clicks.error();
    std::vector<url_id> all_urls;
    std::vector<url_id> counted_urls;
    boost::unordered_flat_map<url_id, tracked_url_type> types;
    for (const tracked_url& url : *urls) {
      all_urls.push_back(url.id);
      types.emplace(url.id, url.type);
      if (counts_in_click_through(url.type)) counted_urls.push_back(url.id);
    }
    for (const url_click_count& count : *clicks) {
      counts.clicks += count.clicks;
      const auto type = types.find(count.url);
      if (type != types.end() && type->second == tracked_url_type::opt_out) counts.opt_outs += count.clicks;
    }
    auto distinct = guarded([&] { return store.tracking().distinct_clickers(d.id, all_urls); });
    if (!distinct) return distinct.error();
    counts.distinct_clicks = *distinct;
    auto counted = guarded([&] { return store.tracking().distinct_clickers(d.id, counted_urls); });
    if (!counted) return counted.error();
    counts.click_through_clickers = *counted;
    auto opted_out = guarded([&] { return store.replies().count_opt_outs(d.id); });
    if (!opted_out) return opted_out.error();
    counts.opt_outs += *opted_out;
    return counts;
  }

  // ----- journal and record ---------------------------------------------------------------

  void note(delivery_runtime& rt, audit_severity severity, audit_code code, std::string message,
            std::optional<std::string> details = std::nullopt) {
    audit_event event;
    event.delivery = rt.record.id;
    event.time = clock.now();
    event.severity = severity;
    event.code = code;
    event.message = std::move(message);
    event.details = std::move(details);
    rt.unwritten_journal.push_back(std::move(event));
  }

  // Writes the lines noted so far. On failure they stay queued for the next operation.
  result<void> flush_journal(delivery_runtime& rt) {
    if (rt.unwritten_journal.empty()) return {};
    auto written = guarded([&] { return store.audit().append(rt.unwritten_journal); });
    if (!written) return error{errc::storage_failure, "journal not written (kept for the next operation): " +
                                                          written.error().message()};
    rt.unwritten_journal.clear();
    return {};
  }

  // Stores `next` as the delivery's record (compare-and-set on the revision).
  result<void> save(delivery_runtime& rt, delivery next) {
    next.last_modified = clock.now();
    auto revision = guarded([&] { return store.deliveries().update(next); });
    if (!revision) {
      if (revision.error() == errc::revision_conflict) {
        if (auto fresh = guarded([&] { return store.deliveries().get(rt.record.id); })) rt.record = std::move(*fresh);
      }
      return revision.error();
    }
    next.revision = *revision;
    rt.record = std::move(next);
    return {};
  }

  // Moves the delivery along `path`, stores it, and journals.
  result<void> move(delivery_runtime& rt, std::initializer_list<delivery_state> path) {
    if (auto legal = check_path(rt.record.state, path); !legal) return legal;
    delivery next = rt.record;
    next.state = *(path.end() - 1);
    return save(rt, std::move(next));
  }

  // ----- log changes ----------------------------------------------------------------------

  result<update_summary> apply_changes(delivery_runtime& rt, std::span<const status_change> changes,
                                       std::span<change_outcome> outcomes) {
    const timestamp now = clock.now();
    rt.scratch_ids.clear();
    for (const status_change& change : changes) rt.scratch_ids.push_back(change.log);
    planned_writes& plan = rt.scratch_plan;
    plan.clear();
    plan.digests.assign(changes.size(), std::nullopt);
    if (auto read = guarded([&] { return store.logs().read_digests(rt.record.id, rt.scratch_ids, plan.digests); });
        !read) {
      return read.error();
    }
    update_summary summary;
    rt.scratch_latest.clear();
    for (std::size_t i = 0; i < changes.size(); ++i) {
      outcomes[i] = plan_change(rt, changes[i], i, now);
      if (outcomes[i] == change_outcome::unchanged) ++summary.unchanged;
      else if (outcomes[i] != change_outcome::applied) ++summary.refused;
    }
    if (auto written = write_planned(rt, plan, outcomes, summary); !written) return written.error();
    return summary;
  }

  // The store update that moves a log from `current` as `change` asks (its legality checked).
  static log_update planned_update(const log_digest& current, const status_change& change, timestamp now) {
    const bool keeps_reason = carries_reason(change.status);
    const bool is_retry = current.status == log_status::failed && change.status == log_status::pending;
    return {change.log,
            current.status,
            change.status,
            keeps_reason ? change.type : failure_type::not_defined,
            keeps_reason ? change.reason : failure_reason::not_defined,
            static_cast<std::uint16_t>(current.retries + (is_retry ? 1 : 0)),
            now,
            change.provider_id,
            change.text};
  }

  // The digest a log has once `update` is written over `before`.
  static log_digest digest_after(const log_digest& before, const log_update& update) {
    return {update.id,         update.status,  update.type,   update.reason,
            before.seed,       update.retries, update.updated, before.address};
  }

  // Writes the planned updates of the delivery's logs. Applied writes move the counters; refused
  // ones get their outcome.
  result<void> write_planned(delivery_runtime& rt, planned_writes& plan, std::span<change_outcome> outcomes,
                             update_summary& summary) {
    plan.writes.assign(plan.updates.size(), write_outcome::applied);
    if (!plan.updates.empty()) {
      auto written = guarded([&] { return store.logs().update(rt.record.id, plan.updates, plan.writes); });
      if (!written) return written.error();
    }
    for (std::size_t k = 0; k < plan.updates.size(); ++k) {
      const std::size_t source = plan.sources[k];
      switch (plan.writes[k]) {
        case write_outcome::applied:
          rt.counters.replace(*plan.digests[source], digest_after(*plan.digests[source], plan.updates[k]));
          ++summary.applied;
          continue;
        case write_outcome::not_found: outcomes[source] = change_outcome::unknown_log; break;
        case write_outcome::conflict: outcomes[source] = change_outcome::conflict; break;
        case write_outcome::provider_id_taken: outcomes[source] = change_outcome::provider_id_taken; break;
      }
      ++summary.refused;
    }
    return {};
  }

  // Decides one change against the log's current digest (the stored one, or the one an earlier
  // change of this batch left). Queues the store update when the change is legal.
  change_outcome plan_change(delivery_runtime& rt, const status_change& change, std::size_t index, timestamp now) {
    const auto latest = rt.scratch_latest.find(change.log);
    std::optional<log_digest>& stored = rt.scratch_plan.digests[index];
    if (latest != rt.scratch_latest.end()) stored = latest->second;
    if (!stored) return change_outcome::unknown_log;
    const log_digest& current = *stored;
    const log_update update = planned_update(current, change, now);
    const bool same_status = current.status == change.status;
    if (same_status && current.type == update.type && current.reason == update.reason && change.provider_id.empty()) {
      return change_outcome::unchanged;
    }
    // The same status with a provider id records one more id (another part of the message).
    if (!same_status && !is_legal_log_transition(current.status, change.status)) return change_outcome::illegal_transition;
    rt.scratch_plan.updates.push_back(update);
    rt.scratch_plan.sources.push_back(index);
    rt.scratch_latest.insert_or_assign(change.log, digest_after(current, update));
    return change_outcome::applied;
  }

  // Counters that drifted from the store (another writer changed logs behind this tracker's
  // back) are rebuilt from the store, and the journal says so.
  result<void> heal_drift(delivery_runtime& rt) {
    if (!rt.counters.drifted()) return {};
    if (auto rebuilt = rebuild_counters(rt); !rebuilt) return rebuilt;
    note(rt, audit_severity::warning, audit_code::indicators_recomputed,
         "Indicators recomputed: the logs changed outside this tracker");
    return {};
  }

  // Sends start_pending deliveries to in_progress and finishes deliveries with nothing left.
  result<void> follow_progress(delivery_runtime& rt, bool anything_applied) {
    if (anything_applied && rt.record.state == delivery_state::start_pending) {
      if (auto moved = move(rt, {delivery_state::in_progress}); !moved) return moved;
    }
    if (is_sending(rt.record.state) && rt.counters.waiting() == 0) return finish(rt, "every message is final");
    return {};
  }

  result<void> finish(delivery_runtime& rt, std::string_view why) {
    delivery next = rt.record;
    if (auto legal = check_transition(next.state, delivery_state::finished); !legal) return legal;
    next.state = delivery_state::finished;
    next.finished = clock.now();
    if (auto saved = save(rt, std::move(next)); !saved) return saved;
    note(rt, audit_severity::info, audit_code::delivery_finished, "Delivery finished: " + std::string(why));
    return {};
  }

  // Cancels every pending log of the delivery, in batches. Returns how many were canceled.
  result<std::uint64_t> cancel_pending(delivery_runtime& rt, failure_reason reason) {
    std::uint64_t canceled = 0;
    std::vector<status_change> changes;
    std::vector<change_outcome> outcomes;
    log_id after = 0;
    for (;;) {
      auto page = guarded([&] {
        return store.logs().page(rt.record.id, {log_status::pending, after, options.write_batch});
      });
      if (!page) return page.error();
      if (page->empty()) break;
      changes.clear();
      for (const delivery_log& log : *page) {
        changes.push_back({log.id, log_status::canceled, failure_type::ignored, reason, {}, {}});
      }
      outcomes.resize(changes.size());
      auto applied = apply_changes(rt, changes, outcomes);
      if (!applied) return applied.error();
      canceled += applied->applied;
      after = page->back().id;
    }
    return canceled;
  }

  // ----- analysis (tracker_analysis.cpp) ---------------------------------------------------

  result<analysis_report> analyse(delivery_runtime& rt, std::span<const recipient> target, const typology& rules);
  result<void> discard_analysis(delivery_runtime& rt);
  void journal_analysis(delivery_runtime& rt, const analysis_report& report, timestamp started);
  // A failed analysis leaves nothing behind: its rows are removed and the delivery goes to
  // preparation_failed.
  error fail_analysis(delivery_runtime& rt, error cause);
  result<message_renderer> prepare_content(delivery_runtime& rt, content_facts& content);

  // ----- lifecycle ------------------------------------------------------------------------

  result<void> start(delivery_runtime& rt, std::string_view by) {
    if (auto legal = check_transition(rt.record.state, delivery_state::start_pending); !legal) return legal;
    delivery next = rt.record;
    const timestamp now = clock.now();
    next.state = delivery_state::start_pending;
    next.started = now;
    next.started_by = std::string(by);
    next.validity_end = now + next.settings.validity;
    if (auto saved = save(rt, std::move(next)); !saved) return saved;
    note(rt, audit_severity::info, audit_code::delivery_started,
         "Delivery started by " + std::string(by) + "; valid until " + format_timestamp(*rt.record.validity_end));
    return follow_progress(rt, false);
  }

  result<void> stop(delivery_runtime& rt, std::string_view by) {
    if (auto legal = check_transition(rt.record.state, delivery_state::stopped); !legal) return legal;
    const bool was_sending = is_sending(rt.record.state);
    if (auto moved = move(rt, {delivery_state::stopped}); !moved) return moved;
    note(rt, audit_severity::info, audit_code::delivery_stopped, "Delivery stopped by " + std::string(by));
    if (!was_sending) return {};
    auto canceled = cancel_pending(rt, failure_reason::not_defined);
    if (!canceled) return canceled.error();
    note(rt, audit_severity::info, audit_code::logs_canceled, std::to_string(*canceled) + " pending log(s) canceled");
    return {};
  }

  result<bool> check_validity(delivery_runtime& rt) {
    const timestamp now = clock.now();
    if (!is_sending(rt.record.state) || !rt.record.validity_end || now < *rt.record.validity_end) return false;
    note(rt, audit_severity::info, audit_code::validity_ended,
         "Validity ended at " + format_timestamp(*rt.record.validity_end));
    auto canceled = cancel_pending(rt, failure_reason::not_defined);
    if (!canceled) return canceled.error();
    note(rt, audit_severity::info, audit_code::logs_canceled, std::to_string(*canceled) + " pending log(s) canceled");
    if (is_sending(rt.record.state)) {
      if (auto finished = finish(rt, "validity ended"); !finished) return finished.error();
    }
    return true;
  }

  result<void> check_page(std::size_t limit) const {
    if (limit == 0 || limit > options.max_page_size) {
      return error{errc::invalid_argument, "page limit " + std::to_string(limit) + " is not in 1.." +
                                               std::to_string(options.max_page_size)};
    }
    return {};
  }

  // Runs `operation` on the delivery's runtime under its lock, then writes the journal. Operations
  // that read or move the indicator counters get them loaded first; those on the record alone
  // pass `needs_counters = false`.
  template <class F>
  auto locked(delivery_id id, F operation, bool needs_counters = true)
      -> decltype(operation(std::declval<delivery_runtime&>())) {
    auto rt = runtime_of(id);
    if (!rt) return rt.error();
    std::lock_guard lock((*rt)->mutex);
    return run_locked(**rt, operation, needs_counters);
  }

  // As `locked`, but gives nothing at once when another thread holds the delivery.
  template <class F>
  auto try_locked(delivery_id id, F operation)
      -> std::optional<decltype(operation(std::declval<delivery_runtime&>()))> {
    auto rt = runtime_of(id);
    if (!rt) return rt.error();
    std::unique_lock lock((*rt)->mutex, std::try_to_lock);
    if (!lock.owns_lock()) return std::nullopt;
    return run_locked(**rt, operation, true);
  }

 private:
  template <class F>
  auto run_locked(delivery_runtime& rt, F& operation, bool needs_counters)
      -> decltype(operation(std::declval<delivery_runtime&>())) {
    if (needs_counters) {
      if (auto loaded = ensure_loaded(rt); !loaded) return loaded.error();
    }
    auto outcome = operation(rt);
    if (auto flushed = flush_journal(rt); !flushed && outcome) return flushed.error();
    return outcome;
  }
};

SMSTRACK_END_NAMESPACE

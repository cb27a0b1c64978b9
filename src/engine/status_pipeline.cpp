#include "status_pipeline.hpp"

#include "repeat_filter.hpp"
#include "scratch.hpp"
#include "status_rules.hpp"

#include <smstrack/policy/retry_policy.hpp>

#include <boost/unordered/unordered_flat_map.hpp>

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

// How many times a batch is decided and committed again when its logs changed meanwhile.
constexpr int max_unit_attempts = 3;

class pipeline_run {
 public:
  pipeline_run(const engine_context& context, delivery_runtime& rt, std::span<status_event> events, timestamp now)
      : context_(context), rt_(rt), events_(events), now_(now) {}

  /// The run's report, or nothing when the store refused the unit because a log or the record
  /// changed meanwhile (the events' outcomes are then to be decided again).
  result<std::optional<pipeline_report>> run() {
    validate();
    if (auto read = locate(); !read) return read.error();
    decide();
    if (auto qualified = qualify(); !qualified) return qualified.error();
    if (auto screened = screen_allowlisted(); !screened) return screened.error();
    plan();
    rt_.open_unit();
    auto committed = decide_and_commit();
    if (!committed || !*committed) {
      // Another writer moved a log or the record: decided again over what the store holds.
      const bool record_stale = !committed && committed.error() == errc::revision_conflict;
      rt_.unit_dropped(context_.store, record_stale);
      if (!committed && !record_stale) return committed.error();
      return std::nullopt;
    }
    rt_.unit_committed();
    if (quarantine_.newly_quarantined > 0) rt_.add_new_quarantines(static_cast<std::int64_t>(quarantine_.newly_quarantined));
    for (const std::size_t i : sources_) events_[i].outcome = change_outcome::applied;
    if (auto rebuilt = rebuild_drifted(); !rebuilt) return rebuilt.error();
    return report_;
  }

 private:
  // Everything after the plan, inside the unit: the quarantine decisions, the counters, the
  // journal and the lifecycle, then one commit. Whether the store committed the unit.
  result<bool> decide_and_commit() {
    if (auto decided = decide_quarantine_entries(); !decided) return decided.error();
    count();
    journal();
    if (auto followed = follow_lifecycle(context_, rt_, now_, report_.applied > 0, resent_, failed_with_retry_);
        !followed) {
      return followed.error();
    }
    return commit();
  }

  // Events that name an unknown enumerator or carry an unstorable text are refused, each alone.
  void validate() {
    for (status_event& e : events_) {
      if (is_well_formed(e, context_.options.max_receipt_text_bytes)) continue;
      e.refused = true;
      e.outcome = change_outcome::invalid_argument;
    }
  }

  // The logs' digests, and where the provider ids to record already point: an id recorded on
  // its own log is not recorded again, an id recorded on another log refuses the event.
  result<void> locate() {
    scratch<std::vector<log_id>> ids_buffer;
    std::vector<log_id>& ids = ids_buffer.get();
    for (const status_event& e : events_) ids.push_back(e.log);
    current_.assign(events_.size(), std::nullopt);
    if (events_.empty()) return {};
    if (auto read = context_.store.logs().read_digests(rt_.record().id, ids, current_); !read) {
      return read;
    }
    return locate_provider_ids();
  }

  result<void> locate_provider_ids() {
    std::vector<std::string_view> provider_ids;
    std::vector<std::size_t> owners;
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (events_[i].refused || events_[i].provider_id.empty()) continue;
      provider_ids.push_back(events_[i].provider_id);
      owners.push_back(i);
    }
    if (provider_ids.empty()) return {};
    std::vector<std::optional<log_ref>> found(provider_ids.size());
    if (auto looked = context_.store.logs().find_by_provider_ids(provider_ids, found); !looked) {
      return looked;
    }
    for (std::size_t k = 0; k < owners.size(); ++k) {
      if (!found[k]) continue;
      status_event& e = events_[owners[k]];
      if (found[k]->delivery == rt_.record().id && found[k]->log == e.log) {
        e.provider_id = {};
      } else {
        e.refused = true;
        e.outcome = change_outcome::provider_id_taken;
      }
    }
    return {};
  }

  // Which events change their log, chaining events on one log within the batch: an event after a
  // changing one on the same log sees that one's status, and remembers it (`previous_`) so that
  // `write` chains the whole digest once failure types are decided. Only the events whose log
  // may repeat (by a filter of hashed log ids) go through the map that chains them.
  void decide() {
    const repeat_filter repeats(events_);
    scratch<boost::unordered_flat_map<log_id, std::size_t>> last_change_buffer;
    boost::unordered_flat_map<log_id, std::size_t>& last_change = last_change_buffer.get();
    previous_.assign(events_.size(), none);
    for (std::size_t i = 0; i < events_.size(); ++i) {
      status_event& e = events_[i];
      e.changes = false;
      if (e.refused) continue;
      const bool may_repeat = repeats.may_repeat(e.log);
      if (may_repeat) {
        if (const auto found = last_change.find(e.log); found != last_change.end()) {
          previous_[i] = found->second;
          current_[i] = current_[found->second];
          current_[i]->status = events_[found->second].status;
        }
      }
      if (!current_[i]) {
        e.outcome = change_outcome::unknown_log;
        continue;
      }
      e.changes = changes_log(*current_[i], e);
      if (e.changes && e.status == log_status::failed) {
        failing_ = true;
        if (e.failed_as != nullptr) qualifying_ = true;
      }
      if (!e.changes) {
        e.outcome = current_[i]->status == e.status ? change_outcome::unchanged : change_outcome::illegal_transition;
        continue;
      }
      if (may_repeat) last_change.insert_or_assign(e.log, i);
    }
  }

  // Takes the failure type and reason of the error receipts that will fail a log from their
  // entries in the qualification table (from the provision when the key is new), and plans to
  // count them there. A batch's failures share few keys: each key is read and counted once,
  // and its first receipt in the batch provides the text of a new entry.
  result<void> qualify() {
    if (!qualifying_) return {};
    std::vector<qualification_occurrence> items;
    std::vector<std::size_t> item_of;
    boost::unordered_flat_map<failure_name, std::size_t, failure_name_hash> item_by_name;
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (!events_[i].changes || events_[i].failed_as == nullptr) continue;
      if (item_of.empty()) item_of.assign(events_.size(), none);
      const receipt_failure& failed = *events_[i].failed_as;
      const auto [found, fresh] = item_by_name.try_emplace(failed.name, items.size());
      item_of[i] = found->second;
      if (!fresh) {
        ++items[found->second].count;
        continue;
      }
      items.push_back(provision(failed.name.key(), failed.raw_receipt, now_, context_.options.qualification));
    }
    if (items.empty()) return {};
    std::vector<std::string_view> keys;
    keys.reserve(items.size());
    for (const qualification_occurrence& item : items) keys.push_back(item.provision.key);
    std::vector<std::optional<qualification_entry>> entries(items.size());
    if (auto read = context_.store.qualification().get(keys, entries); !read) return read;
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (item_of[i] == none) continue;
      const std::optional<qualification_entry>& entry = entries[item_of[i]];
      events_[i].failure = failure_of(entry ? *entry : items[item_of[i]].provision);
    }
    occurrences_ = std::move(items);
    return {};
  }

  // Failures of allowlisted addresses are recorded as ignored (SPEC §5.4), and leave their
  // entries alone.
  result<void> screen_allowlisted() {
    if (!failing_) return {};
    scratch<std::vector<std::size_t>, struct failing_purpose> failing_buffer;
    std::vector<std::size_t>& failing = failing_buffer.get();
    scratch<std::vector<quarantine_key>> keys_buffer;
    std::vector<quarantine_key>& keys = keys_buffer.get();
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (!events_[i].changes || events_[i].status != log_status::failed || current_[i]->address.empty()) continue;
      failing.push_back(i);
      keys.push_back({current_[i]->address, {}});
    }
    if (keys.empty()) return {};
    std::vector<bool> allowlisted;
    if (auto found = find_allowlisted(context_.store, keys, allowlisted); !found) return found;
    for (std::size_t k = 0; k < failing.size(); ++k) {
      if (allowlisted[k]) events_[failing[k]].failure = {failure_type::ignored, failure_reason::error_ignored, false};
    }
    return {};
  }

  // The store update that moves a log from `current` as `e` asks.
  log_update planned_update(const log_digest& current, const status_event& e) const {
    const bool keeps_reason = carries_reason(e.status);
    const bool is_retry = current.status == log_status::failed && e.status == log_status::pending;
    std::string_view text = e.text();
    // A final receipt after the horizon replaces the horizon's mark.
    if (text.empty() && e.status == log_status::received_on_mobile && current.status == log_status::taken_into_account &&
        now_ - current.updated >= context_.options.receipt_horizon) {
      text = late_receipt_text;
    }
    return {e.log,
            current.status,
            e.status,
            keeps_reason ? e.failure.type : failure_type::not_defined,
            keeps_reason ? e.failure.reason : failure_reason::not_defined,
            static_cast<std::uint16_t>(current.retries + (is_retry ? 1 : 0)),
            e.origin == event_origin::horizon ? current.updated : now_,
            e.provider_id,
            text,
            e.status == log_status::sent_to_provider ? std::optional<timestamp>(now_) : attempt_time(current.submitted, e),
            e.status == log_status::taken_into_account ? std::optional<timestamp>(now_) : attempt_time(current.acked, e),
            e.network.known() ? e.network : current.network,
            e.origin == event_origin::horizon || (e.status == current.status && current.receipt_timed_out)};
  }

  // A time of the log's attempt as `e` leaves it: a new submit or a return to pending (a requeue,
  // a retry) starts a new attempt, which has no such time yet.
  static std::optional<timestamp> attempt_time(std::optional<timestamp> current, const status_event& e) {
    const bool new_attempt = e.status == log_status::pending || e.status == log_status::sent_to_provider;
    return new_attempt ? std::nullopt : current;
  }

  // Plans the store update of each changing event, over its log's digest as the batch's earlier
  // events leave it; `afters_` holds the digests the updates leave.
  void plan() {
    updates_.clear();
    sources_.clear();
    afters_.clear();
    updates_.reserve(events_.size());
    update_of_.resize(events_.size());
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (!events_[i].changes) continue;
      // current_[i] becomes the whole digest the update is written over: an event chained on an
      // earlier one of the batch starts from the digest that one's update leaves.
      if (const std::size_t j = previous_[i]; j != none) current_[i] = afters_[update_of_[j]];
      update_of_[i] = updates_.size();
      updates_.push_back(planned_update(*current_[i], events_[i]));
      afters_.push_back(digest_after(*current_[i], updates_.back()));
      sources_.push_back(i);
    }
  }

  // What the planned changes ask of their addresses' quarantine entries, decided under their
  // stripes (held until the commit).
  result<void> decide_quarantine_entries() {
    scratch<std::vector<quarantine_event>> asks_buffer;
    std::vector<quarantine_event>& asks = asks_buffer.get();
    for (std::size_t k = 0; k < updates_.size(); ++k) ask_quarantine(events_[sources_[k]], afters_[k].address, asks);
    if (asks.empty()) return {};
    auto decided = decide_quarantine(context_, rt_.record().id, asks, now_);
    if (!decided) return decided.error();
    quarantine_ = std::move(*decided);
    return {};
  }

  // Moves the counters as the planned changes move the logs (undone if the unit is not
  // committed).
  void count() {
    for (std::size_t k = 0; k < updates_.size(); ++k) {
      const log_digest& before = *current_[sources_[k]];
      rt_.count_change(before, afters_[k], context_.options.retries);
      count_applied(events_[sources_[k]], before, afters_[k]);
    }
  }

  // The unit of the batch: its log updates, occurrences, quarantine entries, journal lines and
  // the record as the lifecycle left it. Whether the store committed it; a log changed by
  // another writer since `locate` refuses it whole.
  result<bool> commit() {
    const unit_of_work unit{rt_.record().id,      updates_, occurrences_, context_.options.qualification.occurrence_cap,
                            quarantine_.entries, rt_.staged_journal(), rt_.staged_record()};
    if (unit.logs.empty() && unit.occurrences.empty() && unit.quarantine.empty() && unit.journal.empty() &&
        unit.record == nullptr) {
      return true;
    }
    scratch<std::vector<write_outcome>> writes_buffer;
    std::vector<write_outcome>& writes = writes_buffer.get();
    writes.assign(updates_.size(), write_outcome::applied);
    auto committed = context_.store.commit(unit, writes);
    if (!committed) return committed.error();
    return *committed == commit_status::committed;
  }

  // What an applied change means for the journal and the lifecycle.
  void count_applied(const status_event& e, const log_digest& before, const log_digest& after) {
    ++report_.applied;
    if (e.origin == event_origin::horizon) ++report_.timed_out;
    if (before.status == log_status::failed && after.status == log_status::pending) resent_ = true;
    if (after.status != log_status::failed) return;
    if (const auto at = next_retry(after, rt_.record().validity_end, context_.options.retries)) {
      failed_with_retry_ = true;
      std::string message;
      message.reserve(64);
      message.append("Retry ").append(std::to_string(after.retries + 1));
      message.append(" of log ").append(std::to_string(after.id));
      message.append(" scheduled at ").append(format_timestamp(*at));
      rt_.note(now_, audit_severity::info, audit_code::retry_scheduled, std::move(message));
    }
  }

  void journal() {
    if (report_.timed_out == 0) return;
    rt_.note(now_, audit_severity::warning, audit_code::receipts_timed_out,
             std::to_string(report_.timed_out) + " acknowledged log(s) without a final receipt after " +
                 format_duration(context_.options.receipt_horizon) + ": receipt timed out");
  }

  // Counters that drifted from the store (another writer changed logs behind this tracker's
  // back) are rebuilt from the store once the unit is in, the journal says so, and the
  // lifecycle follows the rebuilt counters.
  result<void> rebuild_drifted() {
    if (!rt_.counters_drifted()) return {};
    if (auto rebuilt = rt_.rebuild(context_); !rebuilt) return rebuilt;
    rt_.note(now_, audit_severity::warning, audit_code::indicators_recomputed,
             "Indicators recomputed: the logs changed outside this tracker");
    return follow_lifecycle(context_, rt_, now_, report_.applied > 0, resent_, failed_with_retry_);
  }

  // What an applied failure or success asks of its address's entry.
  void ask_quarantine(const status_event& e, const phone_number& address, std::vector<quarantine_event>& asks) const {
    if (address.empty()) return;
    if (e.status == log_status::failed) {
      asks.push_back({address, true, {e.failure.type, e.failure.reason, e.failure.may_quarantine, e.text(), rt_.record().id}});
    } else if (e.status == log_status::received_on_mobile) {
      asks.push_back({address, false, {}});
    }
  }

  const engine_context& context_;
  delivery_runtime& rt_;
  std::span<status_event> events_;
  timestamp now_;
  pipeline_report report_;
  bool resent_ = false;
  bool failed_with_retry_ = false;
  bool failing_ = false;     // some event changes its log to failed
  bool qualifying_ = false;  // some of them are error receipts

  // The working vectors are the thread's scratch buffers (see scratch.hpp): each event's log's
  // digest as read, then as the batch's earlier events leave it (status only); the last changing
  // event on the same log before it; and its update's index.
  scratch<std::vector<std::optional<log_digest>>> current_buffer_;
  scratch<std::vector<std::size_t>> previous_buffer_;
  scratch<std::vector<std::size_t>, struct update_of_purpose> update_of_buffer_;
  std::vector<std::optional<log_digest>>& current_ = current_buffer_.get();
  std::vector<std::size_t>& previous_ = previous_buffer_.get();
  std::vector<std::size_t>& update_of_ = update_of_buffer_.get();
  // The unit being built: the planned updates, the events they come from and the digests they
  // leave; the error keys to count; the quarantine decisions.
  scratch<std::vector<log_update>> updates_buffer_;
  scratch<std::vector<std::size_t>, struct sources_purpose> sources_buffer_;
  scratch<std::vector<log_digest>> afters_buffer_;
  std::vector<log_update>& updates_ = updates_buffer_.get();
  std::vector<std::size_t>& sources_ = sources_buffer_.get();
  std::vector<log_digest>& afters_ = afters_buffer_.get();
  std::vector<qualification_occurrence> occurrences_;
  quarantine_decisions quarantine_;
};

}  // namespace

result<pipeline_report> run_status_pipeline(const engine_context& context, delivery_runtime& delivery,
                                            std::span<status_event> events, timestamp now) {
  // What a run changes in the events, kept to start again from the facts as the door gave them.
  struct given_fields {
    qualified_failure failure;
    std::string_view provider_id;
  };
  scratch<std::vector<given_fields>> given_buffer;
  std::vector<given_fields>& given = given_buffer.get();
  for (const status_event& e : events) given.push_back({e.failure, e.provider_id});
  for (int attempt = 1;; ++attempt) {
    auto ran = pipeline_run(context, delivery, events, now).run();
    if (!ran) return ran.error();
    if (*ran) return **ran;
    if (attempt == max_unit_attempts) {
      return error{errc::storage_unavailable, "the delivery's logs changed under this tracker during " +
                                                  std::to_string(max_unit_attempts) + " attempts to store a batch"};
    }
    if (auto loaded = delivery.ensure_loaded(context); !loaded) return loaded.error();  // dropped with the unit
    for (std::size_t i = 0; i < events.size(); ++i) {
      events[i].failure = given[i].failure;
      events[i].provider_id = given[i].provider_id;
      events[i].refused = false;
    }
  }
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

// The tracker's hot path: acks, receipts, qualification, quarantine and retries (SPEC §5, §6).
//
// A receipt is parsed here (parse_receipt), its log found by the normalized id (one
// find_by_provider_ids per batch), its stat classified (classify_stat), errors qualified
// through the qualification table (one record call per delivery group), and the log changed
// through the same planner as update_logs; the quarantine decisions the changes ask for are
// taken once the delivery's lock is released (quarantine_settlement.hpp).
#include "scratch.hpp"
#include "tracker_impl.hpp"

#include <smstrack/receipts/receipt.hpp>

#include <boost/container_hash/hash.hpp>

#include <algorithm>
#include <bitset>
#include <cstdio>

SMSTRACK_BEGIN_NAMESPACE
namespace {

// What an error receipt says failed, which keys the qualification table: its connector, stat
// (or TLV state, when that state has no name) and error code. The views point into the batch's
// parsed receipts, so that events need no key of their own; `key` spells it.
struct failure_name {
  std::string_view connector;
  std::string_view stat;
  std::optional<std::uint8_t> state;  // the TLV's value when `stat` is empty
  std::string_view error_code;

  [[nodiscard]] bool empty() const { return connector.empty(); }
  [[nodiscard]] std::string stat_text() const {
    return stat.empty() ? "state " + std::to_string(state.value_or(0)) : std::string(stat);
  }
  [[nodiscard]] std::string key() const { return qualification_key(connector, stat_text(), error_code); }
  friend bool operator==(const failure_name&, const failure_name&) = default;
};

struct failure_name_hash {
  std::size_t operator()(const failure_name& n) const noexcept {
    std::size_t h = boost::hash<std::string_view>{}(n.connector);
    boost::hash_combine(h, n.stat);
    boost::hash_combine(h, n.state.value_or(0));
    boost::hash_combine(h, n.error_code);
    return h;
  }
};

// One status change the ack or receipt path wants for one log.
struct log_event {
  std::size_t source = 0;  // index of the ack or receipt
  log_id log = 0;
  log_status status = log_status::pending;
  qualified_failure failure{failure_type::soft, failure_reason::unreachable, true};
  std::string_view provider_id;  // acks: the id to record
  std::string_view raw_text;     // failures: the receipt text, kept on the log verbatim
  std::string made_text;         // failures: a text made for the log (acks, invalid UTF-8, too long)
  failure_name failed_as;        // error receipts: what failed (keys the qualification table)
  std::string_view raw_receipt;  // error receipts: the first text of a new qualification entry
  change_outcome outcome = change_outcome::unknown_log;

  [[nodiscard]] std::string_view text() const { return made_text.empty() ? raw_text : std::string_view(made_text); }
};

bool changes_log(const log_digest& current, const log_event& event) {
  if (current.status == event.status) return !event.provider_id.empty();
  return is_legal_log_transition(current.status, event.status);
}

std::string hex_status(std::uint32_t status) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", status);
  return text;
}

receipt_outcome receipt_outcome_of(change_outcome outcome) {
  switch (outcome) {
    case change_outcome::applied: return receipt_outcome::applied;
    case change_outcome::unchanged:
    case change_outcome::illegal_transition: return receipt_outcome::duplicate;
    case change_outcome::unknown_log: return receipt_outcome::unknown_id;
    case change_outcome::conflict:
    case change_outcome::provider_id_taken: break;
  }
  return receipt_outcome::conflict;
}

// Which logs of a set of events may have more than one event: a log seen twice always says so,
// and a log seen once seldom (when its hash bit is shared with a log seen twice).
class repeat_filter {
 public:
  explicit repeat_filter(std::span<const log_event> events) {
    for (const log_event& e : events) {
      const std::size_t bit = bit_of(e.log);
      if (seen_.test(bit)) repeated_.set(bit);
      seen_.set(bit);
    }
  }
  [[nodiscard]] bool may_repeat(log_id log) const { return repeated_.test(bit_of(log)); }

 private:
  static constexpr std::size_t bits = 16384;
  static std::size_t bit_of(log_id log) { return (std::uint64_t{log} * 0x9e3779b97f4a7c15ULL) >> 50U; }
  std::bitset<bits> seen_;
  std::bitset<bits> repeated_;
};

}  // namespace

// ----- the shared settlement of log events -----------------------------------------------------

namespace engine_detail {

class event_settlement {
 public:
  event_settlement(tracker::impl& self, delivery_runtime& rt, std::span<log_event> events)
      : self_(self), rt_(rt), events_(events), now_(self.clock.now()) {}

  // The time of the settlement's changes.
  [[nodiscard]] timestamp now() const { return now_; }

  // Applies the events to their logs; each event's outcome says what happened, and
  // `quarantine_events` gets what the applied changes ask of their addresses' entries.
  result<void> run(std::vector<quarantine_event>& quarantine_events) {
    if (events_.empty()) return {};
    if (auto read = read_current(); !read) return read;
    predict();
    if (auto qualified = qualify(); !qualified) return qualified;
    if (auto screened = screen_allowlisted(); !screened) return screened;
    if (auto applied = apply(); !applied) return applied;
    account_applied();
    collect_quarantine_events(quarantine_events);
    return {};
  }

 private:
  result<void> read_current() {
    scratch<std::vector<log_id>> ids_buffer;
    std::vector<log_id>& ids = ids_buffer.get();
    for (const log_event& e : events_) ids.push_back(e.log);
    current_.assign(events_.size(), std::nullopt);
    return guarded([&] { return self_.store.logs().read_digests(rt_.record.id, ids, current_); });
  }

  // Which events will change their log, chaining events on one log within the batch: an event
  // after a changing one on the same log sees that one's status, and remembers it (`previous_`)
  // so that `apply` chains the whole digest once failure types are decided.
  //
  // A batch seldom has two events on one log: only the events whose log may repeat (by a filter
  // of hashed log ids) go through the map that chains them.
  void predict() {
    const repeat_filter repeats(events_);
    scratch<boost::unordered_flat_map<log_id, std::size_t>> last_change_buffer;
    boost::unordered_flat_map<log_id, std::size_t>& last_change = last_change_buffer.get();
    changing_.assign(events_.size(), false);
    previous_.assign(events_.size(), none);
    for (std::size_t i = 0; i < events_.size(); ++i) {
      log_event& e = events_[i];
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
      changing_[i] = changes_log(*current_[i], e);
      if (!changing_[i]) {
        e.outcome = current_[i]->status == e.status ? change_outcome::unchanged : change_outcome::illegal_transition;
        continue;
      }
      if (may_repeat) last_change.insert_or_assign(e.log, i);
    }
  }

  // Counts the error receipts that will fail a log in the qualification table, and takes their
  // failure type and reason from the entry (provisioned when the key is new). A batch's failures
  // share few keys: each key is recorded once with its count, and its first receipt in the batch
  // provides the text of a new entry.
  result<void> qualify() {
    std::vector<qualification_occurrence> items;
    std::vector<std::size_t> item_of(events_.size(), none);
    boost::unordered_flat_map<failure_name, std::size_t, failure_name_hash> item_by_name;
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (!changing_[i] || events_[i].failed_as.empty()) continue;
      const auto [found, fresh] = item_by_name.try_emplace(events_[i].failed_as, items.size());
      item_of[i] = found->second;
      if (!fresh) {
        ++items[found->second].count;
        continue;
      }
      items.push_back(provision(events_[i].failed_as.key(), events_[i].raw_receipt, now_, self_.options.qualification));
    }
    if (items.empty()) return {};
    std::vector<qualification_entry> entries(items.size());
    auto recorded = guarded([&] {
      return self_.store.qualification().record(items, self_.options.qualification.occurrence_cap, entries);
    });
    if (!recorded) return recorded;
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (item_of[i] != none) events_[i].failure = failure_of(entries[item_of[i]]);
    }
    return {};
  }

  // Failures of allowlisted addresses are recorded as ignored (SPEC §5.4), and leave their
  // entries alone.
  result<void> screen_allowlisted() {
    scratch<std::vector<std::size_t>, struct failing_purpose> failing_buffer;
    std::vector<std::size_t>& failing = failing_buffer.get();
    scratch<std::vector<quarantine_key>> keys_buffer;
    std::vector<quarantine_key>& keys = keys_buffer.get();
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (!changing_[i] || events_[i].status != log_status::failed || current_[i]->address.empty()) continue;
      failing.push_back(i);
      keys.push_back({current_[i]->address, {}});
    }
    if (keys.empty()) return {};
    std::vector<bool> allowlisted;
    if (auto found = find_allowlisted(self_, keys, allowlisted); !found) return found;
    for (std::size_t k = 0; k < failing.size(); ++k) {
      if (allowlisted[k]) events_[failing[k]].failure = {failure_type::ignored, failure_reason::error_ignored, false};
    }
    return {};
  }

  // Writes the changing events, each over its log's digest as the batch's earlier events leave
  // it, through the same writer as update_logs.
  result<void> apply() {
    scratch<planned_writes> plan_buffer;  // the thread's own: the delivery's would move between cores
    planned_writes& plan = plan_buffer.get();
    plan.digests.assign(events_.size(), std::nullopt);
    scratch<std::vector<std::size_t>, struct update_of_purpose> update_of_buffer;
    std::vector<std::size_t>& update_of = update_of_buffer.get();
    update_of.assign(events_.size(), none);
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (!changing_[i]) continue;
      const log_event& e = events_[i];
      const std::size_t j = previous_[i];
      plan.digests[i] = j == none ? *current_[i] : tracker::impl::digest_after(*plan.digests[j], plan.updates[update_of[j]]);
      const status_change change{e.log, e.status, e.failure.type, e.failure.reason, e.provider_id, e.text()};
      update_of[i] = plan.updates.size();
      plan.updates.push_back(tracker::impl::planned_update(*plan.digests[i], change, now_));
      plan.sources.push_back(i);
    }
    if (plan.updates.empty()) return {};
    scratch<std::vector<change_outcome>> outcomes_buffer;
    std::vector<change_outcome>& outcomes = outcomes_buffer.get();
    outcomes.assign(events_.size(), change_outcome::applied);
    update_summary summary;
    if (auto written = self_.write_planned(rt_, plan, outcomes, summary); !written) return written;
    for (const std::size_t i : plan.sources) events_[i].outcome = outcomes[i];
    return {};
  }

  // Each retryable failure journals when its retry is due.
  void account_applied() {
    for (std::size_t i = 0; i < events_.size(); ++i) {
      const log_event& e = events_[i];
      if (e.outcome != change_outcome::applied || e.status != log_status::failed) continue;
      log_digest failed = *current_[i];
      failed.status = log_status::failed;
      failed.type = e.failure.type;
      failed.updated = now_;
      if (const auto at = next_retry(failed, rt_.record.validity_end, self_.options.retries)) {
        std::string message;
        message.reserve(64);
        message.append("Retry ").append(std::to_string(failed.retries + 1));
        message.append(" of log ").append(std::to_string(e.log));
        message.append(" scheduled at ").append(format_timestamp(*at));
        self_.note(rt_, audit_severity::info, audit_code::retry_scheduled, std::move(message));
      }
    }
  }

  // What the applied failures and successes ask of their addresses' entries.
  void collect_quarantine_events(std::vector<quarantine_event>& out) const {
    for (std::size_t i = 0; i < events_.size(); ++i) {
      const log_event& e = events_[i];
      if (e.outcome != change_outcome::applied || current_[i]->address.empty()) continue;
      if (e.status == log_status::failed) {
        out.push_back({current_[i]->address, true,
                       {e.failure.type, e.failure.reason, e.failure.may_quarantine, e.text(), rt_.record.id}});
      } else if (e.status == log_status::received_on_mobile) {
        out.push_back({current_[i]->address, false, {}});
      }
    }
  }

  tracker::impl& self_;
  delivery_runtime& rt_;
  std::span<log_event> events_;
  timestamp now_;
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  // The working vectors are the thread's scratch buffers (see scratch.hpp): each event's digest
  // as read, then as the batch's earlier events leave it; whether it changes its log; and the
  // last changing event on the same log before it, or none.
  scratch<std::vector<std::optional<log_digest>>> current_buffer_;
  scratch<std::vector<bool>> changing_buffer_;
  scratch<std::vector<std::size_t>> previous_buffer_;
  std::vector<std::optional<log_digest>>& current_ = current_buffer_.get();
  std::vector<bool>& changing_ = changing_buffer_.get();
  std::vector<std::size_t>& previous_ = previous_buffer_.get();
};

}  // namespace engine_detail

namespace {

using engine_detail::event_settlement;
using engine_detail::quarantine_event;
using engine_detail::settle_quarantine;
using engine_detail::stripe_of;

connector_profile profile_of(const tracker::impl& self, std::string_view connector) {
  std::shared_lock lock(self.connectors_mutex);
  if (const auto found = self.connectors.find(connector); found != self.connectors.end()) return found->second;
  connector_profile defaults;
  defaults.name = std::string(connector);
  return defaults;
}

// The log event a parsed receipt asks for, or nothing for an intermediate stat.
std::optional<log_event> event_of(const receipt& r, std::string_view raw, const connector_profile& profile,
                                  log_id log, std::size_t source, std::size_t max_text) {
  const stat_outcome outcome = classify_stat(r.stat(), profile.outcomes);
  if (outcome == stat_outcome::intermediate) return std::nullopt;
  log_event e;
  e.source = source;
  e.log = log;
  if (outcome == stat_outcome::success) {
    e.status = log_status::received_on_mobile;
    return e;
  }
  e.status = log_status::failed;
  e.failed_as = {profile.name, r.stat(), r.stat().empty() ? r.message_state : std::nullopt, r.error_code()};
  e.raw_receipt = raw;
  if (raw.empty()) {
    e.made_text = "stat:" + e.failed_as.stat_text() + (r.error_code().empty() ? "" : " err:" + std::string(r.error_code()));
  } else if (raw.size() <= max_text && is_valid_utf8(raw)) {
    e.raw_text = raw;
  } else {
    e.made_text = storable_utf8(raw, max_text);
  }
  return e;
}

held_receipt hold_copy(const incoming_receipt& in, timestamp now) {
  held_receipt h;
  h.text = std::string(in.text);
  if (in.tlvs.receipted_message_id) h.receipted_message_id = std::string(*in.tlvs.receipted_message_id);
  h.message_state = in.tlvs.message_state;
  if (in.tlvs.network_error_code) h.network_error_code = std::string(*in.tlvs.network_error_code);
  h.received = now;
  return h;
}

incoming_receipt view_of(const held_receipt& h) {
  incoming_receipt in;
  in.text = h.text;
  if (h.receipted_message_id) in.tlvs.receipted_message_id = *h.receipted_message_id;
  in.tlvs.message_state = h.message_state;
  if (h.network_error_code) in.tlvs.network_error_code = *h.network_error_code;
  return in;
}

// Holds a receipt for an id no log carries yet; false when the hold is full.
bool hold(tracker::impl& self, std::string_view connector, const provider_key& key, const incoming_receipt& in) {
  std::lock_guard lock(self.held_mutex);
  if (self.held_count >= self.options.max_held_receipts) return false;
  self.held[engine_detail::held_key{std::string(connector), key}].push_back(hold_copy(in, self.clock.now()));
  ++self.held_count;
  return true;
}

using held_entries = std::vector<std::pair<engine_detail::held_key, held_receipt>>;

// Takes the receipts held for `keys` out of the hold.
held_entries take_held(tracker::impl& self, std::string_view connector, std::span<const provider_key> keys) {
  held_entries taken;
  std::lock_guard lock(self.held_mutex);
  if (self.held.empty()) return taken;
  for (const provider_key& key : keys) {
    const auto found = self.held.find(engine_detail::held_key{std::string(connector), key});
    if (found == self.held.end()) continue;
    self.held_count -= found->second.size();
    for (held_receipt& h : found->second) taken.emplace_back(found->first, std::move(h));
    self.held.erase(found);
  }
  return taken;
}

// Takes every held receipt out of the hold.
held_entries take_all_held(tracker::impl& self) {
  held_entries taken;
  std::lock_guard lock(self.held_mutex);
  for (auto& [key, list] : self.held) {
    for (held_receipt& h : list) taken.emplace_back(key, std::move(h));
  }
  self.held.clear();
  self.held_count = 0;
  return taken;
}

// Puts receipts back in the hold, with their original arrival times.
void rehold(tracker::impl& self, held_entries&& entries) {
  std::lock_guard lock(self.held_mutex);
  for (auto& [key, h] : entries) {
    self.held[key].push_back(std::move(h));
    ++self.held_count;
  }
}

// Parses a batch of receipts into `parsed` (nothing for an invalid one, whose outcome is set)
// and finds the logs their ids point to, with one lookup, into `refs`.
result<void> locate(tracker::impl& self, const connector_profile& profile, std::span<const incoming_receipt> receipts,
                    std::span<receipt_outcome> outcomes, std::vector<std::optional<receipt>>& parsed,
                    std::vector<std::optional<log_ref>>& refs) {
  parsed.clear();  // filled in order below: each receipt's slot is written once
  parsed.reserve(receipts.size());
  engine_detail::scratch<std::vector<std::string_view>> keys_buffer;
  engine_detail::scratch<std::vector<std::size_t>> owners_buffer;
  std::vector<std::string_view>& keys = keys_buffer.get();
  std::vector<std::size_t>& owners = owners_buffer.get();
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    auto one = parse_receipt(receipts[i].text, receipts[i].tlvs, profile.ids);
    if (!one) {
      outcomes[i] = receipt_outcome::invalid;
      parsed.emplace_back();
      continue;
    }
    parsed.emplace_back(*one);
    keys.push_back(parsed[i]->key.view());
    owners.push_back(i);
  }
  engine_detail::scratch<std::vector<std::optional<log_ref>>, struct found_purpose> found_buffer;
  std::vector<std::optional<log_ref>>& found = found_buffer.get();
  found.resize(keys.size());
  if (!keys.empty()) {
    if (auto looked = guarded([&] { return self.store.logs().find_by_provider_ids(keys, found); }); !looked) {
      return looked;
    }
  }
  refs.assign(receipts.size(), std::nullopt);
  for (std::size_t k = 0; k < owners.size(); ++k) refs[owners[k]] = found[k];
  return {};
}

// The events of one batch that concern one delivery: a run of the batch's events.
struct delivery_group {
  delivery_id id = 0;
  std::span<log_event> events;
};

// What a settled group asks of its addresses' quarantine entries, as at `at`.
struct quarantine_handover {
  std::vector<quarantine_event>& events;
  timestamp at{};
};

// Settles a delivery's events under its lock.
result<void> settle_group(tracker::impl& self, delivery_runtime& rt, std::span<log_event> events,
                          quarantine_handover& handover) {
  event_settlement settlement(self, rt, events);
  handover.at = settlement.now();
  if (auto ran = settlement.run(handover.events); !ran) return ran;
  const bool applied = std::any_of(events.begin(), events.end(),
                                   [](const log_event& e) { return e.outcome == change_outcome::applied; });
  if (auto healed = self.heal_drift(rt); !healed) return healed;
  return self.follow_progress(rt, applied);
}

// Each receipt's outcome from its event's; a delivery that no longer exists makes its receipts
// unknown ids, any other failure fails the batch.
result<void> tell_outcomes(const delivery_group& g, const result<void>& settled, std::span<receipt_outcome> outcomes) {
  if (!settled && settled.error() != errc::unknown_delivery) return settled.error();
  for (const log_event& e : g.events) {
    outcomes[e.source] = settled ? receipt_outcome_of(e.outcome) : receipt_outcome::unknown_id;
  }
  return {};
}

// Settles a group's logs under its delivery's lock, then takes the quarantine decisions the
// changes ask for, and tells each receipt's outcome. Nothing when `wait` is false and another
// thread holds the delivery.
std::optional<result<void>> settle_logs_then_quarantine(tracker::impl& self, const delivery_group& g, bool wait,
                                                        std::span<receipt_outcome> outcomes) {
  engine_detail::scratch<std::vector<quarantine_event>> asks_buffer;
  quarantine_handover handover{asks_buffer.get()};
  const auto settle = [&](delivery_runtime& rt) { return settle_group(self, rt, g.events, handover); };
  result<void> settled;
  if (wait) {
    settled = self.locked(g.id, settle);
  } else if (auto tried = self.try_locked(g.id, settle)) {
    settled = std::move(*tried);
  } else {
    return std::nullopt;
  }
  auto decided = settle_quarantine(self, g.id, handover.events, handover.at);
  if (auto told = tell_outcomes(g, settled, outcomes); !told) return told;
  return decided;
}

// Applies a batch of receipts: parsed, found with one lookup, grouped by delivery and settled.
result<void> apply_receipts(tracker::impl& self, const connector_profile& profile,
                            std::span<const incoming_receipt> receipts, std::span<receipt_outcome> outcomes) {
  engine_detail::scratch<std::vector<std::optional<receipt>>> parsed_buffer;
  engine_detail::scratch<std::vector<std::optional<log_ref>>> refs_buffer;
  std::vector<std::optional<receipt>>& parsed = parsed_buffer.get();
  std::vector<std::optional<log_ref>>& refs = refs_buffer.get();
  if (auto located = locate(self, profile, receipts, outcomes, parsed, refs); !located) return located;

  // Receipts whose id no log carries are held; the others are grouped by delivery.
  engine_detail::scratch<std::vector<std::pair<delivery_id, std::size_t>>> by_delivery_buffer;
  std::vector<std::pair<delivery_id, std::size_t>>& by_delivery = by_delivery_buffer.get();
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    if (!parsed[i]) continue;
    if (const auto& ref = refs[i]) {
      by_delivery.emplace_back(ref->delivery, i);
      continue;
    }
    const bool held = hold(self, profile.name, parsed[i]->key, receipts[i]);
    outcomes[i] = held ? receipt_outcome::held : receipt_outcome::unknown_id;
  }
  const auto by_id = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(by_delivery.begin(), by_delivery.end(), by_id)) {
    std::stable_sort(by_delivery.begin(), by_delivery.end(), by_id);
  }

  // The events sit in one per-thread buffer, a run per delivery.
  engine_detail::scratch<std::vector<log_event>> events_buffer;
  std::vector<log_event>& events = events_buffer.get();
  std::vector<std::pair<delivery_id, std::size_t>> runs;  // delivery, first event
  for (const auto& [delivery, i] : by_delivery) {
    auto e = event_of(*parsed[i], receipts[i].text, profile, refs[i]->log, i, self.options.max_receipt_text_bytes);
    if (!e) {
      outcomes[i] = receipt_outcome::intermediate;
      continue;
    }
    if (runs.empty() || runs.back().first != delivery) runs.emplace_back(delivery, events.size());
    events.push_back(std::move(*e));
  }
  std::vector<delivery_group> groups;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const std::size_t end = r + 1 < runs.size() ? runs[r + 1].second : events.size();
    groups.push_back({runs[r].first, std::span(events).subspan(runs[r].second, end - runs[r].second)});
  }
  // Deliveries another thread holds come last, so that threads ingesting mixed batches settle
  // different deliveries side by side rather than queue for the same one.
  std::vector<delivery_group*> waiting;
  for (delivery_group& g : groups) {
    auto settled = settle_logs_then_quarantine(self, g, false, outcomes);
    if (!settled) waiting.push_back(&g);
    else if (!*settled) return *settled;
  }
  for (delivery_group* g : waiting) {
    if (auto settled = *settle_logs_then_quarantine(self, *g, true, outcomes); !settled) return settled;
  }

  return {};
}

}  // namespace

result<void> tracker::register_connector(const connector_profile& profile) {
  if (profile.name.empty()) return error{errc::invalid_argument, "a connector needs a name"};
  if (auto valid = validate(profile.outcomes); !valid) return valid;
  std::unique_lock lock(impl_->connectors_mutex);
  impl_->connectors.insert_or_assign(profile.name, profile);
  return {};
}

result<receipt_summary> tracker::on_receipts(std::string_view connector, std::span<const incoming_receipt> receipts,
                                             std::span<receipt_outcome> outcomes) {
  if (receipts.size() != outcomes.size()) {
    return error{errc::invalid_argument, "outcomes has " + std::to_string(outcomes.size()) + " elements for " +
                                             std::to_string(receipts.size()) + " receipts"};
  }
  const connector_profile profile = profile_of(*impl_, connector);
  if (auto applied = apply_receipts(*impl_, profile, receipts, outcomes); !applied) return applied.error();
  receipt_summary summary;
  for (const receipt_outcome o : outcomes) ++summary.counts[static_cast<std::size_t>(o)];
  return summary;
}

result<void> tracker::on_ack(delivery_id id, std::span<const message_ack> acks, std::span<ack_outcome> outcomes) {
  if (acks.size() != outcomes.size()) {
    return error{errc::invalid_argument, "outcomes has " + std::to_string(outcomes.size()) + " elements for " +
                                             std::to_string(acks.size()) + " acks"};
  }
  std::string connector;
  std::vector<provider_key> recorded;
  std::vector<log_event> events;
  std::vector<quarantine_event> asks;
  timestamp asks_at{};
  auto acked = impl_->locked(id, [&](delivery_runtime& rt) -> result<void> {
    if (!rt.record.started) {
      return error{errc::illegal_transition, "delivery " + std::to_string(id) + " is " + name_of(rt.record.state) +
                                                 ": acks come only after the start"};
    }
    connector = rt.record.settings.connector;
    const connector_profile profile = profile_of(*impl_, connector);

    // Accepted acks: normalize the ids and find those already recorded.
    std::vector<provider_key> keys(acks.size());
    std::vector<std::string_view> lookups;
    std::vector<std::size_t> owners;
    for (std::size_t i = 0; i < acks.size(); ++i) {
      if (acks[i].timed_out || acks[i].command_status != 0) continue;
      auto key = normalize_provider_id(acks[i].message_id, profile.ids);
      if (!key) {
        outcomes[i] = ack_outcome::invalid_id;
        continue;
      }
      keys[i] = *key;
      lookups.push_back(keys[i].view());
      owners.push_back(i);
    }
    std::vector<std::optional<log_ref>> found(lookups.size());
    if (!lookups.empty()) {
      if (auto looked = guarded([&] { return impl_->store.logs().find_by_provider_ids(lookups, found); }); !looked) {
        return looked;
      }
    }
    std::vector<bool> known(acks.size(), false);
    for (std::size_t k = 0; k < owners.size(); ++k) {
      if (!found[k]) continue;
      known[owners[k]] = true;
      const bool same_log = found[k]->delivery == id && found[k]->log == acks[owners[k]].log;
      outcomes[owners[k]] = same_log ? ack_outcome::duplicate : ack_outcome::provider_id_taken;
    }

    for (std::size_t i = 0; i < acks.size(); ++i) {
      const message_ack& ack = acks[i];
      log_event e;
      e.source = i;
      e.log = ack.log;
      if (ack.timed_out) {
        e.status = log_status::failed;
        e.made_text = "no submit_sm_resp within the MT expiration";
      } else if (ack.command_status == esme_rthrottled || ack.command_status == esme_rmsgqful) {
        e.status = log_status::pending;
      } else if (ack.command_status != 0) {
        e.status = log_status::failed;
        e.made_text = "submit refused: command_status " + hex_status(ack.command_status);
      } else if (known[i] || keys[i].empty()) {
        continue;  // duplicate, taken or invalid: decided above
      } else {
        e.status = log_status::taken_into_account;
        e.provider_id = keys[i].view();
      }
      events.push_back(std::move(e));
    }
    event_settlement settlement(*impl_, rt, events);
    asks_at = settlement.now();
    if (auto ran = settlement.run(asks); !ran) return ran;
    std::size_t applied = 0;
    for (const log_event& e : events) {
      switch (e.outcome) {
        case change_outcome::applied:
          ++applied;
          outcomes[e.source] = e.status == log_status::failed    ? ack_outcome::failed
                               : e.status == log_status::pending ? ack_outcome::requeued
                                                                 : ack_outcome::accepted;
          if (e.status == log_status::taken_into_account) recorded.push_back(keys[e.source]);
          break;
        case change_outcome::unchanged:
          outcomes[e.source] = e.status == log_status::pending ? ack_outcome::requeued : ack_outcome::duplicate;
          break;
        case change_outcome::illegal_transition: outcomes[e.source] = ack_outcome::illegal_transition; break;
        case change_outcome::unknown_log: outcomes[e.source] = ack_outcome::unknown_log; break;
        case change_outcome::conflict: outcomes[e.source] = ack_outcome::conflict; break;
        case change_outcome::provider_id_taken: outcomes[e.source] = ack_outcome::provider_id_taken; break;
      }
    }
    if (auto healed = impl_->heal_drift(rt); !healed) return healed;
    return impl_->follow_progress(rt, applied > 0);
  });
  auto decided = settle_quarantine(*impl_, id, asks, asks_at);
  if (!acked) return acked;
  if (!decided) return decided;

  // Receipts that overtook these acks are applied now; on a failure they stay held for the next
  // attempt (expire_held_receipts).
  held_entries waiting = take_held(*impl_, connector, recorded);
  if (waiting.empty()) return {};
  std::vector<incoming_receipt> replay;
  replay.reserve(waiting.size());
  for (const auto& entry : waiting) replay.push_back(view_of(entry.second));
  std::vector<receipt_outcome> replayed(replay.size());
  if (auto applied = on_receipts(connector, replay, replayed); !applied) {
    rehold(*impl_, std::move(waiting));
    return applied.error();
  }
  return {};
}

result<std::vector<expired_receipt>> tracker::expire_held_receipts() {
  const timestamp now = impl_->clock.now();
  held_entries candidates = take_all_held(*impl_);
  if (candidates.empty()) return std::vector<expired_receipt>{};
  // The ack may have landed another way meanwhile (another tracker, a replay that failed): one
  // lookup tells which ids a log now carries. Those receipts are applied, per connector; the
  // others stay held until their grace period ends, and are then returned as unknown ids. When
  // the store fails, everything stays held.
  std::vector<std::string_view> ids;
  ids.reserve(candidates.size());
  for (const auto& entry : candidates) ids.push_back(entry.first.key.view());
  std::vector<std::optional<log_ref>> refs(ids.size());
  if (auto looked = guarded([&] { return impl_->store.logs().find_by_provider_ids(ids, refs); }); !looked) {
    rehold(*impl_, std::move(candidates));
    return std::vector<expired_receipt>{};
  }
  std::map<std::string, held_entries, std::less<>> landed;  // by connector
  held_entries keep;
  std::vector<expired_receipt> expired;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    auto& [key, h] = candidates[i];
    if (refs[i]) {
      landed[key.connector].emplace_back(std::move(key), std::move(h));
    } else if (now - h.received < impl_->options.receipt_grace) {
      keep.emplace_back(std::move(key), std::move(h));
    } else {
      expired.push_back({key.connector, std::string(key.key.view()), std::move(h.text), h.received});
    }
  }
  for (auto& [connector, entries] : landed) {
    std::vector<incoming_receipt> batch;
    for (const auto& entry : entries) batch.push_back(view_of(entry.second));
    std::vector<receipt_outcome> outcomes(batch.size());
    if (!on_receipts(connector, batch, outcomes)) std::move(entries.begin(), entries.end(), std::back_inserter(keep));
  }
  rehold(*impl_, std::move(keep));
  return expired;
}

std::size_t tracker::held_receipts() const {
  std::lock_guard lock(impl_->held_mutex);
  return impl_->held_count;
}

result<std::vector<log_id>> tracker::due_retries(delivery_id id, std::size_t limit) {
  if (auto ok = impl_->check_page(limit); !ok) return ok.error();
  return impl_->locked(id, [&](delivery_runtime& rt) -> result<std::vector<log_id>> {
    const timestamp now = impl_->clock.now();
    std::vector<log_id> due;
    log_id after = 0;
    for (;;) {
      auto page = guarded([&] { return impl_->store.logs().page(id, {log_status::failed, after, impl_->options.write_batch}); });
      if (!page) return page.error();
      for (const delivery_log& log : *page) {
        const auto at = next_retry(digest_of(log), rt.record.validity_end, impl_->options.retries);
        if (at && *at <= now) due.push_back(log.id);
        if (due.size() == limit) return due;
      }
      if (page->size() < impl_->options.write_batch) return due;
      after = page->back().id;
    }
  }, false);
}

result<std::uint64_t> tracker::check_receipt_horizon(delivery_id id) {
  return impl_->locked(id, [&](delivery_runtime& rt) -> result<std::uint64_t> {
    const timestamp now = impl_->clock.now();
    std::uint64_t marked = 0;
    log_id after = 0;
    std::vector<log_update> updates;
    for (;;) {
      auto page = guarded([&] {
        return impl_->store.logs().page(id, {log_status::taken_into_account, after, impl_->options.write_batch});
      });
      if (!page) return page.error();
      updates.clear();
      for (const delivery_log& log : *page) {
        if (now - log.updated < impl_->options.receipt_horizon || log.text == receipt_timed_out_text) continue;
        // Same status, type and time: the counters do not move.
        updates.push_back({log.id, log.status, log.status, log.type, log.reason, log.retries, log.updated, {},
                           receipt_timed_out_text});
      }
      std::vector<write_outcome> written(updates.size());
      if (!updates.empty()) {
        if (auto ok = guarded([&] { return impl_->store.logs().update(id, updates, written); }); !ok) return ok.error();
      }
      marked += static_cast<std::uint64_t>(std::count(written.begin(), written.end(), write_outcome::applied));
      if (page->size() < impl_->options.write_batch) break;
      after = page->back().id;
    }
    if (marked > 0) {
      impl_->note(rt, audit_severity::warning, audit_code::unknown_message_ids,
                  std::to_string(marked) + " acknowledged log(s) without a final receipt after " +
                      format_duration(impl_->options.receipt_horizon) + ": receipt timed out");
    }
    return marked;
  }, false);
}

result<void> tracker::requalify(qualification_entry entry) {
  if (auto ok = check_requalification(entry); !ok) return ok;
  entry.last_modified = impl_->clock.now();
  return guarded([&] { return impl_->store.qualification().upsert(std::span<const qualification_entry>(&entry, 1)); });
}

SMSTRACK_END_NAMESPACE

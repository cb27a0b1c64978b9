// The tracker's doors for the provider's traffic (SPEC §5, §6): acks, receipts, the hold of
// receipts that overtook their ack, the receipt horizon and retries.
//
// The route of one receipt: on_receipts -> parse_receipt (receipts/receipt.cpp) and the
// connector's id normalization (receipts/provider_key.cpp) -> one find_by_provider_ids for the
// batch -> classify_stat (receipts/stat_outcome.cpp) into a status event -> grouped by delivery
// -> the status pipeline under the delivery's lock (status_pipeline.cpp: qualification, log
// write, counters, retries, journal, lifecycle) -> the quarantine settlement after the lock
// (quarantine_settlement.cpp).
#include "scratch.hpp"
#include "tracker_impl.hpp"

#include <smstrack/receipts/receipt.hpp>

#include <algorithm>
#include <cstdio>

SMSTRACK_BEGIN_NAMESPACE
namespace {

using engine_detail::event_origin;
using engine_detail::held_entries;

using engine_detail::quarantine_event;
using engine_detail::scratch;
using engine_detail::status_event;

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
    case change_outcome::invalid_argument: return receipt_outcome::invalid;
    case change_outcome::conflict:
    case change_outcome::provider_id_taken: break;
  }
  return receipt_outcome::conflict;
}

ack_outcome ack_outcome_of(const status_event& e) {
  switch (e.outcome) {
    case change_outcome::applied:
      return e.status == log_status::failed    ? ack_outcome::failed
             : e.status == log_status::pending ? ack_outcome::requeued
                                               : ack_outcome::accepted;
    case change_outcome::unchanged: return e.status == log_status::pending ? ack_outcome::requeued : ack_outcome::duplicate;
    case change_outcome::illegal_transition: return ack_outcome::illegal_transition;
    case change_outcome::unknown_log: return ack_outcome::unknown_log;
    case change_outcome::invalid_argument: return ack_outcome::invalid_id;
    case change_outcome::conflict: return ack_outcome::conflict;
    case change_outcome::provider_id_taken: break;
  }
  return ack_outcome::provider_id_taken;
}

// The status event a parsed receipt asks for, or nothing for an intermediate stat.
std::optional<status_event> event_of(const receipt& r, std::string_view raw, const connector_profile& profile,
                                     log_id log, std::size_t source, std::size_t max_text) {
  const stat_outcome outcome = classify_stat(r.stat(), profile.outcomes);
  if (outcome == stat_outcome::intermediate) return std::nullopt;
  status_event e;
  e.source = source;
  e.origin = event_origin::receipt;
  e.log = log;
  if (outcome == stat_outcome::success) {
    e.status = log_status::received_on_mobile;
    return e;
  }
  e.status = log_status::failed;
  while (!raw.empty() && raw.back() == '\0') raw.remove_suffix(1);  // a PDU's C-string terminator
  e.failed_as = {profile.name, r.stat(), r.stat().empty() ? r.message_state : std::nullopt, r.error_code()};
  e.raw_receipt = raw;
  if (raw.empty()) {
    e.made_text = "stat:" + e.failed_as.stat_text() + (r.error_code().empty() ? "" : " err:" + std::string(r.error_code()));
  } else if (raw.size() <= max_text && is_valid_utf8(raw) && raw.find('\0') == std::string_view::npos) {
    e.raw_text = raw;
  } else {
    e.made_text = storable_utf8(raw, max_text);
  }
  return e;
}

// The status event an ack asks for; nothing for an accepted ack whose id was refused.
std::optional<status_event> event_of(const message_ack& ack, std::size_t source, const provider_key& key, bool refused) {
  status_event e;
  e.source = source;
  e.origin = event_origin::ack;
  e.log = ack.log;
  e.failure = {failure_type::soft, failure_reason::unreachable, true};
  if (ack.timed_out) {
    e.status = log_status::failed;
    e.made_text = "no submit_sm_resp within the MT expiration";
  } else if (ack.command_status == esme_rthrottled || ack.command_status == esme_rmsgqful) {
    e.status = log_status::pending;
  } else if (ack.command_status != 0) {
    e.status = log_status::failed;
    e.made_text = "submit refused: command_status " + hex_status(ack.command_status);
  } else if (refused) {
    return std::nullopt;
  } else {
    e.status = log_status::taken_into_account;
    e.provider_id = key.view();
  }
  return e;
}

// Parses a batch of receipts into `parsed` (nothing for an invalid one, whose outcome is set)
// and finds the logs their ids point to, with one lookup, into `refs`.
result<void> locate(storage& store, const connector_profile& profile, std::span<const incoming_receipt> receipts,
                    std::span<receipt_outcome> outcomes, std::vector<std::optional<receipt>>& parsed,
                    std::vector<std::optional<log_ref>>& refs) {
  parsed.clear();  // filled in order below: each receipt's slot is written once
  parsed.reserve(receipts.size());
  scratch<std::vector<std::string_view>> keys_buffer;
  scratch<std::vector<std::size_t>> owners_buffer;
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
  scratch<std::vector<std::optional<log_ref>>, struct found_purpose> found_buffer;
  std::vector<std::optional<log_ref>>& found = found_buffer.get();
  found.resize(keys.size());
  if (!keys.empty()) {
    if (auto looked = store.logs().find_by_provider_ids(keys, found); !looked) return looked;
  }
  refs.assign(receipts.size(), std::nullopt);
  for (std::size_t k = 0; k < owners.size(); ++k) refs[owners[k]] = found[k];
  return {};
}

// The events of one batch that concern one delivery: a run of the batch's events.
struct delivery_group {
  delivery_id id = 0;
  std::span<status_event> events;
};

// Runs a group's events through the pipeline under its delivery's lock, then settles the
// quarantine asks, and tells each receipt's outcome. Nothing when `wait` is false and another
// thread holds the delivery. A delivery that no longer exists makes its receipts unknown ids.
std::optional<result<void>> settle_group(tracker::impl& engine, const delivery_group& g, bool wait,
                                         std::span<receipt_outcome> outcomes) {
  scratch<std::vector<quarantine_event>> asks_buffer;
  std::vector<quarantine_event>& asks = asks_buffer.get();
  const timestamp at = engine.now();
  const auto run = [&](delivery_runtime& rt) -> result<void> {
    if (auto ran = engine.run_events(rt, g.events, at, asks); !ran) return ran.error();
    return {};
  };
  result<void> ran;
  if (wait) {
    ran = engine.deliveries.locked(g.id, run);
  } else if (auto tried = engine.deliveries.try_locked(g.id, run)) {
    ran = std::move(*tried);
  } else {
    return std::nullopt;
  }
  auto settled = engine.quarantine.settle(g.id, asks, at);
  if (!ran && ran.error() != errc::unknown_delivery) return ran.error();
  for (const status_event& e : g.events) {
    outcomes[e.source] = ran ? receipt_outcome_of(e.outcome) : receipt_outcome::unknown_id;
  }
  return settled;
}

// Applies a batch of receipts: parsed, found with one lookup, grouped by delivery and settled.
result<void> apply_receipts(tracker::impl& engine, const connector_profile& profile,
                            std::span<const incoming_receipt> receipts, std::span<receipt_outcome> outcomes) {
  scratch<std::vector<std::optional<receipt>>> parsed_buffer;
  scratch<std::vector<std::optional<log_ref>>> refs_buffer;
  std::vector<std::optional<receipt>>& parsed = parsed_buffer.get();
  std::vector<std::optional<log_ref>>& refs = refs_buffer.get();
  if (auto located = locate(engine.store(), profile, receipts, outcomes, parsed, refs); !located) return located;

  // Receipts whose id no log carries are held; the others are grouped by delivery.
  scratch<std::vector<std::pair<delivery_id, std::size_t>>> by_delivery_buffer;
  std::vector<std::pair<delivery_id, std::size_t>>& by_delivery = by_delivery_buffer.get();
  const timestamp now = engine.now();
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    if (!parsed[i]) continue;
    if (const auto& ref = refs[i]) {
      by_delivery.emplace_back(ref->delivery, i);
      continue;
    }
    const bool held = engine.hold.hold(profile.name, parsed[i]->key, receipts[i], now);
    outcomes[i] = held ? receipt_outcome::held : receipt_outcome::unknown_id;
  }
  const auto by_id = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(by_delivery.begin(), by_delivery.end(), by_id)) {
    std::stable_sort(by_delivery.begin(), by_delivery.end(), by_id);
  }

  // The events sit in one per-thread buffer, a run per delivery.
  scratch<std::vector<status_event>> events_buffer;
  std::vector<status_event>& events = events_buffer.get();
  std::vector<std::pair<delivery_id, std::size_t>> runs;  // delivery, first event
  for (const auto& [delivery, i] : by_delivery) {
    auto e = event_of(*parsed[i], receipts[i].text, profile, refs[i]->log, i, engine.options.max_receipt_text_bytes);
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
    auto settled = settle_group(engine, g, false, outcomes);
    if (!settled) waiting.push_back(&g);
    else if (!*settled) return *settled;
  }
  for (delivery_group* g : waiting) {
    if (auto settled = *settle_group(engine, *g, true, outcomes); !settled) return settled;
  }
  return {};
}

// The ids of accepted acks normalized into `keys`; an id the connector's rule refuses decides
// its ack's outcome at once.
void normalize_ack_ids(const connector_profile& profile, std::span<const message_ack> acks,
                       std::span<ack_outcome> outcomes, std::vector<provider_key>& keys, std::vector<bool>& refused) {
  keys.assign(acks.size(), provider_key{});
  refused.assign(acks.size(), false);
  for (std::size_t i = 0; i < acks.size(); ++i) {
    if (acks[i].timed_out || acks[i].command_status != 0) continue;
    auto key = normalize_provider_id(acks[i].message_id, profile.ids);
    if (!key) {
      outcomes[i] = ack_outcome::invalid_id;
      refused[i] = true;
      continue;
    }
    keys[i] = *key;
  }
}

result<void> check_sizes(std::size_t outcomes, std::size_t inputs, std::string_view what) {
  if (outcomes == inputs) return {};
  return error{errc::invalid_argument, "outcomes has " + std::to_string(outcomes) + " elements for " +
                                           std::to_string(inputs) + " " + std::string(what)};
}

}  // namespace

result<void> tracker::register_connector(const connector_profile& profile) {
  if (profile.name.empty()) return error{errc::invalid_argument, "a connector needs a name"};
  if (auto valid = validate(profile.outcomes); !valid) return valid;
  impl_->connectors.put(profile);
  return {};
}

result<receipt_summary> tracker::on_receipts(std::string_view connector, std::span<const incoming_receipt> receipts,
                                             std::span<receipt_outcome> outcomes) {
  if (auto sized = check_sizes(outcomes.size(), receipts.size(), "receipts"); !sized) return sized.error();
  const connector_profile profile = impl_->connectors.of(connector);
  if (auto applied = apply_receipts(*impl_, profile, receipts, outcomes); !applied) return applied.error();
  receipt_summary summary;
  for (const receipt_outcome o : outcomes) ++summary.counts[static_cast<std::size_t>(o)];
  return summary;
}

result<void> tracker::on_ack(delivery_id id, std::span<const message_ack> acks, std::span<ack_outcome> outcomes) {
  if (auto sized = check_sizes(outcomes.size(), acks.size(), "acks"); !sized) return sized.error();
  std::string connector;
  std::vector<provider_key> recorded;
  std::vector<provider_key> keys;      // the events view them
  std::vector<status_event> events;    // outlive the settlement: the asks view their texts
  std::vector<quarantine_event> asks;
  timestamp at{};
  auto acked = impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<void> {
    if (!rt.record.started) {
      return error{errc::illegal_transition, "delivery " + std::to_string(id) + " is " + name_of(rt.record.state) +
                                                 ": acks come only after the start"};
    }
    connector = rt.record.settings.connector;
    std::vector<bool> refused;
    normalize_ack_ids(impl_->connectors.of(connector), acks, outcomes, keys, refused);
    for (std::size_t i = 0; i < acks.size(); ++i) {
      if (auto e = event_of(acks[i], i, keys[i], refused[i])) events.push_back(std::move(*e));
    }
    at = impl_->now();
    if (auto ran = impl_->run_events(rt, events, at, asks); !ran) return ran.error();
    for (const status_event& e : events) {
      outcomes[e.source] = ack_outcome_of(e);
      if (e.outcome == change_outcome::applied && e.status == log_status::taken_into_account) {
        recorded.push_back(keys[e.source]);
      }
    }
    return {};
  });
  auto settled = impl_->quarantine.settle(id, asks, at);
  if (!acked) return acked;
  if (!settled) return settled;

  // Receipts that overtook these acks are applied now; on a failure they stay held for the next
  // attempt (expire_held_receipts).
  held_entries waiting = impl_->hold.take(connector, recorded);
  if (waiting.empty()) return {};
  std::vector<incoming_receipt> replay;
  replay.reserve(waiting.size());
  for (const auto& entry : waiting) replay.push_back(entry.second.view());
  std::vector<receipt_outcome> replayed(replay.size());
  if (auto applied = on_receipts(connector, replay, replayed); !applied) {
    impl_->hold.put_back(std::move(waiting));
    return applied.error();
  }
  return {};
}

result<std::vector<expired_receipt>> tracker::expire_held_receipts() {
  const timestamp now = impl_->now();
  held_entries candidates = impl_->hold.take_all();
  if (candidates.empty()) return std::vector<expired_receipt>{};
  // The ack may have landed another way meanwhile (another tracker, a replay that failed): one
  // lookup tells which ids a log now carries. Those receipts are applied, per connector; the
  // others stay held until their grace period ends, and are then returned as unknown ids. When
  // the store fails, everything stays held.
  std::vector<std::string_view> ids;
  ids.reserve(candidates.size());
  for (const auto& entry : candidates) ids.push_back(entry.first.key.view());
  std::vector<std::optional<log_ref>> refs(ids.size());
  if (auto looked = impl_->store().logs().find_by_provider_ids(ids, refs); !looked) {
    impl_->hold.put_back(std::move(candidates));
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
    for (const auto& entry : entries) batch.push_back(entry.second.view());
    std::vector<receipt_outcome> outcomes(batch.size());
    if (!on_receipts(connector, batch, outcomes)) std::move(entries.begin(), entries.end(), std::back_inserter(keep));
  }
  impl_->hold.put_back(std::move(keep));
  return expired;
}

std::size_t tracker::held_receipts() const { return impl_->hold.size(); }

result<std::vector<log_id>> tracker::due_retries(delivery_id id, std::size_t limit) {
  if (auto ok = impl_->check_page(limit); !ok) return ok.error();
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<std::vector<log_id>> {
    const timestamp now = impl_->now();
    std::vector<log_id> due;
    for (log_id after = 0;;) {
      auto page = impl_->store().logs().page(id, {log_status::failed, after, impl_->options.write_batch});
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
  std::vector<quarantine_event> asks;  // a mark asks nothing of the quarantine
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<std::uint64_t> {
    const timestamp now = impl_->now();
    std::uint64_t marked = 0;
    std::vector<status_event> events;
    for (log_id after = 0;;) {
      auto page = impl_->store().logs().page(id, {log_status::taken_into_account, after, impl_->options.write_batch});
      if (!page) return page.error();
      events.clear();
      for (const delivery_log& log : *page) {
        if (now - log.updated < impl_->options.receipt_horizon || log.text == receipt_timed_out_text) continue;
        status_event& e = events.emplace_back();
        e.origin = event_origin::horizon;
        e.log = log.id;
        e.status = log_status::taken_into_account;
        e.raw_text = receipt_timed_out_text;
      }
      auto ran = impl_->run_events(rt, events, now, asks);
      if (!ran) return ran.error();
      marked += ran->timed_out;
      if (page->size() < impl_->options.write_batch) break;
      after = page->back().id;
    }
    return marked;
  });
}

result<void> tracker::requalify(qualification_entry entry) {
  if (auto ok = check_requalification(entry); !ok) return ok;
  entry.last_modified = impl_->now();
  return impl_->store().qualification().upsert(std::span<const qualification_entry>(&entry, 1));
}

SMSTRACK_END_NAMESPACE

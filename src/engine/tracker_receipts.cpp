// The tracker's doors for carrier receipts (SPEC §6): receipts, the hold of receipts that
// overtook their ack, the receipt horizon and retries. Acks are in tracker_acks.cpp.
//
// The route of one receipt: on_receipts -> parse_receipt (receipts/receipt.cpp) and the
// connector's id normalization (receipts/provider_key.cpp) -> one find_by_provider_ids for the
// batch -> classify_stat (receipts/stat_outcome.cpp) into a status event -> grouped by delivery
// -> the status pipeline under the delivery's lock (status_pipeline.cpp: qualification, log
// plan, quarantine decisions (quarantine_settlement.cpp), counters, retries, journal,
// lifecycle) -> one unit of work committed by the store (storage::commit).
#include "scratch.hpp"
#include "tracker_impl.hpp"

#include <smstrack/receipts/receipt.hpp>

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace {

using engine_detail::event_origin;
using engine_detail::held_entries;
using engine_detail::run_status_pipeline;

using engine_detail::receipt_failure;
using engine_detail::scratch;
using engine_detail::status_event;

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

// The status event a parsed receipt asks for, or nothing for an intermediate stat.
// An error receipt's failure goes to `failures`, whose capacity must not be exceeded (the event
// points to it).
std::optional<status_event> event_of(const receipt& r, std::string_view raw, const connector_profile& profile,
                                     log_id log, std::size_t source, std::size_t max_text,
                                     std::vector<receipt_failure>& failures) {
  const stat_outcome outcome = classify_stat(r.stat(), profile.outcomes);
  if (outcome == stat_outcome::intermediate) return std::nullopt;
  status_event e;
  e.source = static_cast<std::uint32_t>(source);
  e.origin = event_origin::receipt;
  e.log = log;
  if (outcome == stat_outcome::success) {
    e.status = log_status::received_on_mobile;
    return e;
  }
  e.status = log_status::failed;
  while (!raw.empty() && raw.back() == '\0') raw.remove_suffix(1);  // a PDU's C-string terminator
  const receipt_failure& failed = failures.emplace_back(receipt_failure{
      {profile.name, r.stat(), r.stat().empty() ? r.message_state : std::nullopt, r.error_code()}, raw});
  e.failed_as = &failed;
  if (raw.empty()) {
    e.made_text = "stat:" + failed.name.stat_text() + (r.error_code().empty() ? "" : " err:" + std::string(r.error_code()));
  } else if (raw.size() <= max_text && is_valid_utf8(raw) && raw.find('\0') == std::string_view::npos) {
    e.raw_text = raw;
  } else {
    e.made_text = storable_utf8(raw, max_text);
  }
  return e;
}


// The logs that `keys` point to, into refs[owners[k]].
result<void> find_logs(storage& store, std::span<const std::string_view> keys, std::span<const std::size_t> owners,
                       std::vector<std::optional<log_ref>>& refs) {
  if (keys.empty()) return {};
  scratch<std::vector<std::optional<log_ref>>, struct found_purpose> found_buffer;
  std::vector<std::optional<log_ref>>& found = found_buffer.get();
  found.resize(keys.size());
  if (auto looked = store.logs().find_by_provider_ids(keys, found); !looked) return looked;
  for (std::size_t k = 0; k < owners.size(); ++k) refs[owners[k]] = found[k];
  return {};
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
  const receipt_id_rules rules{profile.ids, profile.tlv_ids};
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    auto one = parse_receipt(receipts[i].text, receipts[i].tlvs, rules);
    if (!one || !network_code::parse(receipts[i].network)) {
      outcomes[i] = receipt_outcome::invalid;
      parsed.emplace_back();
      continue;
    }
    parsed.emplace_back(*one);
    keys.push_back(parsed[i]->key.view());
    owners.push_back(i);
  }
  refs.assign(receipts.size(), std::nullopt);
  if (auto found = find_logs(store, keys, owners, refs); !found) return found;
  // A receipt not found by its TLV id may be by its text id, written the other way.
  keys.clear();
  owners.clear();
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    if (refs[i] || !parsed[i] || !parsed[i]->alternate_key) continue;
    keys.push_back(parsed[i]->alternate_key->view());
    owners.push_back(i);
  }
  return find_logs(store, keys, owners, refs);
}

// The events of one batch that concern one delivery: a run of the batch's events.
struct delivery_group {
  delivery_id id = 0;
  std::span<status_event> events;
};

// One batch of receipts of a connector taken through the engine's components: located, held
// or grouped by delivery, and run through the status pipeline under each delivery's lock (one
// unit of work per delivery).
class receipt_intake {
 public:
  receipt_intake(const engine_detail::engine_context& context, engine_detail::delivery_registry& deliveries,
                 engine_detail::receipt_hold& hold,
                 const connector_profile& profile)
      : context_(context), deliveries_(deliveries), hold_(hold), profile_(profile) {}

  /// Each receipt's outcome in `outcomes`. Errors: storage_failure.
  result<void> apply(std::span<const incoming_receipt> receipts, std::span<receipt_outcome> outcomes);

 private:
  std::vector<delivery_group> group_by_delivery(std::span<const incoming_receipt> receipts,
                                                std::span<const std::optional<receipt>> parsed,
                                                std::span<const std::optional<log_ref>> refs,
                                                std::span<receipt_outcome> outcomes, std::vector<status_event>& events,
                                                std::vector<receipt_failure>& failures);
  std::optional<result<void>> apply_group(const delivery_group& g, bool wait, std::span<receipt_outcome> outcomes);

  const engine_detail::engine_context& context_;
  engine_detail::delivery_registry& deliveries_;
  engine_detail::receipt_hold& hold_;
  const connector_profile& profile_;
};

// Runs a group's events through the pipeline under its delivery's lock, and tells each
// receipt's outcome. Nothing when `wait` is false and another thread holds the delivery. A
// delivery that no longer exists makes its receipts unknown ids.
std::optional<result<void>> receipt_intake::apply_group(const delivery_group& g, bool wait,
                                                        std::span<receipt_outcome> outcomes) {
  const timestamp at = context_.clock.now();
  const auto run = [&](delivery_runtime& rt) -> result<void> {
    if (auto ran = run_status_pipeline(context_, rt, g.events, at); !ran) return ran.error();
    return {};
  };
  result<void> ran;
  if (wait) {
    ran = deliveries_.locked(g.id, run);
  } else if (auto tried = deliveries_.try_locked(g.id, run)) {
    ran = std::move(*tried);
  } else {
    return std::nullopt;
  }
  if (!ran && ran.error() != errc::unknown_delivery) return ran.error();
  for (const status_event& e : g.events) {
    outcomes[e.source] = ran ? receipt_outcome_of(e.outcome) : receipt_outcome::unknown_id;
  }
  return result<void>{};
}

// Applies a batch of receipts: parsed, found with one lookup, grouped by delivery and settled.
// The receipts of a located batch as status events, a run per delivery, in `events`; those whose
// id no log carries are held, intermediate ones only get their outcome.
std::vector<delivery_group> receipt_intake::group_by_delivery(    std::span<const incoming_receipt> receipts, std::span<const std::optional<receipt>> parsed,
    std::span<const std::optional<log_ref>> refs, std::span<receipt_outcome> outcomes, std::vector<status_event>& events,
    std::vector<receipt_failure>& failures) {
  failures.reserve(receipts.size());  // events point into it: it must not move
  scratch<std::vector<std::pair<delivery_id, std::size_t>>> by_delivery_buffer;
  std::vector<std::pair<delivery_id, std::size_t>>& by_delivery = by_delivery_buffer.get();
  const timestamp now = context_.clock.now();
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    if (!parsed[i]) continue;
    if (const auto& ref = refs[i]) {
      by_delivery.emplace_back(ref->delivery, i);
      continue;
    }
    const bool held = hold_.hold(profile_.name, parsed[i]->key, receipts[i], now);
    outcomes[i] = held ? receipt_outcome::held : receipt_outcome::unknown_id;
  }
  const auto by_id = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(by_delivery.begin(), by_delivery.end(), by_id)) {
    std::stable_sort(by_delivery.begin(), by_delivery.end(), by_id);
  }
  std::vector<std::pair<delivery_id, std::size_t>> runs;  // delivery, first event
  for (const auto& [delivery, i] : by_delivery) {
    auto e = event_of(*parsed[i], receipts[i].text, profile_, refs[i]->log, i, context_.options.max_receipt_text_bytes,
                      failures);
    if (!e) {
      outcomes[i] = receipt_outcome::intermediate;
      continue;
    }
    const auto network = network_code::parse(receipts[i].network);  // checked by locate
    e->network = network ? *network : network_code{};
    if (runs.empty() || runs.back().first != delivery) runs.emplace_back(delivery, events.size());
    events.push_back(std::move(*e));
  }
  std::vector<delivery_group> groups;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const std::size_t end = r + 1 < runs.size() ? runs[r + 1].second : events.size();
    groups.push_back({runs[r].first, std::span(events).subspan(runs[r].second, end - runs[r].second)});
  }
  return groups;
}

// Applies a batch of receipts: parsed, found with one lookup, grouped by delivery and settled.
result<void> receipt_intake::apply(std::span<const incoming_receipt> receipts, std::span<receipt_outcome> outcomes) {
  scratch<std::vector<std::optional<receipt>>> parsed_buffer;
  scratch<std::vector<std::optional<log_ref>>> refs_buffer;
  std::vector<std::optional<receipt>>& parsed = parsed_buffer.get();
  std::vector<std::optional<log_ref>>& refs = refs_buffer.get();
  if (auto located = locate(context_.store, profile_, receipts, outcomes, parsed, refs); !located) return located;
  scratch<std::vector<status_event>> events_buffer;  // the thread's own: one buffer, a run per delivery
  scratch<std::vector<receipt_failure>> failures_buffer;
  std::vector<delivery_group> groups =
      group_by_delivery(receipts, parsed, refs, outcomes, events_buffer.get(), failures_buffer.get());
  // Deliveries another thread holds come last, so that threads ingesting mixed batches settle
  // different deliveries side by side rather than queue for the same one.
  std::vector<delivery_group*> waiting;
  for (delivery_group& g : groups) {
    auto settled = apply_group(g, false, outcomes);
    if (!settled) waiting.push_back(&g);
    else if (!*settled) return *settled;
  }
  for (delivery_group* g : waiting) {
    if (auto settled = *apply_group(*g, true, outcomes); !settled) return settled;
  }
  return {};
}

}  // namespace

result<void> tracker::register_connector(const connector_profile& profile) {
  if (profile.name.empty()) return error{errc::invalid_argument, "a connector needs a name"};
  if (auto valid = validate(profile.outcomes); !valid) return valid;
  std::shared_ptr<const price_table> prices;
  if (profile.prices) {
    auto table = price_table::make(*profile.prices);
    if (!table) {
      return error{errc::invalid_settings, "connector " + profile.name + ": " + table.error().detail()};
    }
    prices = std::make_shared<const price_table>(std::move(*table));
  }
  impl_->connectors.put(profile, std::move(prices));
  return {};
}

result<receipt_summary> tracker::on_receipts(std::string_view connector, std::span<const incoming_receipt> receipts,
                                             std::span<receipt_outcome> outcomes) {
  if (auto sized = engine_detail::check_sizes(outcomes.size(), receipts.size(), "receipts"); !sized) return sized.error();
  const connector_profile profile = impl_->connectors.of(connector);
  receipt_intake intake(impl_->context, impl_->deliveries, impl_->hold, profile);
  if (auto applied = intake.apply(receipts, outcomes); !applied) return applied.error();
  receipt_summary summary;
  for (const receipt_outcome o : outcomes) ++summary.counts[static_cast<std::size_t>(o)];
  return summary;
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
        const auto at = next_retry(digest_of(log), rt.record().validity_end, impl_->options.retries);
        if (at && *at <= now) due.push_back(log.id);
        if (due.size() == limit) return due;
      }
      if (page->size() < impl_->options.write_batch) return due;
      after = page->back().id;
    }
  }, false);
}

result<std::uint64_t> tracker::check_receipt_horizon(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<std::uint64_t> {
    const timestamp now = impl_->now();
    std::uint64_t marked = 0;
    std::vector<status_event> events;
    for (log_id after = 0;;) {
      auto page = impl_->store().logs().page(id, {log_status::taken_into_account, after, impl_->options.write_batch});
      if (!page) return page.error();
      events.clear();
      for (const delivery_log& log : *page) {
        if (now - log.updated < impl_->options.receipt_horizon || log.receipt_timed_out) continue;
        status_event& e = events.emplace_back();
        e.origin = event_origin::horizon;
        e.log = log.id;
        e.status = log_status::taken_into_account;
        e.raw_text = receipt_timed_out_text;
      }
      auto ran = impl_->run_events(rt, events, now);
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

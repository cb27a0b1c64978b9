#include "quarantine_settlement.hpp"

#include "scratch.hpp"

#include <boost/unordered/unordered_flat_map.hpp>

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {
namespace {

bool counts_toward_quarantine(const address_failure& f) {
  return f.may_quarantine && (f.type == failure_type::hard || f.type == failure_type::soft);
}

// The delivery whose "new quarantines" counts an entry, if any.
std::optional<delivery_id> counted_by(const std::optional<quarantine_entry>& entry) {
  if (!entry || !blocks_sending(entry->status)) return std::nullopt;
  return entry->quarantined_by;
}

// The events that may change their address's entry: failures that count, and successes on an
// address `with_errors`. Most successes touch an address without an entry: one read without
// stripe locks tells, and such a success is ordered before any decision still being taken.
result<void> select_deciding(storage& store, std::span<const quarantine_event> events, std::vector<std::size_t>& deciding) {
  scratch<std::vector<quarantine_key>> keys_buffer;
  scratch<std::vector<std::size_t>, struct success_purpose> successes_buffer;
  std::vector<quarantine_key>& keys = keys_buffer.get();
  std::vector<std::size_t>& successes = successes_buffer.get();
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (!events[i].failed) {
      keys.push_back({events[i].address, {}});
      successes.push_back(i);
    }
  }
  scratch<std::vector<std::optional<quarantine_entry>>> stored_buffer;
  std::vector<std::optional<quarantine_entry>>& stored = stored_buffer.get();
  stored.resize(keys.size());
  if (!keys.empty()) {
    if (auto got = store.quarantine().get(keys, stored); !got) return got;
  }
  std::size_t next_success = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].failed) {
      if (counts_toward_quarantine(events[i].failure)) deciding.push_back(i);
      continue;
    }
    const std::optional<quarantine_entry>& entry = stored[next_success++];
    if (entry && entry->status == quarantine_status::with_errors) deciding.push_back(i);
  }
  return {};
}

}  // namespace

result<void> find_allowlisted(storage& store, std::span<const quarantine_key> keys, std::vector<bool>& allowlisted) {
  std::vector<std::optional<quarantine_entry>> stored(keys.size());
  if (auto got = store.quarantine().get(keys, stored); !got) return got;
  allowlisted.assign(keys.size(), false);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    allowlisted[i] = stored[i] && stored[i]->status == quarantine_status::allowlisted;
  }
  return {};
}

result<void> quarantine_settlement::settle(delivery_id delivery, std::span<const quarantine_event> asks, timestamp now) {
  if (asks.empty() && !backlog_kept_.load(std::memory_order_acquire)) return {};
  auto stored = store_backlog();
  if (stored) stored = decide_and_store(delivery, asks, now);
  if (stored) return {};
  if (!asks.empty()) keep(delivery, asks, now);
  return error{errc::storage_failure,
               "quarantine entries not stored (kept for the next call): " + stored.error().message()};
}

// Decides the entries of the deciding events under their stripes, each over the entry as the
// earlier events leave it, and stores those that change with the count of new quarantines.
result<void> quarantine_settlement::decide_and_store(delivery_id delivery, std::span<const quarantine_event> events,
                                                     timestamp now) {
  scratch<std::vector<std::size_t>, struct deciding_purpose> deciding_buffer;
  std::vector<std::size_t>& deciding = deciding_buffer.get();
  if (auto selected = select_deciding(context_.store, events, deciding); !selected) return selected;
  if (deciding.empty()) return {};
  std::uint64_t stripes = 0;
  for (const std::size_t i : deciding) stripes |= address_stripes::mask_of(events[i].address);
  const auto held = context_.stripes.lock(stripes);

  scratch<std::vector<quarantine_key>> keys_buffer;
  std::vector<quarantine_key>& keys = keys_buffer.get();
  for (const std::size_t i : deciding) keys.push_back({events[i].address, {}});
  scratch<std::vector<std::optional<quarantine_entry>>> stored_buffer;
  std::vector<std::optional<quarantine_entry>>& stored = stored_buffer.get();
  stored.resize(keys.size());
  if (auto got = context_.store.quarantine().get(keys, stored); !got) return got;
  boost::unordered_flat_map<std::uint64_t, std::optional<quarantine_entry>> entries;
  entries.reserve(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) entries.try_emplace(keys[k].address.digits(), std::move(stored[k]));

  std::vector<std::uint64_t> changed;
  std::uint64_t newly_quarantined = 0;
  for (std::size_t k = 0; k < deciding.size(); ++k) {
    const quarantine_event& e = events[deciding[k]];
    std::optional<quarantine_entry>& entry = entries[keys[k].address.digits()];
    std::optional<quarantine_entry> next;
    if (e.failed) {
      quarantine_decision decision = on_failure(entry, keys[k], e.failure, now, context_.options.quarantine);
      newly_quarantined += decision.newly_quarantined ? 1 : 0;
      next = std::move(decision.entry);
    } else {
      next = on_success(entry, delivery, now);
    }
    if (!next) continue;
    entry = std::move(next);
    changed.push_back(keys[k].address.digits());
  }
  if (changed.empty()) return {};
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  std::vector<quarantine_entry> upserts;
  upserts.reserve(changed.size());
  for (const std::uint64_t address : changed) upserts.push_back(std::move(*entries[address]));
  if (auto upserted = context_.store.quarantine().upsert(upserts); !upserted) return upserted;
  if (newly_quarantined > 0) {
    if (const auto rt = registry_.cached(delivery)) rt->add_new_quarantines(static_cast<std::int64_t>(newly_quarantined));
  }
  return {};
}

void quarantine_settlement::keep(delivery_id delivery, std::span<const quarantine_event> asks, timestamp now) {
  kept_asks kept{delivery, now, {asks.begin(), asks.end()}, {}};
  kept.texts.reserve(asks.size());
  for (quarantine_event& e : kept.asks) {
    kept.texts.emplace_back(e.failure.text);
    e.failure.text = {};
  }
  std::lock_guard lock(backlog_mutex_);
  backlog_.push_back(std::move(kept));
  backlog_kept_.store(true, std::memory_order_release);
}

// Stores the decisions kept by earlier calls, oldest first; what the store still refuses goes
// back to the front of the backlog.
result<void> quarantine_settlement::store_backlog() {
  std::vector<kept_asks> backlog;
  {
    std::lock_guard lock(backlog_mutex_);
    if (backlog_.empty()) return {};
    backlog.swap(backlog_);
    backlog_kept_.store(false, std::memory_order_release);
  }
  for (std::size_t b = 0; b < backlog.size(); ++b) {
    kept_asks& kept = backlog[b];
    std::vector<quarantine_event> asks = kept.asks;
    for (std::size_t i = 0; i < asks.size(); ++i) asks[i].failure.text = kept.texts[i];
    if (auto stored = decide_and_store(kept.delivery, asks, kept.at); !stored) {
      std::lock_guard lock(backlog_mutex_);
      backlog_.insert(backlog_.begin(), std::make_move_iterator(backlog.begin() + static_cast<std::ptrdiff_t>(b)),
                      std::make_move_iterator(backlog.end()));
      backlog_kept_.store(true, std::memory_order_release);
      return stored;
    }
  }
  return {};
}

result<std::optional<quarantine_entry>> quarantine_settlement::read_entry(const quarantine_key& key) {
  std::optional<quarantine_entry> current[1];
  if (auto got = context_.store.quarantine().get(std::span<const quarantine_key>(&key, 1), current); !got) {
    return got.error();
  }
  return std::move(current[0]);
}

result<void> quarantine_settlement::store_entry(const std::optional<quarantine_entry>& before,
                                                const quarantine_entry& after) {
  if (auto saved = context_.store.quarantine().upsert(std::span<const quarantine_entry>(&after, 1)); !saved) {
    return saved;
  }
  const std::optional<delivery_id> was = counted_by(before);
  const std::optional<delivery_id> is = counted_by(after);
  if (was == is) return {};
  if (was) {
    if (const auto rt = registry_.cached(*was)) rt->add_new_quarantines(-1);
  }
  if (is) {
    if (const auto rt = registry_.cached(*is)) rt->add_new_quarantines(1);
  }
  return {};
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

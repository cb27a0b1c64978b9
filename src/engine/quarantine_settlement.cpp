#include "quarantine_settlement.hpp"

#include "scratch.hpp"
#include "tracker_impl.hpp"

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {
namespace {

// Locks the quarantine stripes of a set of addresses, in ascending order (no deadlock).
class stripe_locks {
 public:
  template <std::size_t N>
  stripe_locks(std::array<std::mutex, N>& stripes, std::uint64_t wanted) {
    static_assert(N <= 64);
    for (std::size_t i = 0; i < N; ++i) {
      if ((wanted >> i) & 1U) held_.emplace_back(stripes[i]);
    }
  }

 private:
  std::vector<std::unique_lock<std::mutex>> held_;
};

bool counts_toward_quarantine(const address_failure& f) {
  return f.may_quarantine && (f.type == failure_type::hard || f.type == failure_type::soft);
}

// The events that may change their address's entry: failures that count, and successes on an
// address `with_errors`. Most successes touch an address without an entry: one read without
// stripe locks tells, and such a success is ordered before any decision still being taken.
result<void> select_deciding(tracker::impl& self, std::span<const quarantine_event> events,
                             std::vector<std::size_t>& deciding) {
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
    if (auto got = guarded([&] { return self.store.quarantine().get(keys, stored); }); !got) return got;
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

// Stores the changed entries; when some address entered quarantine, under the delivery's lock
// together with its counter, so that a recompute (which counts stored entries) sees both or
// neither.
result<void> store_decisions(tracker::impl& self, delivery_id delivery, std::span<const quarantine_entry> changed,
                             std::uint64_t newly_quarantined) {
  const auto upsert = [&] { return guarded([&] { return self.store.quarantine().upsert(changed); }); };
  if (newly_quarantined == 0) return upsert();
  auto counted = self.locked(delivery, [&](delivery_runtime& rt) -> result<void> {
    if (auto stored = upsert(); !stored) return stored;
    rt.counts.new_quarantines += newly_quarantined;
    return {};
  });
  if (!counted && counted.error() == errc::unknown_delivery) return upsert();  // purged meanwhile
  return counted;
}

// Decides the entries of the deciding events under their stripes, each over the entry as the
// earlier events leave it, and stores those that change.
result<void> decide_and_store(tracker::impl& self, delivery_id delivery, std::span<const quarantine_event> events,
                              timestamp now) {
  scratch<std::vector<std::size_t>, struct deciding_purpose> deciding_buffer;
  std::vector<std::size_t>& deciding = deciding_buffer.get();
  if (auto selected = select_deciding(self, events, deciding); !selected) return selected;
  if (deciding.empty()) return {};
  std::uint64_t stripes = 0;
  for (const std::size_t i : deciding) stripes |= std::uint64_t{1} << stripe_of(events[i].address);
  stripe_locks locks(self.quarantine_stripes, stripes);

  scratch<std::vector<quarantine_key>> keys_buffer;
  std::vector<quarantine_key>& keys = keys_buffer.get();
  for (const std::size_t i : deciding) keys.push_back({events[i].address, {}});
  scratch<std::vector<std::optional<quarantine_entry>>> stored_buffer;
  std::vector<std::optional<quarantine_entry>>& stored = stored_buffer.get();
  stored.resize(keys.size());
  if (auto got = guarded([&] { return self.store.quarantine().get(keys, stored); }); !got) return got;
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
      quarantine_decision decision = on_failure(entry, keys[k], e.failure, now, self.options.quarantine);
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
  return store_decisions(self, delivery, upserts, newly_quarantined);
}

// Keeps events the store refused, with copies of their texts, behind those kept before.
void keep(tracker::impl& self, delivery_id delivery, std::span<const quarantine_event> events, timestamp now) {
  kept_quarantine_events kept{delivery, now, {events.begin(), events.end()}, {}};
  kept.texts.reserve(events.size());
  for (quarantine_event& e : kept.events) {
    kept.texts.emplace_back(e.failure.text);
    e.failure.text = {};
  }
  std::lock_guard lock(self.quarantine_backlog_mutex);
  self.quarantine_backlog.push_back(std::move(kept));
}

// Stores the decisions kept by earlier calls, oldest first; what the store still refuses goes
// back to the front of the backlog.
result<void> store_backlog(tracker::impl& self) {
  std::vector<kept_quarantine_events> backlog;
  {
    std::lock_guard lock(self.quarantine_backlog_mutex);
    if (self.quarantine_backlog.empty()) return {};
    backlog.swap(self.quarantine_backlog);
  }
  for (std::size_t b = 0; b < backlog.size(); ++b) {
    kept_quarantine_events& kept = backlog[b];
    std::vector<quarantine_event> events = kept.events;
    for (std::size_t i = 0; i < events.size(); ++i) events[i].failure.text = kept.texts[i];
    if (auto stored = decide_and_store(self, kept.delivery, events, kept.at); !stored) {
      std::lock_guard lock(self.quarantine_backlog_mutex);
      self.quarantine_backlog.insert(self.quarantine_backlog.begin(), std::make_move_iterator(backlog.begin() + static_cast<std::ptrdiff_t>(b)),
                                     std::make_move_iterator(backlog.end()));
      return stored;
    }
  }
  return {};
}

}  // namespace

std::size_t stripe_of(const phone_number& address) {
  return std::hash<std::uint64_t>{}(address.digits()) % tracker::impl::quarantine_stripe_count;
}

result<void> settle_quarantine(tracker::impl& self, delivery_id delivery, std::span<const quarantine_event> events,
                               timestamp now) {
  auto stored = store_backlog(self);
  if (stored) stored = decide_and_store(self, delivery, events, now);
  if (stored) return {};
  if (!events.empty()) keep(self, delivery, events, now);
  return error{errc::storage_failure,
               "quarantine entries not stored (kept for the next call): " + stored.error().message()};
}

result<void> find_allowlisted(tracker::impl& self, std::span<const quarantine_key> keys,
                              std::vector<bool>& allowlisted) {
  std::vector<std::optional<quarantine_entry>> stored(keys.size());
  if (auto got = guarded([&] { return self.store.quarantine().get(keys, stored); }); !got) return got;
  allowlisted.assign(keys.size(), false);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    allowlisted[i] = stored[i] && stored[i]->status == quarantine_status::allowlisted;
  }
  return {};
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

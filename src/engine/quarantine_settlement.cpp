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

// Decides the entries of the deciding events under their stripes, each over the entry as the
// earlier events leave it.
result<quarantine_decisions> decide_quarantine(const engine_context& context, delivery_id delivery,
                                               std::span<const quarantine_event> events, timestamp now) {
  quarantine_decisions decisions;
  scratch<std::vector<std::size_t>, struct deciding_purpose> deciding_buffer;
  std::vector<std::size_t>& deciding = deciding_buffer.get();
  if (auto selected = select_deciding(context.store, events, deciding); !selected) return selected.error();
  if (deciding.empty()) return decisions;
  std::uint64_t stripes = 0;
  for (const std::size_t i : deciding) stripes |= address_stripes::mask_of(events[i].address);
  decisions.stripes.emplace(context.stripes.lock(stripes));

  scratch<std::vector<quarantine_key>> keys_buffer;
  std::vector<quarantine_key>& keys = keys_buffer.get();
  for (const std::size_t i : deciding) keys.push_back({events[i].address, {}});
  scratch<std::vector<std::optional<quarantine_entry>>> stored_buffer;
  std::vector<std::optional<quarantine_entry>>& stored = stored_buffer.get();
  stored.resize(keys.size());
  if (auto got = context.store.quarantine().get(keys, stored); !got) return got.error();
  boost::unordered_flat_map<std::uint64_t, std::optional<quarantine_entry>> entries;
  entries.reserve(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) entries.try_emplace(keys[k].address.digits(), std::move(stored[k]));

  std::vector<std::uint64_t> changed;
  for (std::size_t k = 0; k < deciding.size(); ++k) {
    const quarantine_event& e = events[deciding[k]];
    std::optional<quarantine_entry>& entry = entries[keys[k].address.digits()];
    std::optional<quarantine_entry> next;
    if (e.failed) {
      quarantine_decision decision = on_failure(entry, keys[k], e.failure, now, context.options.quarantine);
      decisions.newly_quarantined += decision.newly_quarantined ? 1 : 0;
      next = std::move(decision.entry);
    } else {
      next = on_success(entry, delivery, now);
    }
    if (!next) continue;
    entry = std::move(next);
    changed.push_back(keys[k].address.digits());
  }
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  decisions.entries.reserve(changed.size());
  for (const std::uint64_t address : changed) decisions.entries.push_back(std::move(*entries[address]));
  return decisions;
}

result<void> commit_with_entry(storage& store, unit_of_work unit, const std::optional<quarantine_entry>& entry) {
  if (entry) unit.quarantine = std::span<const quarantine_entry>(&*entry, 1);
  auto status = store.commit(unit, {});
  if (!status) return status.error();
  if (*status != commit_status::committed) {
    return error{errc::storage_failure, "storage::commit refused a unit without log updates"};
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

void quarantine_settlement::count_move(const std::optional<quarantine_entry>& before, const quarantine_entry& after) {
  const std::optional<delivery_id> was = counted_by(before);
  const std::optional<delivery_id> is = counted_by(after);
  if (was == is) return;
  if (was) {
    if (const auto rt = registry_.cached(*was)) rt->add_new_quarantines(-1);
  }
  if (is) {
    if (const auto rt = registry_.cached(*is)) rt->add_new_quarantines(1);
  }
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

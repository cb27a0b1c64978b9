// The deliveries the tracker keeps in memory, and their locks.
//
// A delivery's runtime is created from the stored record on first use and kept until evicted.
// `locked` runs an operation with the delivery's lock held, its counters loaded when the
// operation needs them, then writes the journal lines it noted.
//
// Lock order of the engine (the one place it is written down), outermost first:
//   1. one delivery's lock — a thread never holds two;
//   2. quarantine stripes, in ascending order (quarantine_settlement.hpp): under a delivery's
//      lock by the status pipeline (until its unit is committed) and by a recompute, alone by
//      the changes of single entries;
//   3. the registry's map lock (`evict` holds it and only tries a delivery's lock);
//   4. leaf locks, each taken alone and released before any other: the hold of receipts, the
//      connectors, the keyword rules, and the store's own.
//
// Single writer: a runtime caches the delivery's record and counters; a record another writer
// changed is refreshed on the revision conflict its next save meets (delivery_runtime.hpp says
// what the counters assume).
//
// Thread safety: every member may be called from several threads at once.
#pragma once

#include "delivery_runtime.hpp"

#include <boost/unordered/unordered_flat_map.hpp>

#include <memory>
#include <optional>
#include <shared_mutex>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

class delivery_registry {
 public:
  explicit delivery_registry(const engine_context& context) : context_(context) {}

  /// The runtime of a delivery, created on first use; its lock is not held.
  /// Errors: unknown_delivery, storage_failure.
  [[nodiscard]] result<std::shared_ptr<delivery_runtime>> runtime_of(delivery_id id);

  /// The runtime if the tracker keeps it, without reading the store.
  [[nodiscard]] std::shared_ptr<delivery_runtime> cached(delivery_id id) const;

  /// Runs `operation` on the delivery's runtime under its lock, then writes the journal.
  /// Operations that read or move the indicator counters get them loaded first; those on the
  /// record alone pass `needs_counters = false`.
  template <class F>
  auto locked(delivery_id id, F operation, bool needs_counters = true)
      -> decltype(operation(std::declval<delivery_runtime&>())) {
    auto rt = runtime_of(id);
    if (!rt) return rt.error();
    std::lock_guard lock((*rt)->mutex_);
    return run_locked(**rt, operation, needs_counters);
  }

  /// As `locked`, but gives nothing at once when another thread holds the delivery.
  template <class F>
  auto try_locked(delivery_id id, F operation)
      -> std::optional<decltype(operation(std::declval<delivery_runtime&>()))> {
    auto rt = runtime_of(id);
    if (!rt) return rt.error();
    std::unique_lock lock((*rt)->mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return std::nullopt;
    return run_locked(**rt, operation, true);
  }

  /// Forgets a delivery unless it has journal lines still to write. Whether it did.
  bool evict(delivery_id id);
  [[nodiscard]] std::size_t size() const;

 private:
  template <class F>
  auto run_locked(delivery_runtime& rt, F& operation, bool needs_counters)
      -> decltype(operation(std::declval<delivery_runtime&>())) {
    if (needs_counters) {
      if (auto loaded = rt.ensure_loaded(context_); !loaded) return loaded.error();
    }
    auto outcome = operation(rt);
    if (auto flushed = rt.flush_journal(context_.store); !flushed && outcome) return flushed.error();
    return outcome;
  }

  const engine_context& context_;
  mutable std::shared_mutex mutex_;  // guards the map
  boost::unordered_flat_map<delivery_id, std::shared_ptr<delivery_runtime>> runtimes_;
};

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

// Quarantine decisions (SPEC §5.4): the entries that applied log changes ask for, and the single
// entry changes of operators, replies and opt-out links.
//
// The status pipeline writes a batch's logs under the delivery's lock and hands back what those
// changes ask of the addresses' entries: a failure to count, a success that clears
// `with_errors`. They are decided and stored here once that lock is released, so that one
// delivery's logs and the addresses' entries are written side by side by different threads.
// Decisions for one address are serialized by its stripe (address_stripes.hpp). An address that
// enters quarantine is stored and counted in its delivery's "new quarantines" while its stripe
// is held; a recompute counts the stored entries holding every stripe, so it sees both or
// neither. No delivery lock is taken here. An allowlisted address is screened out before its
// log is written (its failure is recorded as ignored), so nothing here changes a log.
//
// When the store refuses a decision, the decisions of the call are kept in memory, in order, and
// stored first by the next settlement of any thread: the receipt's log is already final, and a
// retried receipt would find nothing left to do.
//
// Single writer: the backlog lives in this tracker's memory; several trackers sharing a store
// each keep their own, and a stopped tracker loses what it kept (the call reported a failure).
// Thread safety: every member may be called from several threads at once.
#pragma once

#include "delivery_registry.hpp"

#include <smstrack/policy/quarantine_policy.hpp>

#include <atomic>
#include <optional>
#include <span>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

/// What one applied log change asks of its address's entry.
struct quarantine_event {
  phone_number address;
  bool failed = false;      ///< a failure to count; otherwise a success
  address_failure failure;  ///< failures: its type, reason, text and delivery
};

/// Whether the addresses of the failing `keys` are allowlisted, as `allowlisted[i]`.
[[nodiscard]] result<void> find_allowlisted(storage& store, std::span<const quarantine_key> keys,
                                            std::vector<bool>& allowlisted);

class quarantine_settlement {
 public:
  quarantine_settlement(const engine_context& context, const delivery_registry& registry)
      : context_(context), registry_(registry) {}

  /// Decides and stores the entries `asks` of `delivery` want, as at `now`, after the decisions
  /// an earlier call could not store. Errors: storage_failure (the asks are kept for the next
  /// call).
  [[nodiscard]] result<void> settle(delivery_id delivery, std::span<const quarantine_event> asks, timestamp now);

  /// What `change` makes of one entry: given the stored entry (or nothing), it returns the entry
  /// to store, or nothing to leave it as it is. Runs under the address's stripe; a change that
  /// moves the entry in or out of a delivery's "new quarantines" moves that count. Returns the
  /// entry stored, if one was. Errors: the change's own, storage_failure.
  template <class Change>
  [[nodiscard]] result<std::optional<quarantine_entry>> change_entry(const quarantine_key& key, Change change);

 private:
  // Decisions the store refused, with copies of their texts, kept until a later call stores them.
  struct kept_asks {
    delivery_id delivery = 0;
    timestamp at{};
    std::vector<quarantine_event> asks;  // failure.text is empty: the texts are in `texts`
    std::vector<std::string> texts;
  };

  result<void> decide_and_store(delivery_id delivery, std::span<const quarantine_event> asks, timestamp now);
  result<void> store_backlog();
  void keep(delivery_id delivery, std::span<const quarantine_event> asks, timestamp now);
  result<std::optional<quarantine_entry>> read_entry(const quarantine_key& key);
  result<void> store_entry(const std::optional<quarantine_entry>& before, const quarantine_entry& after);

  const engine_context& context_;
  const delivery_registry& registry_;
  std::mutex backlog_mutex_;
  std::vector<kept_asks> backlog_;
  std::atomic<bool> backlog_kept_{false};  // backlog_ may hold something: worth taking the lock
};

template <class Change>
result<std::optional<quarantine_entry>> quarantine_settlement::change_entry(const quarantine_key& key, Change change) {
  const auto held = context_.stripes.lock(address_stripes::mask_of(key.address));
  auto current = read_entry(key);
  if (!current) return current.error();
  result<std::optional<quarantine_entry>> next = change(*current);
  if (!next || !*next) return next;
  if (auto stored = store_entry(*current, **next); !stored) return stored.error();
  return next;
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

// Quarantine decisions (SPEC §5.4): the entries that applied log changes ask for, and the single
// entry changes of operators, replies and opt-out links.
//
// The status pipeline decides a batch's entries (decide_quarantine) under its delivery's lock
// and the stripes of the batch's addresses, and commits them with the batch's logs in one unit
// of work (unit_of_work.hpp); the stripes stay held until that commit, so decisions for one
// address are serialized (address_stripes.hpp). An address that enters quarantine is counted in
// its delivery's "new quarantines" once stored, the stripe still held; a recompute counts the
// stored entries holding every stripe, so it sees both or neither. An allowlisted address is
// screened out before its log is written (its failure is recorded as ignored), so nothing here
// changes a log. A unit that is not committed stores none of its decisions: the facts, reported
// again, decide them again.
//
// Thread safety: every member may be called from several threads at once.
#pragma once

#include "delivery_registry.hpp"

#include <smstrack/policy/quarantine_policy.hpp>

#include <optional>
#include <span>
#include <utility>
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

/// What a batch's applied changes make of their addresses' entries, decided under their
/// stripes, which stay held until the decisions are committed or dropped.
struct quarantine_decisions {
  std::optional<address_stripes::held> stripes;
  std::vector<quarantine_entry> entries;  ///< to store, one per address
  std::uint64_t newly_quarantined = 0;    ///< of them, addresses that enter quarantine
};

/// Decides what `asks` of `delivery` make of their entries, as at `now`. Errors: storage_failure.
[[nodiscard]] result<quarantine_decisions> decide_quarantine(const engine_context& context, delivery_id delivery,
                                                             std::span<const quarantine_event> asks, timestamp now);

/// Commits the rows of a fact without log updates (`unit`: a reply, a click) with the entry it
/// asks for, if any, in one unit of work. Errors: the store's.
[[nodiscard]] result<void> commit_with_entry(storage& store, unit_of_work unit,
                                             const std::optional<quarantine_entry>& entry);

class quarantine_settlement {
 public:
  quarantine_settlement(const engine_context& context, const delivery_registry& registry)
      : context_(context), registry_(registry) {}

  /// What `change` makes of one entry: given the stored entry (or nothing), it returns the entry
  /// to store, or nothing to leave it as it is. Runs under the address's stripe; a change that
  /// moves the entry in or out of a delivery's "new quarantines" moves that count. Returns the
  /// entry stored, if one was. Errors: the change's own, storage_failure.
  template <class Change>
  [[nodiscard]] result<std::optional<quarantine_entry>> change_entry(const quarantine_key& key, Change change) {
    return change_entry(key, change, [this](const std::optional<quarantine_entry>& next) -> result<void> {
      if (!next) return {};
      return context_.store.quarantine().upsert(std::span<const quarantine_entry>(&*next, 1));
    });
  }

  /// change_entry for a fact that writes more than the entry (a reply, a click on an opt-out
  /// link): `write` stores the entry to store, or nothing, with the fact's own rows in one unit
  /// of work, under the stripe. Errors: the change's and write's own.
  template <class Change, class Write>
  [[nodiscard]] result<std::optional<quarantine_entry>> change_entry(const quarantine_key& key, Change change,
                                                                     Write write);

 private:
  result<std::optional<quarantine_entry>> read_entry(const quarantine_key& key);
  void count_move(const std::optional<quarantine_entry>& before, const quarantine_entry& after);

  const engine_context& context_;
  const delivery_registry& registry_;
};

template <class Change, class Write>
result<std::optional<quarantine_entry>> quarantine_settlement::change_entry(const quarantine_key& key, Change change,
                                                                            Write write) {
  const auto held = context_.stripes.lock(address_stripes::mask_of(key.address));
  auto current = read_entry(key);
  if (!current) return current.error();
  result<std::optional<quarantine_entry>> next = change(*current);
  if (!next) return next;
  if (auto written = write(std::as_const(*next)); !written) return written.error();
  if (*next) count_move(*current, **next);
  return next;
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

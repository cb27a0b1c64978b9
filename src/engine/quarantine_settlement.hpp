// Quarantine decisions for the log changes a settlement applied (SPEC §5.4).
//
// A settlement writes its logs under the delivery's lock and hands over what those changes ask
// of the addresses' entries: a failure to count, a success that clears `with_errors`. They are
// decided and stored here, after that lock is released, so that one delivery's logs and the
// addresses' entries are written side by side by different threads. Decisions for one address
// are serialized by its quarantine stripe; a decision that puts an address in quarantine is
// stored under its delivery's lock together with the "new quarantines" counter, so that a
// recompute never counts it twice. An allowlisted address is screened out before its log is
// written (its failure is recorded as ignored), so nothing here changes a log.
//
// When the store refuses a decision, the decisions of the call are kept in memory, in order, and
// stored first by the next settlement of any thread: the receipt's log is already final, and a
// retried receipt would find nothing left to do.
#pragma once

#include <smstrack/engine/tracker.hpp>
#include <smstrack/policy/quarantine_policy.hpp>

#include <span>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

// What one applied log change asks of its address's entry.
struct quarantine_event {
  phone_number address;
  bool failed = false;      // a failure to count; otherwise a success
  address_failure failure;  // failures: its type, reason, text and delivery
};

// Events the store refused, kept with their texts until a later call stores them.
struct kept_quarantine_events {
  delivery_id delivery = 0;
  timestamp at{};
  std::vector<quarantine_event> events;  // failure.text is empty: the texts are in `texts`
  std::vector<std::string> texts;
};

// Decides and stores the entries `events` of `delivery` ask for, as at `now`, after the decisions
// an earlier call could not store. Errors: storage_failure (the events are kept for the next
// call).
[[nodiscard]] result<void> settle_quarantine(tracker::impl& self, delivery_id delivery,
                                             std::span<const quarantine_event> events, timestamp now);

// Whether the addresses of the failing `keys` are allowlisted, as `allowlisted[i]`.
[[nodiscard]] result<void> find_allowlisted(tracker::impl& self, std::span<const quarantine_key> keys,
                                            std::vector<bool>& allowlisted);

// The stripe that serializes quarantine decisions for an address.
std::size_t stripe_of(const phone_number& address);

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

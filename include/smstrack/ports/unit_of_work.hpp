// A unit of work: everything one fact writes, across the parts of a store, committed at once
// (storage::commit).
//
// The engine reads what it needs first (the logs' digests, the qualification and quarantine
// entries), decides, and fills one unit per fact: for a batch of status changes the log
// updates, the qualification occurrences, the quarantine entries, the journal lines and the
// delivery's record; for a click its click and, on an opt-out link, the address's entry; for a
// reply the reply and the entry its keyword asks for. The adapter writes it in one transaction.
//
// Contract for implementers of storage::commit:
// - All or nothing. Either every part of the unit is stored, or nothing is; a crash during the
//   commit leaves one or the other after a restart.
// - The log updates are the unit's gate: they follow log_store::update (compare-and-set on the
//   status, chained in order, provider ids recorded and indexed) and the unit is committed only
//   if every one of them applies. Otherwise nothing is written, the result is logs_refused, and
//   outcomes[i] tells what update i met (applied for those that would have applied). Replaying a
//   committed unit therefore changes nothing: its updates no longer find their expected status.
// - occurrences are counted as qualification_store::record counts them, with occurrence_cap.
// - quarantine entries are upserted as quarantine_store::upsert does (a later one wins).
// - journal lines are appended as audit_store::append does (ids assigned by the store).
// - clicks are appended as tracking_store::add_clicks does, their ids written to click_ids; a
//   click on a URL not registered for its delivery is unknown_entry and nothing is written.
// - replies are appended as reply_store::append does, their ids written to reply_ids.
// - record, when given, is stored as delivery_store::update stores it (compare-and-set on its
//   revision, which becomes revision + 1). A stale revision is revision_conflict, an unknown
//   delivery unknown_delivery; nothing is written in either case.
// - A malformed unit is invalid_argument and nothing is written: delivery 0 with logs, a record,
//   journal lines or clicks (a unit of replies alone may have none: a reply need not belong to a
//   delivery), outcomes.size() not logs.size(), click_ids or reply_ids not as long as clicks or
//   replies, a record of another delivery, a quarantine entry or a reply without an address, an
//   occurrence without a key, a journal line or a click of another delivery.
// - Safe to call from several threads at once, and alongside every other call of the store.
//
// A store that cannot write several parts in one transaction keeps the default of
// storage::commit (commit_part_by_part): the same checks, then the parts one after the other.
// It is not atomic: a failure or a crash between parts leaves the earlier ones written. The
// conformance suite's atomicity tests fail on such a store.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/audit_event.hpp>
#include <smstrack/model/delivery.hpp>
#include <smstrack/model/qualification.hpp>
#include <smstrack/model/quarantine.hpp>
#include <smstrack/model/reply.hpp>
#include <smstrack/model/tracking.hpp>
#include <smstrack/ports/log_store.hpp>

#include <cstdint>
#include <span>

SMSTRACK_BEGIN_NAMESPACE

struct unit_of_work {
  delivery_id delivery = 0;                           ///< the delivery whose logs change
  std::span<const log_update> logs;                   ///< the gate: every one must apply
  std::span<const qualification_occurrence> occurrences;
  std::uint32_t occurrence_cap = 0;                   ///< as qualification_store::record's cap
  std::span<const quarantine_entry> quarantine;       ///< upserts
  std::span<const audit_event> journal;               ///< appends
  const struct delivery* record = nullptr;            ///< the delivery's next record, or unchanged
  std::span<const click> clicks;                      ///< appends, of this delivery
  std::span<const reply_record> replies;              ///< appends, of any delivery or none
  std::span<event_id> click_ids;                      ///< receives the clicks' ids, in order
  std::span<event_id> reply_ids;                      ///< receives the replies' ids, in order
};

enum class commit_status : std::uint8_t {
  committed,     ///< every part is stored
  logs_refused,  ///< a log update would not apply: nothing is stored (see the outcomes)
};

class storage;

/// Checks a unit before anything of it is written (shared by every adapter). Errors:
/// invalid_argument.
[[nodiscard]] result<void> check_unit(const unit_of_work& unit, std::span<const write_outcome> outcomes);

/// The default commit of a store without transactions across parts: check_unit, the record's
/// revision, then logs, occurrences, quarantine entries, journal lines, the record, clicks and
/// replies, each with its part's call. Not atomic (see above).
[[nodiscard]] result<commit_status> commit_part_by_part(storage& store, const unit_of_work& unit,
                                                        std::span<write_outcome> outcomes);

SMSTRACK_END_NAMESPACE

// The status pipeline: the one place where what follows from a log's status change is decided
// (SPEC §3, §5.4, §5.5, §6.6, §6.7). Every door translates its input into status events
// (status_event.hpp) and runs them here, under the delivery's lock, through one sequence:
//
//   validate   enum values known, texts UTF-8 without NUL and within bounds (else invalid_argument)
//   locate     the logs' digests, one read for the batch
//   decide     legal or not, chaining events on one log within the batch; a part's failure wins
//              over a delivered part in any order; a status a log already has changes nothing
//              unless it records another part's provider id
//   qualify    error receipts through the qualification table: each key read once per batch,
//              its occurrences counted with the batch
//   screen     failures of allowlisted addresses become ignored / error_ignored
//   plan       one log update per changing event (compare-and-set on the status)
//   quarantine what the changes make of their addresses' entries, decided under the addresses'
//              stripes (quarantine_settlement.hpp), held until the commit
//   count      the indicator counters and the logs awaiting a retry
//   journal    retries scheduled, logs marked at the horizon
//   lifecycle  start_pending -> in_progress; retry_pending / retry_in_progress; finished
//   commit     all of the above in one unit of work (storage::commit): logs, provider ids,
//              occurrences, quarantine entries, journal lines and the delivery's record are
//              stored together or not at all; if not, the counters and the record go back
//
// Thread safety: the caller holds the delivery's lock for the whole run. Scratch buffers are the
// calling thread's own (scratch.hpp).
#pragma once

#include "delivery_lifecycle.hpp"
#include "delivery_runtime.hpp"
#include "quarantine_settlement.hpp"
#include "status_event.hpp"

#include <span>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

/// What a run did, beyond each event's outcome.
struct pipeline_report {
  std::size_t applied = 0;
  std::uint64_t timed_out = 0;  ///< logs marked by horizon events
};

/// Runs `events` of the delivery through the pipeline as at `now`, and commits all that follows
/// from them as one unit of work; each event's outcome says what happened to it. A unit the
/// store refuses because a log changed meanwhile is decided again from the facts (three
/// attempts). Errors: storage_failure, storage_unavailable (nothing of the batch is stored; the
/// facts are idempotent, so reporting them again is safe).
[[nodiscard]] result<pipeline_report> run_status_pipeline(const engine_context& context, delivery_runtime& delivery,
                                                          std::span<status_event> events, timestamp now);

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

// The tracker: smstrack's engine façade, the only stateful orchestration.
//
// A host application creates deliveries, analyses their targets, starts, pauses, resumes and
// stops them, reports log status changes, and reads indicators, logs and the audit journal.
// Every fact goes to the storage port first; the tracker updates its in-memory indicator
// counters only for what the store accepted, so counters never run ahead of the store, and
// reports success only after the store accepted a fact (acknowledge upstream only then).
//
// Time comes from the clock port only. Exceptions thrown by an adapter are caught at the port
// boundary and returned as errc::storage_failure; nothing is half-applied to the counters.
//
// Thread safety: all methods may be called from several threads at once. Operations on one
// delivery are serialized by that delivery's lock; different deliveries proceed in parallel.
// One tracker should own a delivery at a time: its counters are a cache of the store, which a
// second tracker writing the same delivery would make stale (call `recompute` to resynchronize).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/audit_event.hpp>
#include <smstrack/model/delivery.hpp>
#include <smstrack/model/delivery_log.hpp>
#include <smstrack/model/indicators.hpp>
#include <smstrack/model/recipient.hpp>
#include <smstrack/ports/clock.hpp>
#include <smstrack/ports/storage.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct tracker_options {
  std::size_t max_page_size = 10'000;    ///< largest `limit` a page query may ask for
  std::size_t write_batch = 10'000;      ///< rows per storage call when the tracker writes in bulk
  std::size_t max_label_bytes = 256;     ///< delivery label
  std::size_t max_content_bytes = 64 * 1024;
  std::size_t max_sender_bytes = 21;
};

/// What a host provides to create a delivery.
struct delivery_draft {
  std::string label;
  std::string content;
  std::string sender;
  delivery_settings settings;
};
BOOST_DESCRIBE_STRUCT(delivery_draft, (), (label, content, sender, settings))

/// What an analysis did.
struct analysis_report {
  std::uint64_t initial_population = 0;  ///< recipients, seeds excepted
  std::uint64_t rejected = 0;            ///< excluded recipients, seeds excepted
  std::uint64_t to_deliver = 0;
  std::uint64_t seeds = 0;
  std::uint64_t logs_created = 0;
  std::vector<std::string> warnings;
  delivery_state state = delivery_state::ready;  ///< after the analysis (and auto-approval)
};
BOOST_DESCRIBE_STRUCT(analysis_report, (),
                      (initial_population, rejected, to_deliver, seeds, logs_created, warnings, state))

/// One status change a host reports for one log.
struct status_change {
  log_id log = 0;
  log_status status = log_status::pending;
  failure_type type = failure_type::not_defined;      ///< for failed and ignored logs
  failure_reason reason = failure_reason::not_defined;  ///< for failed and ignored logs
  std::string_view provider_id;                       ///< non-empty: record the provider's id
  std::string_view text;                              ///< non-empty: the failure or receipt text
};

/// What happened to one status change.
enum class change_outcome : std::uint8_t {
  applied,            ///< stored, counters updated
  unchanged,          ///< the log already had that status, type and reason: nothing to do
  illegal_transition, ///< the log's current status cannot move to the requested one
  unknown_log,        ///< no log with that id in the delivery
  conflict,           ///< another writer changed the log meanwhile; report it again
  provider_id_taken,  ///< the provider id is recorded on another log
};
BOOST_DESCRIBE_ENUM(change_outcome, applied, unchanged, illegal_transition, unknown_log, conflict,
                    provider_id_taken)

struct update_summary {
  std::size_t applied = 0;
  std::size_t unchanged = 0;
  std::size_t refused = 0;  ///< illegal, unknown, conflict or provider id taken
};

class tracker {
 public:
  tracker(storage& store, const clock& clock, tracker_options options = {});
  ~tracker();
  tracker(const tracker&) = delete;
  tracker& operator=(const tracker&) = delete;

  /// Creates a delivery in `editing`. Errors: invalid_settings (validity <= 0), invalid_text
  /// (label, content or sender oversized or not UTF-8), storage_failure.
  [[nodiscard]] result<delivery_id> create_delivery(const delivery_draft& draft);

  /// The stored delivery. Errors: unknown_delivery, storage_failure.
  [[nodiscard]] result<delivery> get_delivery(delivery_id id);

  /// Replaces the content. Errors: content_frozen once the delivery left `editing` (nothing
  /// changes), invalid_text, unknown_delivery, revision_conflict, storage_failure.
  [[nodiscard]] result<void> edit_content(delivery_id id, std::string_view content);

  /// Analyses the target: excludes recipients without an address (address_not_specified),
  /// with an address that is not E.164 (invalid_phone_number) and repeated addresses
  /// (duplicate; seeds are never deduplicated), writes exclusion logs and pending delivery
  /// logs, freezes the content, journals each step, and ends in `ready` — or starts the
  /// delivery when the approval mode says so. Analysing a `ready` delivery again replaces the
  /// previous analysis. Errors: illegal_transition (not editing, ready or preparation_failed),
  /// unknown_delivery, storage_failure (the partial analysis is removed, the delivery goes to
  /// preparation_failed).
  [[nodiscard]] result<analysis_report> analyse(delivery_id id, std::span<const recipient> target);

  /// Returns an analysed delivery to `editing`, discarding its logs and exclusions.
  /// Errors: illegal_transition, unknown_delivery, storage_failure.
  [[nodiscard]] result<void> reopen(delivery_id id);

  /// Starts a ready delivery: start_pending, validity end = now + validity.
  /// Errors: illegal_transition, unknown_delivery, storage_failure.
  [[nodiscard]] result<void> start(delivery_id id, std::string_view started_by);
  /// Pauses a sending delivery. Errors: illegal_transition, unknown_delivery, storage_failure.
  [[nodiscard]] result<void> pause(delivery_id id);
  /// Resumes a paused delivery. Errors: illegal_transition, unknown_delivery, storage_failure.
  [[nodiscard]] result<void> resume(delivery_id id);
  /// Stops a delivery for good and cancels its pending logs. Errors: illegal_transition
  /// (already final, or still editing), unknown_delivery, storage_failure.
  [[nodiscard]] result<void> stop(delivery_id id, std::string_view stopped_by);

  /// When the validity has ended: cancels the pending logs and finishes the delivery; returns
  /// true. Returns false when the validity has not ended or the delivery is not sending.
  /// Errors: unknown_delivery, storage_failure.
  [[nodiscard]] result<bool> check_validity(delivery_id id);

  /// Applies status changes of a started delivery's logs, in order; `outcomes[i]` tells what
  /// happened to `changes[i]`. The first applied change moves start_pending to in_progress;
  /// when no log is left pending the delivery finishes.
  /// Errors (nothing applied): invalid_argument (outcomes.size() != changes.size()),
  /// illegal_transition (the delivery was never started), unknown_delivery, storage_failure.
  /// Complexity: O(changes), two storage calls.
  [[nodiscard]] result<update_summary> update_logs(delivery_id id, std::span<const status_change> changes,
                                                   std::span<change_outcome> outcomes);

  /// The indicators, from the counters. Complexity: O(1) in the number of logs.
  /// Errors: unknown_delivery, storage_failure (first access loads the counters).
  [[nodiscard]] result<indicators> indicators_of(delivery_id id);

  /// Rebuilds the counters from the logs and other records in the store, replaces the
  /// tracker's counters with them and returns the indicators. Errors: unknown_delivery,
  /// storage_failure. Complexity: O(logs), in pages of `write_batch`.
  [[nodiscard]] result<indicators> recompute(delivery_id id);

  /// Success and errors per hour over the scale's window ending now.
  [[nodiscard]] result<throughput_series> throughput(delivery_id id, throughput_scale scale);

  /// A page of delivery logs. Errors: invalid_argument (limit 0 or above max_page_size),
  /// unknown_delivery, storage_failure.
  [[nodiscard]] result<std::vector<delivery_log>> logs(delivery_id id, const log_page_query& query);

  /// A page of the journal, newest first. Errors: invalid_argument (limit), unknown_delivery,
  /// storage_failure.
  [[nodiscard]] result<std::vector<audit_event>> journal(delivery_id id, const audit_query& query);

  /// Forgets what the tracker keeps in memory about a delivery (its counters and cached record),
  /// e.g. once it is finished and no more receipts are expected. The next call that needs it
  /// reloads it from the store (a recompute). Journal lines the store refused are kept until
  /// they are written. Returns whether anything was forgotten.
  bool evict(delivery_id id);

  /// How many deliveries the tracker currently keeps in memory.
  [[nodiscard]] std::size_t cached_deliveries() const;

  [[nodiscard]] const tracker_options& options() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

SMSTRACK_END_NAMESPACE

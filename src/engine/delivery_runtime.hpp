// What the engine keeps about one delivery between calls, and the steps its owner takes on it:
// the cached record and its compare-and-set saves, the lifecycle moves, the indicator counters,
// the logs awaiting a retry, and the journal lines not written yet.
//
// Thread safety: none of its own. Its mutex (the delivery's lock) guards every member but the
// count of new quarantines (an atomic); the registry (delivery_registry.hpp) hands a runtime out
// only with that lock held.
//
// Single writer: the counters are a cache of the store, exact while this tracker is the only one
// writing the delivery's logs. A second writer makes them drift; a removal that finds nothing
// marks them drifted and the status pipeline rebuilds them from the store (a recompute). Several
// trackers sharing one database need the counters kept in the store instead.
#pragma once

#include "address_stripes.hpp"

#include <smstrack/engine/tracker.hpp>
#include <smstrack/policy/indicator_counters.hpp>

#include <boost/unordered/unordered_flat_set.hpp>

#include <atomic>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

/// What every engine component shares: the store, the clock, the options and the locks of the
/// addresses' quarantine entries.
struct engine_context {
  storage& store;
  const smstrack::clock& clock;
  const tracker_options& options;
  address_stripes& stripes;
};

/// A delivery state's name, for error messages.
std::string name_of(delivery_state s);

/// Whether a failed log will be retried: a retryable failure type with retries left. (The
/// validity end is the delivery's to check.)
[[nodiscard]] bool awaits_retry(const log_digest& log, const retry_settings& settings) noexcept;

class delivery_runtime {
 public:
  explicit delivery_runtime(delivery stored) : record_(std::move(stored)) {}

  /// The cached record: what the store holds, refreshed on a revision conflict.
  [[nodiscard]] const delivery& record() const noexcept { return record_; }
  /// Replaces the cached record by the one just read from the store.
  void reload(delivery fresh) { record_ = std::move(fresh); }

  // ----- journal ----------------------------------------------------------------------------
  void note(timestamp at, audit_severity severity, audit_code code, std::string message,
            std::optional<std::string> details = std::nullopt);
  /// Writes the lines noted so far. On failure they stay queued for the next operation.
  [[nodiscard]] result<void> flush_journal(storage& store);
  /// Whether lines wait to be written (a runtime that holds some is not evicted).
  [[nodiscard]] bool has_unwritten_journal() const noexcept { return !unwritten_journal_.empty(); }

  // ----- unit of work -----------------------------------------------------------------------
  /// Opens a unit of work (storage::commit): until it is closed, saves of the record are staged
  /// for it instead of written, and the journal lines noted go with it.
  void open_unit();
  /// What the open unit carries of this runtime: the record to store (nullptr when no save was
  /// staged) and the journal lines (those an earlier operation could not write included).
  [[nodiscard]] const delivery* staged_record() const noexcept { return staged_ ? &record_ : nullptr; }
  [[nodiscard]] std::span<const audit_event> staged_journal() const noexcept { return unwritten_journal_; }
  /// The unit was committed: the record is at its next revision, the journal written.
  void unit_committed();
  /// The unit was not committed: the record goes back to what the store holds (read again when
  /// `record_stale`), the unit's journal lines are dropped, and the counters, moved for changes
  /// that were not stored, are loaded again on next use.
  void unit_dropped(storage& store, bool record_stale);

  // ----- record and lifecycle ---------------------------------------------------------------
  /// Stores `next` as the delivery's record (compare-and-set on the revision); inside a unit,
  /// stages it.
  [[nodiscard]] result<void> save(storage& store, delivery next, timestamp now);
  /// Moves the delivery along `path`, every step checked first, and stores it.
  [[nodiscard]] result<void> move(storage& store, std::initializer_list<delivery_state> path, timestamp now);
  /// Finishes the delivery and journals why.
  [[nodiscard]] result<void> finish(storage& store, std::string_view why, timestamp now);
  /// Whether a retry may still come before the validity ends.
  [[nodiscard]] bool retries_ahead(timestamp now) const noexcept {
    return awaiting_retry_ > 0 && record_.validity_end && now < *record_.validity_end;
  }
  /// Failed logs with a retry to come (awaits_retry).
  [[nodiscard]] std::uint64_t awaiting_retry() const noexcept { return awaiting_retry_; }
  /// Logs that wait for an ack or a final status.
  [[nodiscard]] std::uint64_t waiting() const noexcept { return counters_.waiting(); }

  // ----- counters ---------------------------------------------------------------------------
  /// Moves the counters from `before` to `after` (one log's change).
  void count_change(const log_digest& before, const log_digest& after, const retry_settings& retries);
  /// Whether a removal found nothing to remove: the counters no longer match the store.
  [[nodiscard]] bool counters_drifted() const noexcept { return counters_.drifted(); }
  /// Takes the counters of an analysis just stored: its logs' and its population.
  void adopt_analysis(indicator_counters counters, std::uint64_t initial_population, std::uint64_t rejected);
  /// Counts a stored click on a link of type `type`; load_clickers first.
  void count_click(const click& c, tracked_url_type type);
  /// Loads the logs that clicked so far from the click logs (once per load of the counters).
  [[nodiscard]] result<void> load_clickers(storage& store, std::size_t page_size);
  /// Counts an opt-out reply attributed to this delivery, if the counters are loaded (counters
  /// loaded later count the stored reply).
  void count_opt_out_reply() noexcept;
  /// Moves the count of addresses this delivery put in quarantine. Called under the addresses'
  /// stripes: by the status pipeline (which holds the delivery's lock too) and by the changes of
  /// single entries (which do not).
  void add_new_quarantines(std::int64_t delta) noexcept;
  /// Rebuilds the counters from the store's logs and other records (a recompute).
  [[nodiscard]] result<void> rebuild(const engine_context& context);
  /// Loads the counters on first use.
  [[nodiscard]] result<void> ensure_loaded(const engine_context& context) {
    return loaded_ ? result<void>{} : rebuild(context);
  }
  /// The indicators, from the counters.
  [[nodiscard]] indicators snapshot() const;
  /// The tally of each route the delivery's messages took, from the counters.
  [[nodiscard]] const indicator_counters::route_tallies& route_tallies() const noexcept { return counters_.routes(); }
  /// Successes and errors per hour, from the counters.
  [[nodiscard]] throughput_series throughput(throughput_scale scale, timestamp now) const {
    return counters_.throughput(scale, now);
  }
  /// Forgets the analysis's logs: counters and log-based counts back to zero.
  void forget_logs();

 private:
  friend class delivery_registry;  // takes `mutex_` before it hands the runtime out

  std::mutex mutex_;   // the delivery's lock
  delivery record_;
  bool loaded_ = false;  // the counters below reflect the store
  indicator_counters counters_;
  delivery_counts counts_;  // its new_quarantines is the atomic below
  /// Addresses this delivery put in quarantine: moved under the addresses' stripes, with or
  /// without the delivery's lock (add_new_quarantines); set by `rebuild` holding every stripe.
  std::atomic<std::uint64_t> new_quarantines_{0};
  std::uint64_t awaiting_retry_ = 0;
  std::vector<audit_event> unwritten_journal_;  // lines the store has not accepted yet
  // The open unit of work, if any: the record as stored before it, whether a save was staged,
  // and how many journal lines were waiting when it opened.
  bool unit_open_ = false;
  bool staged_ = false;
  delivery committed_record_;
  std::size_t journal_before_unit_ = 0;
  // The logs that clicked, loaded from the click logs on the first click after a (re)load: any
  // link, and links counted in the click-through rate.
  bool clickers_loaded_ = false;
  boost::unordered_flat_set<log_id> clickers_;
  boost::unordered_flat_set<log_id> click_through_clickers_;
};

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

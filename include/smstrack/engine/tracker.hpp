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
// Every fact that changes a log — a host's status change, an ack, a receipt, the receipt
// horizon, the validity end, a stop — goes through one status pipeline, so it has the same
// consequences whichever method reports it (src/engine/status_pipeline.hpp).
//
// Thread safety: all methods may be called from several threads at once. Operations on one
// delivery are serialized by that delivery's lock; different deliveries proceed in parallel.
// One tracker should own a delivery at a time: its counters are a cache of the store, which a
// second tracker writing the same delivery would make stale (call `recompute` to resynchronize).
//
// The values it takes and returns have headers of their own in smstrack/engine/ (tracker_options,
// ack, receipt_batch, status_change, delivery_draft, analysis_report, reply_outcome,
// click_outcome); this header includes them all.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/content/message_renderer.hpp>
#include <smstrack/engine/ack.hpp>
#include <smstrack/engine/analysis_report.hpp>
#include <smstrack/engine/click_outcome.hpp>
#include <smstrack/engine/delivery_draft.hpp>
#include <smstrack/engine/receipt_batch.hpp>
#include <smstrack/engine/reply_outcome.hpp>
#include <smstrack/engine/status_change.hpp>
#include <smstrack/engine/tracker_options.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/audit_event.hpp>
#include <smstrack/model/delivery.hpp>
#include <smstrack/model/delivery_log.hpp>
#include <smstrack/model/indicators.hpp>
#include <smstrack/model/recipient.hpp>
#include <smstrack/model/route_health.hpp>
#include <smstrack/ports/clock.hpp>
#include <smstrack/ports/storage.hpp>
#include <smstrack/ports/tracking_keys.hpp>
#include <smstrack/replies/keyword_rules.hpp>
#include <smstrack/targeting/typology.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

class tracker {
 public:
  tracker(storage& store, const clock& clock, tracker_options options = {});
  ~tracker();
  tracker(const tracker&) = delete;
  tracker& operator=(const tracker&) = delete;

  /// Creates a delivery in `editing`. Errors: invalid_settings (validity <= 0, max_parts above
  /// 255, a tracking host that is not a host name), invalid_text
  /// (label or content oversized or not UTF-8, or a malformed `{{field}}` placeholder in the
  /// content), invalid_sender (see check_sender), storage_failure.
  [[nodiscard]] result<delivery_id> create_delivery(const delivery_draft& draft);

  /// The stored delivery. Errors: unknown_delivery, storage_failure.
  [[nodiscard]] result<delivery> get_delivery(delivery_id id);

  /// Replaces the content. Errors: content_frozen once the delivery left `editing` (nothing
  /// changes), invalid_text (as for create_delivery), unknown_delivery, revision_conflict,
  /// storage_failure.
  [[nodiscard]] result<void> edit_content(delivery_id id, std::string_view content);

  /// Analyses the target under a typology (SPEC §8, see typology.hpp for the rules and their
  /// order): normalizes every address, excludes recipients rule by rule, registers the
  /// content's tracked URLs (see configure_urls), renders each remaining recipient's message
  /// (fields, tracking links) and counts its parts — with max_parts set, the "message size"
  /// rule excludes longer messages as text_too_long (seeds excepted) — writes one exclusion
  /// log per excluded recipient and one pending delivery log per other, records what the
  /// messages cost (delivery::messages), freezes the content, journals the rules loaded, each
  /// rule's volume and any warning (messages excluded for their size, a longest message of more
  /// than 5 parts, a personalized URL left untracked), and ends in `ready` — or starts the
  /// delivery when the approval mode says so. Analysing a `ready` delivery again replaces the
  /// previous analysis; the same target, typology and seed give the same result.
  /// Errors: invalid_settings (validate(rules) refuses the typology, or the content has
  /// tracked links and no tracking keys are set; nothing changes), invalid_text (a recipient's
  /// field is not UTF-8 or longer than max_field_bytes; nothing changes),
  /// illegal_transition (not editing, ready or preparation_failed), unknown_delivery,
  /// invalid_argument (a filter rule or the validator threw) and storage_failure (for both, the partial
  /// analysis is removed and the delivery goes to preparation_failed).
  /// Complexity: O(target) time and memory, plus the storage calls in batches of write_batch.
  [[nodiscard]] result<analysis_report> analyse(delivery_id id, std::span<const recipient> target,
                                                const typology& rules = {});

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
  /// true. Returns false when the validity has not ended, or the delivery is neither sending
  /// (retry states included) nor finished with logs still pending.
  /// Errors: unknown_delivery, storage_failure.
  [[nodiscard]] result<bool> check_validity(delivery_id id);

  /// Applies status changes of a started delivery's logs, in order; `outcomes[i]` tells what
  /// happened to `changes[i]`. A change goes through the same status pipeline as acks and
  /// receipts (status_pipeline): a failure counts toward quarantine (hard: at once) and journals
  /// its retry, a success clears an address `with_errors`, a provider id is normalized by the
  /// delivery's connector and recorded. A change to the status a log already has changes nothing
  /// (first classification wins) unless it records another provider id (another part). An item
  /// with an unknown status, type or reason, or a provider id or text that is not UTF-8, holds a
  /// NUL or exceeds its bound (64 bytes, max_receipt_text_bytes) is refused alone
  /// (invalid_argument); the rest of the batch proceeds. The first applied change moves
  /// start_pending to in_progress; a resend (failed -> pending) moves a finished or retry_pending
  /// delivery to retry_in_progress; with nothing left waiting, the delivery goes to
  /// retry_pending while a failed log awaits a retry within the validity, else it finishes.
  /// The batch and all that follows from it are committed as one unit of work (storage::commit).
  /// Errors (nothing applied): invalid_argument (outcomes.size() != changes.size()),
  /// illegal_transition (the delivery was never started), unknown_delivery, storage_failure,
  /// storage_unavailable (another writer kept changing the logs during three attempts).
  /// Complexity: O(changes), a few reads and one commit per batch.
  [[nodiscard]] result<update_summary> update_logs(delivery_id id, std::span<const status_change> changes,
                                                   std::span<change_outcome> outcomes);

  // ----- acks, receipts, qualification, quarantine, retries (SPEC §5, §6) ----------------

  /// Registers (or replaces) a connector's profile. Errors: invalid_argument for an empty name,
  /// invalid_settings for matchers that validate() refuses or prices price_table::make refuses
  /// (the message names the connector and the rule).
  [[nodiscard]] result<void> register_connector(const connector_profile& profile);

  /// Applies the provider's answers to submits of a started delivery's logs, in order; the
  /// connector is the delivery's. Success records the normalized id (every part of a multipart
  /// message records its own) and moves the log to taken_into_account; an error answer or a
  /// timeout fails the log as soft / unreachable (quarantine and retries follow); a throttling
  /// answer requeues it. An id that is empty, not UTF-8, holds a NUL or that the connector's
  /// normalization refuses is invalid_id, alone. Receipts held for a recorded id are then applied.
  /// Errors (nothing applied): invalid_argument (sizes differ), illegal_transition (never
  /// started), unknown_delivery, storage_failure, storage_unavailable (as for on_receipts).
  [[nodiscard]] result<void> on_ack(delivery_id id, std::span<const message_ack> acks,
                                    std::span<ack_outcome> outcomes);

  /// Applies carrier receipts received on `connector`, for any deliveries; `outcomes[i]` tells
  /// what happened to `receipts[i]`. Parses each (SPEC §6.1-6.3), finds its log by the
  /// normalized id (one lookup per batch), classifies the stat, qualifies errors through the
  /// qualification table (counting each applied error once), updates logs, indicators and
  /// quarantine, and journals scheduled retries — the same status pipeline as update_logs.
  /// Duplicates and late receipts change nothing; a final status never regresses to an
  /// intermediate one; a failure wins over a delivery in any order (one part of a multipart
  /// message failed, SPEC §6.7). Receipts for unknown ids are held (§6.7).
  /// Everything one delivery's receipts of the batch change — logs, provider ids, qualification
  /// counts, quarantine entries, journal lines, the delivery's record — is committed as one unit
  /// of work (storage::commit): all of it or none of it, on a store whose commit is atomic.
  /// Errors (the deliveries of the batch whose unit was not committed keep nothing of it, and
  /// their receipts' outcomes are unspecified; a retry is safe, receipts being idempotent):
  /// invalid_argument (sizes differ), storage_failure, storage_unavailable (another writer kept
  /// changing the logs during three attempts).
  [[nodiscard]] result<receipt_summary> on_receipts(std::string_view connector,
                                                    std::span<const incoming_receipt> receipts,
                                                    std::span<receipt_outcome> outcomes);

  /// Applies the held receipts whose ack has landed meanwhile, and drops and returns those whose
  /// grace period has ended: they are unknown message ids. Call it periodically (e.g. every
  /// grace period). Receipts are kept held when the store fails. Errors: none of its own; a
  /// storage failure leaves the receipts held.
  [[nodiscard]] result<std::vector<expired_receipt>> expire_held_receipts();

  /// How many receipts are held, waiting for their ack.
  [[nodiscard]] std::size_t held_receipts() const;

  /// Failed logs whose retry is due now (SPEC §5.5), ascending, at most `limit`. The host
  /// resends them and reports each as pending through update_logs (which counts the retry).
  /// Errors: invalid_argument (limit), unknown_delivery, storage_failure.
  [[nodiscard]] result<std::vector<log_id>> due_retries(delivery_id id, std::size_t limit);

  /// Marks the acknowledged logs that received no final receipt within the horizon: their text
  /// becomes receipt_timed_out_text (they stay successes; delivered stays unconfirmed) and the
  /// journal says how many (code receipts_timed_out). A final receipt that comes later replaces
  /// the mark. Returns how many were marked. Errors: unknown_delivery, storage_failure.
  [[nodiscard]] result<std::uint64_t> check_receipt_horizon(delivery_id id);

  // ----- content and tracking (SPEC §7, §10) ------------------------------------------------

  /// The source of tracking keys (it must outlive the tracker); none by default. An analysis of
  /// a delivery that has a tracking host and tracked links signs its links with the current key;
  /// on_click verifies with the key a token names.
  void set_tracking_keys(tracking_keys* keys);

  /// Configures the content's URLs while the delivery is edited: the label, type and mode of
  /// each URL, matched by its source URL as written in the content (ids are ignored). Replaces
  /// any earlier configuration. Errors: content_frozen (not editing), unknown_entry (no URL of
  /// the content is written so), invalid_text (a label not UTF-8 or over 256 bytes),
  /// unknown_delivery, storage_failure.
  [[nodiscard]] result<void> configure_urls(delivery_id id, std::span<const tracked_url> settings);

  /// The delivery's tracked URLs: the registry its analysis made, or before, the URLs of its
  /// content with their configuration. Errors: unknown_delivery, storage_failure.
  [[nodiscard]] result<std::vector<tracked_url>> tracked_urls(delivery_id id);

  /// The renderer of an analysed delivery's messages: the host renders each log's message with
  /// it (recipient fields, tracking links) before sending. Errors: illegal_transition (never
  /// analysed), invalid_settings (tracked links but no tracking keys), unknown_delivery,
  /// storage_failure.
  [[nodiscard]] result<message_renderer> renderer(delivery_id id);

  /// Resolves a click on a tracking link: verifies the token, classifies the click (human, link
  /// preview, security scanner, crawler or prefetch: click_classifier.hpp, from the user agent,
  /// the method, the host's network class and the time since the log's ack), records it (time,
  /// log, URL, user agent cut to max_user_agent_bytes, class and why) and returns the registered
  /// source URL. A human click on an opt-out link also makes the number denylisted for the
  /// delivery's short code; any other is recorded and changes nothing.
  /// Clicks count from the start on: an analysis can still be discarded before it.
  /// Errors, each recording nothing: illegal_transition (the delivery was never started),
  /// invalid_token (malformed, truncated, altered or forged;
  /// "unknown key" when its key is not or no longer known; "of delivery n, not m" when
  /// `delivery` is given and differs), invalid_settings (no tracking keys), unknown_delivery,
  /// unknown_log, unknown_entry (URL not registered), invalid_text (user agent not UTF-8),
  /// invalid_argument (a method that is not an HTTP token), storage_failure.
  [[nodiscard]] result<click_outcome> on_click(const incoming_click& click);

  /// A page of the delivery's click logs, ascending by id after `after`.
  /// Errors: invalid_argument (limit), unknown_delivery, storage_failure.
  [[nodiscard]] result<std::vector<click>> clicks(delivery_id id, event_id after, std::size_t limit);

  /// Clicks and distinct clicking logs per tracked URL (zero included).
  /// Errors: unknown_delivery, storage_failure.
  [[nodiscard]] result<std::vector<url_click_count>> click_counts(delivery_id id);

  /// Clicks per label: the URLs that share a label counted together, in order of their first
  /// URL; distinct clicks count the logs that clicked any of them once.
  /// Errors: unknown_delivery, storage_failure.
  [[nodiscard]] result<std::vector<label_click_count>> label_click_counts(delivery_id id);

  // ----- incoming replies (SPEC §9) ---------------------------------------------------------

  /// Replaces the keyword rules (default: default_keyword_rules()). Errors: invalid_settings
  /// (see validate(keyword rules)); the rules in force do not change.
  [[nodiscard]] result<void> set_keyword_rules(std::vector<keyword_rule> rules);

  /// Handles a reply: finds the first keyword rule that matches it and attributes it to the
  /// reply's delivery, or else to the delivery whose message (sent, taken into account,
  /// received or failed) reached the number last within reply_attribution. send_to_quarantine
  /// makes the number denylisted (opted out) for the reply's short code; remove_from_quarantine
  /// lifts that opt-out (-> valid); the action reported is the one applied: none when the
  /// number was already opted out, or had no opt-out to lift. The reply is stored, and an
  /// applied opt-out counts in its delivery's opt-out indicator.
  /// Errors: invalid_address (the sender is not an E.164 number), invalid_text (text not UTF-8
  /// or longer than max_reply_text_bytes, short code not UTF-8 or longer than 21 bytes),
  /// unknown_delivery (the given delivery does not exist), storage_failure (the quarantine is
  /// changed before the reply is stored: a failure to store the reply leaves the opt-out in
  /// force, uncounted).
  [[nodiscard]] result<reply_outcome> on_reply(const incoming_reply& reply);

  /// Stored replies, ascending by id. Errors: invalid_argument (limit), storage_failure.
  [[nodiscard]] result<std::vector<reply_record>> replies(const reply_query& query);

  /// An operator's requalification of a qualification table entry (upsert by key).
  /// Errors: invalid_argument (see check_requalification), storage_failure.
  [[nodiscard]] result<void> requalify(qualification_entry entry);

  /// An operator's release of a quarantined or denylisted address (-> valid).
  /// Errors: unknown_entry when the address has no entry, storage_failure.
  [[nodiscard]] result<quarantine_entry> release(const quarantine_key& key);

  /// Puts an address on the allowlist: never quarantined, failures recorded as error_ignored.
  /// Errors: invalid_address (empty), storage_failure.
  [[nodiscard]] result<quarantine_entry> allowlist(const quarantine_key& key);

  /// The indicators, from the counters; their cost priced by the connector's current prices.
  /// Complexity: O(1) in the number of logs; O(routes) (the delivery's countries × networks).
  /// Errors: unknown_delivery, storage_failure (first access loads the counters).
  [[nodiscard]] result<indicators> indicators_of(delivery_id id);

  /// Rebuilds the counters from the logs and other records in the store, replaces the
  /// tracker's counters with them and returns the indicators. Errors: unknown_delivery,
  /// storage_failure. Complexity: O(logs), in pages of `write_batch`.
  [[nodiscard]] result<indicators> recompute(delivery_id id);

  /// Route health (SPEC §13) across `deliveries`: for each connector and for each route
  /// (connector × region × network) their messages took, the volume, success, delivered,
  /// errors by reason, receipt coverage, receipt timeouts and latencies, merged from the
  /// deliveries' counters (the histograms merge exactly). A delivery named twice counts once.
  /// Errors: unknown_delivery (the first unknown id), storage_failure (first access loads the
  /// counters). Complexity: O(deliveries × routes) after the counters are loaded.
  [[nodiscard]] result<route_report> routes(std::span<const delivery_id> deliveries);

  /// Success and errors per hour over the scale's window ending now. Errors: invalid_argument
  /// (a scale that is not one of the enumerators), unknown_delivery, storage_failure.
  [[nodiscard]] result<throughput_series> throughput(delivery_id id, throughput_scale scale);

  /// A page of delivery logs, ascending by id after `query.after`, optionally only those in one
  /// status and to one number (`query.address`: what happened to +33612345678?).
  /// Errors: invalid_argument (limit 0 or above max_page_size, a status filter that is not a
  /// status), unknown_delivery, storage_failure.
  [[nodiscard]] result<std::vector<delivery_log>> logs(delivery_id id, const log_page_query& query);

  /// A page of the exclusion logs, ascending by id, optionally of one reason.
  /// Errors: invalid_argument (limit), unknown_delivery, storage_failure.
  [[nodiscard]] result<std::vector<exclusion_log>> exclusions(delivery_id id, const exclusion_query& query);

  /// The causes of exclusions: every rule the last analysis ran, in its order, with the volume
  /// it excluded (zero included). Errors: unknown_delivery, storage_failure.
  [[nodiscard]] result<std::vector<exclusion_cause>> exclusion_causes(delivery_id id);

  /// A page of the journal, newest first. Errors: invalid_argument (limit), unknown_delivery,
  /// storage_failure.
  [[nodiscard]] result<std::vector<audit_event>> journal(delivery_id id, const audit_query& query);

  /// Forgets what the tracker keeps in memory about a delivery (its counters and cached record),
  /// e.g. once it is finished and no more receipts are expected. The next call that needs it
  /// reloads it from the store (a recompute). Journal lines the store refused are kept until
  /// they are written, and a delivery another thread is working on is kept. Returns whether
  /// anything was forgotten.
  bool evict(delivery_id id);

  /// How many deliveries the tracker currently keeps in memory.
  [[nodiscard]] std::size_t cached_deliveries() const;

  [[nodiscard]] const tracker_options& options() const noexcept;

  /// The implementation, opaque to users (defined in the library's sources).
  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

SMSTRACK_END_NAMESPACE

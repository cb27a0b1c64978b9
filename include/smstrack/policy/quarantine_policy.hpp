// The quarantine rules (SPEC §5.4) as pure functions of (entry, event, time, settings).
//
// - Ignored failures, and failures whose qualification entry is `ignore`, never touch an entry.
// - A hard failure puts the address in `quarantine` at once.
// - A soft failure counts only when at least the significant-error delay (1 day) has passed
//   since the last counted one; the address becomes `with_errors`, and goes to `quarantine` on
//   the error after `max_errors` (the 6th by default).
// - A `with_errors` entry returns to `valid` after a success, or once its last significant
//   error is older than the reset delay (10 days; 30 days when that error was mailbox_full).
// - `quarantine` and `denylisted` are left only by an operator's release (-> `valid`).
// - An `allowlisted` address is never quarantined: its failures are recorded as ignored /
//   error_ignored.
//
// Thread safety: pure functions. Callers serialize decisions for one address.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/quarantine.hpp>

#include <boost/describe/class.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

struct quarantine_settings {
  duration significant_error_delay = std::chrono::duration_cast<duration>(std::chrono::days{1});
  std::uint32_t max_errors = 5;
  duration error_reset_after = std::chrono::duration_cast<duration>(std::chrono::days{10});
  duration mailbox_full_reset_after = std::chrono::duration_cast<duration>(std::chrono::days{30});
  friend bool operator==(const quarantine_settings&, const quarantine_settings&) = default;
};
BOOST_DESCRIBE_STRUCT(quarantine_settings, (),
                      (significant_error_delay, max_errors, error_reset_after, mailbox_full_reset_after))

/// Errors: invalid_settings for a negative delay, a zero max_errors or a non-positive reset delay.
[[nodiscard]] result<void> validate(const quarantine_settings& settings);

/// A failure of a message to an address.
struct address_failure {
  failure_type type = failure_type::soft;
  failure_reason reason = failure_reason::refused;
  bool may_quarantine = true;  ///< false when the qualification entry says `ignore`
  std::string_view text;       ///< the failure's text (kept as the last error text)
  delivery_id delivery = 0;
};

struct quarantine_decision {
  std::optional<quarantine_entry> entry;  ///< the entry to store; nothing when it does not change
  failure_type type = failure_type::soft;  ///< what the log records
  failure_reason reason = failure_reason::refused;
  bool newly_quarantined = false;  ///< the address entered quarantine because of this failure
};

/// The decision for a failure; `current` is the stored entry of `key`, if any.
[[nodiscard]] quarantine_decision on_failure(const std::optional<quarantine_entry>& current, const quarantine_key& key,
                                             const address_failure& failure, timestamp now,
                                             const quarantine_settings& settings);

/// After a successful message: a `with_errors` entry becomes `valid`; other entries are unchanged
/// (nothing is returned).
[[nodiscard]] std::optional<quarantine_entry> on_success(const std::optional<quarantine_entry>& current,
                                                         delivery_id delivery, timestamp now);

/// The entry with the reset delays applied: `with_errors` whose last significant error is older
/// than the reset delay becomes `valid` with no errors counted.
[[nodiscard]] quarantine_entry aged(quarantine_entry entry, timestamp now, const quarantine_settings& settings);

/// An operator's release: the entry becomes `valid`, its counter cleared.
[[nodiscard]] quarantine_entry released(quarantine_entry entry, timestamp now);

/// The entry of a number that opts out for `key`'s short code (a STOP reply, an opt-out link):
/// denylisted with reason opted_out and `why` as its text; nothing when it already was
/// denylisted.
[[nodiscard]] std::optional<quarantine_entry> opted_out(const quarantine_key& key,
                                                        const std::optional<quarantine_entry>& current,
                                                        std::string_view why, timestamp at,
                                                        std::optional<delivery_id> delivery);

/// Whether messages to the entry's address must not be sent.
constexpr bool blocks_sending(quarantine_status status) noexcept {
  return status == quarantine_status::quarantine || status == quarantine_status::denylisted;
}

SMSTRACK_END_NAMESPACE

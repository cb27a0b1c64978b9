#include <smstrack/policy/quarantine_policy.hpp>

SMSTRACK_BEGIN_NAMESPACE
namespace {

quarantine_entry fresh_entry(const quarantine_key& key, timestamp now) {
  quarantine_entry entry;
  entry.address = key.address;
  entry.short_code = key.short_code;
  entry.status = quarantine_status::valid;
  entry.created = now;
  entry.updated = now;
  return entry;
}

void count_error(quarantine_entry& entry, const address_failure& failure, timestamp now) {
  ++entry.error_count;
  entry.last_error_reason = failure.reason;
  entry.last_error_text = failure.text.empty() ? std::nullopt : std::optional<std::string>(failure.text);
  entry.last_significant_error = now;
  entry.updated = now;
  entry.last_delivery = failure.delivery;
}

void enter_quarantine(quarantine_entry& entry, delivery_id delivery) {
  entry.status = quarantine_status::quarantine;
  entry.quarantined_by = delivery;
}

}  // namespace

result<void> validate(const quarantine_settings& settings) {
  if (settings.significant_error_delay < duration::zero()) {
    return error{errc::invalid_settings, "the significant-error delay must not be negative"};
  }
  if (settings.max_errors == 0) return error{errc::invalid_settings, "max errors before quarantine must be positive"};
  if (settings.error_reset_after <= duration::zero() || settings.mailbox_full_reset_after <= duration::zero()) {
    return error{errc::invalid_settings, "the error reset delays must be positive"};
  }
  return {};
}

quarantine_entry aged(quarantine_entry entry, timestamp now, const quarantine_settings& settings) {
  if (entry.status != quarantine_status::with_errors || !entry.last_significant_error) return entry;
  const duration reset = entry.last_error_reason == failure_reason::mailbox_full ? settings.mailbox_full_reset_after
                                                                                 : settings.error_reset_after;
  if (now - *entry.last_significant_error >= reset) {
    entry.status = quarantine_status::valid;
    entry.error_count = 0;
    entry.updated = now;
  }
  return entry;
}

quarantine_decision on_failure(const std::optional<quarantine_entry>& current, const quarantine_key& key,
                               const address_failure& failure, timestamp now, const quarantine_settings& settings) {
  quarantine_decision decision{std::nullopt, failure.type, failure.reason, false};
  if (current && current->status == quarantine_status::allowlisted) {
    decision.type = failure_type::ignored;
    decision.reason = failure_reason::error_ignored;
    return decision;
  }
  const bool counts = failure.may_quarantine &&
                      (failure.type == failure_type::hard || failure.type == failure_type::soft);
  if (!counts || (current && blocks_sending(current->status))) return decision;

  quarantine_entry entry = current ? aged(*current, now, settings) : fresh_entry(key, now);
  if (failure.type == failure_type::soft && entry.last_significant_error && entry.error_count > 0 &&
      now - *entry.last_significant_error < settings.significant_error_delay) {
    if (entry != current) decision.entry = std::move(entry);  // only the ageing changed it
    return decision;
  }
  count_error(entry, failure, now);
  entry.status = quarantine_status::with_errors;
  if (failure.type == failure_type::hard || entry.error_count > settings.max_errors) {
    enter_quarantine(entry, failure.delivery);
    decision.newly_quarantined = true;
  }
  decision.entry = std::move(entry);
  return decision;
}

std::optional<quarantine_entry> on_success(const std::optional<quarantine_entry>& current, delivery_id delivery,
                                           timestamp now) {
  if (!current || current->status != quarantine_status::with_errors) return std::nullopt;
  quarantine_entry entry = *current;
  entry.status = quarantine_status::valid;
  entry.error_count = 0;
  entry.updated = now;
  entry.last_delivery = delivery;
  return entry;
}

quarantine_entry released(quarantine_entry entry, timestamp now) {
  entry.status = quarantine_status::valid;
  entry.error_count = 0;
  entry.updated = now;
  return entry;
}

std::optional<quarantine_entry> opted_out(const quarantine_key& key, const std::optional<quarantine_entry>& current,
                                          std::string_view why, timestamp at, std::optional<delivery_id> delivery) {
  if (current && current->status == quarantine_status::denylisted) return std::nullopt;
  quarantine_entry entry = current.value_or(quarantine_entry{key.address, key.short_code});
  if (!current) entry.created = at;
  entry.status = quarantine_status::denylisted;
  entry.last_error_reason = failure_reason::opted_out;
  entry.last_error_text = std::string(why);
  entry.updated = at;
  if (delivery) entry.last_delivery = delivery;
  return entry;
}

SMSTRACK_END_NAMESPACE

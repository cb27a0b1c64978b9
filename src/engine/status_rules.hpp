// What one status event does to one log, for the status pipeline (status_pipeline.cpp): whether
// it is well formed, whether it changes the log, and the digest the log has after it.
#pragma once

#include "status_event.hpp"

#include <smstrack/policy/log_transitions.hpp>
#include <smstrack/ports/log_store.hpp>
#include <smstrack/text/utf8.hpp>

#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

// Statuses whose type and reason mean something; others store not_defined.
inline bool carries_reason(log_status s) {
  return s == log_status::failed || s == log_status::ignored || s == log_status::canceled;
}

// Whether the event is well formed: known enumerators, a storable text.
inline bool is_well_formed(const status_event& e, std::size_t max_text_bytes) {
  if (!is_known(e.status) || !is_known(e.failure.type) || !is_known(e.failure.reason)) return false;
  const std::string_view text = e.text();
  if (text.empty()) return true;
  return text.size() <= max_text_bytes && is_valid_utf8(text) && text.find('\0') == std::string_view::npos;
}

// Whether the event changes a log whose digest is `current`.
inline bool changes_log(const log_digest& current, const status_event& e) {
  if (e.origin == event_origin::horizon) return current.status == log_status::taken_into_account;
  if (current.status == e.status) return !e.provider_id.empty();  // another part's id
  return is_legal_log_transition(current.status, e.status);
}

// The digest a log has once `update` is written over `before`.
inline log_digest digest_after(const log_digest& before, const log_update& update) {
  return {update.id,      update.status,  update.type,     update.reason,   before.seed,
          update.retries, update.updated, before.address, update.submitted, update.acked,
          update.network, update.receipt_timed_out, before.parts, before.encoding};
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

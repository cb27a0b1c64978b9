// Argument checks and errors every storage adapter shares, so that each adapter refuses the same
// calls with the same error and the same wording. An adapter calls them before it touches its
// database; the in-memory store, SQLite and PostgreSQL adapters all do.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/delivery.hpp>
#include <smstrack/model/delivery_log.hpp>
#include <smstrack/model/exclusion_log.hpp>
#include <smstrack/model/qualification.hpp>
#include <smstrack/model/quarantine.hpp>
#include <smstrack/model/tracking.hpp>
#include <smstrack/ports/exclusion_store.hpp>
#include <smstrack/ports/qualification_store.hpp>
#include <smstrack/ports/reply_store.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace port_checks {

/// invalid_argument unless a caller's output span has one element per input.
template <class In, class Out>
result<void> output_matches(const In& in, const Out& out) {
  if (in.size() == out.size()) return {};
  return error{errc::invalid_argument, "output span has " + std::to_string(out.size()) + " elements for " +
                                           std::to_string(in.size()) + " inputs"};
}

/// invalid_argument unless a row (`what` names its kind) belongs to `delivery` and has an id.
inline result<void> owned_by(std::string_view what, delivery_id owner, std::uint64_t id, delivery_id delivery) {
  if (owner == delivery && id != 0) return {};
  return error{errc::invalid_argument, std::string(what) + " " + std::to_string(id) + " of delivery " +
                                           std::to_string(owner) + " written to delivery " + std::to_string(delivery)};
}

inline result<void> logs_owned_by(std::span<const delivery_log> logs, delivery_id delivery) {
  for (const delivery_log& log : logs) {
    if (auto owned = owned_by("log", log.delivery, log.id, delivery); !owned) return owned;
  }
  return {};
}

inline result<void> exclusions_owned_by(std::span<const exclusion_log> rows, delivery_id delivery) {
  for (const exclusion_log& row : rows) {
    if (auto owned = owned_by("exclusion log", row.delivery, row.id, delivery); !owned) return owned;
  }
  return {};
}

inline result<void> rules_named(std::span<const exclusion_rule> rules) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].rule.empty()) return error{errc::invalid_argument, "exclusion rule " + std::to_string(i + 1) + " has no name"};
  }
  return {};
}

inline result<void> replies_addressed(std::span<const reply_record> replies) {
  for (std::size_t i = 0; i < replies.size(); ++i) {
    if (replies[i].address.empty()) return error{errc::invalid_argument, "reply " + std::to_string(i + 1) + " has no address"};
  }
  return {};
}

inline result<void> urls_owned_by(std::span<const tracked_url> urls, delivery_id delivery) {
  for (const tracked_url& url : urls) {
    if (auto owned = owned_by("URL", url.delivery, url.id, delivery); !owned) return owned;
  }
  return {};
}

inline result<void> quarantine_keys_present(std::span<const quarantine_entry> entries) {
  for (const quarantine_entry& entry : entries) {
    if (entry.address.empty()) return error{errc::invalid_argument, "quarantine entry without an address"};
  }
  return {};
}

inline result<void> qualification_keys_present(std::span<const qualification_entry> entries) {
  for (const qualification_entry& entry : entries) {
    if (entry.key.empty()) return error{errc::invalid_argument, "qualification entry without a key"};
  }
  return {};
}

inline result<void> qualification_keys_present(std::span<const qualification_occurrence> items) {
  for (const qualification_occurrence& item : items) {
    if (item.provision.key.empty()) return error{errc::invalid_argument, "qualification entry without a key"};
  }
  return {};
}

/// The error for a row id stored with another content (`what` names the row's kind).
inline error different_content(std::string_view what, std::uint64_t id) {
  return error{errc::duplicate_id, std::string(what) + " " + std::to_string(id) + " exists with a different content"};
}

/// The error for a log inserted with a provider id that points to another log.
inline error provider_id_recorded_elsewhere(std::string_view provider_id) {
  return error{errc::duplicate_id, "provider id '" + std::string(provider_id) + "' is recorded on another log"};
}

inline error unknown_delivery(delivery_id id) { return error{errc::unknown_delivery, "delivery " + std::to_string(id)}; }

inline error revision_conflict(delivery_id id, std::uint64_t stored, std::uint64_t given) {
  return error{errc::revision_conflict, "delivery " + std::to_string(id) + " is at revision " + std::to_string(stored) +
                                            ", not " + std::to_string(given)};
}

inline error unregistered_url(url_id url, delivery_id delivery) {
  return error{errc::unknown_entry,
               "URL " + std::to_string(url) + " is not registered for delivery " + std::to_string(delivery)};
}

}  // namespace port_checks
SMSTRACK_END_NAMESPACE

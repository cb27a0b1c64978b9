// Storage port for quarantine entries (SPEC §5.3), keyed by (address, short code).
//
// Contract for implementers:
// - upsert inserts or replaces each entry by key, in order (a later entry for the same key
//   wins); atomic per call; writing the same entries twice leaves the same state (idempotent).
//   An entry with an empty address is invalid_argument and nothing is written.
// - get fills out[i] with the entry of keys[i], or nothing.
// - page is ordered by (address, short code), keyset-paged after a key, optionally filtered
//   by status.
// - count_quarantined_by counts entries whose `quarantined_by` is the delivery and whose status
//   is quarantine or denylisted (the "new quarantines" indicator).
// - Safe to call from several threads at once.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/quarantine.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct quarantine_query {
  std::optional<quarantine_status> status;
  std::optional<quarantine_key> after;
  std::size_t limit = 100;
};

class quarantine_store {
 public:
  quarantine_store() = default;
  quarantine_store(const quarantine_store&) = delete;
  quarantine_store& operator=(const quarantine_store&) = delete;
  virtual ~quarantine_store() = default;
  [[nodiscard]] virtual result<void> upsert(std::span<const quarantine_entry> entries) = 0;
  /// out.size() must equal keys.size().
  [[nodiscard]] virtual result<void> get(std::span<const quarantine_key> keys,
                                         std::span<std::optional<quarantine_entry>> out) = 0;
  [[nodiscard]] virtual result<std::vector<quarantine_entry>> page(const quarantine_query& query) = 0;
  [[nodiscard]] virtual result<std::uint64_t> count_quarantined_by(delivery_id delivery) = 0;
};

SMSTRACK_END_NAMESPACE

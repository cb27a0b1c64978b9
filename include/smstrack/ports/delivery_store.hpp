// Storage port for delivery records.
//
// Contract for implementers:
// - create assigns a fresh id (> 0, never reused) and stores revision 1; the id and revision
//   passed in are ignored.
// - update is a compare-and-set on `revision`: it replaces the record only when the stored
//   revision equals `d.revision`, and stores revision + 1. Otherwise nothing changes and the
//   error is revision_conflict; an unknown id is unknown_delivery.
// - list returns deliveries with id > after, ascending by id, at most `limit`.
// - Every call is atomic and safe to call from several threads at once.
// - Failures of the store itself are reported as storage_failure (with a retry hint); a stray
//   exception is turned into storage_failure by the engine, but adapters should not throw.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/delivery.hpp>

#include <cstdint>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

class delivery_store {
 public:
  delivery_store() = default;
  delivery_store(const delivery_store&) = delete;
  delivery_store& operator=(const delivery_store&) = delete;
  virtual ~delivery_store() = default;
  [[nodiscard]] virtual result<delivery_id> create(const delivery& d) = 0;
  /// Errors: unknown_delivery.
  [[nodiscard]] virtual result<delivery> get(delivery_id id) = 0;
  /// Returns the new revision. Errors: unknown_delivery, revision_conflict.
  [[nodiscard]] virtual result<std::uint64_t> update(const delivery& d) = 0;
  [[nodiscard]] virtual result<std::vector<delivery>> list(delivery_id after, std::size_t limit) = 0;
};

SMSTRACK_END_NAMESPACE

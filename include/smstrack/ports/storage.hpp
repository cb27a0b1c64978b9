// The storage port: one aggregate that hands out each part of the store.
//
// An adapter implements `storage` and the eight part interfaces; the engine holds a reference
// and calls the parts batch by batch, and commits what one batch of status changes writes as
// one unit of work (`commit`, unit_of_work.hpp): all of it or none of it. Parts live as long as the storage object. The in-memory
// store (`smstrack/store/memory_store.hpp`) is the reference implementation; the conformance
// suite (`smstrack/conformance/storage_conformance.hpp`) checks any adapter against the
// contracts written in each part's header.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/ports/audit_store.hpp>
#include <smstrack/ports/delivery_store.hpp>
#include <smstrack/ports/exclusion_store.hpp>
#include <smstrack/ports/log_store.hpp>
#include <smstrack/ports/qualification_store.hpp>
#include <smstrack/ports/quarantine_store.hpp>
#include <smstrack/ports/reply_store.hpp>
#include <smstrack/ports/tracking_store.hpp>
#include <smstrack/ports/unit_of_work.hpp>

SMSTRACK_BEGIN_NAMESPACE

class storage {
 public:
  storage() = default;
  storage(const storage&) = delete;
  storage& operator=(const storage&) = delete;
  virtual ~storage() = default;
  [[nodiscard]] virtual delivery_store& deliveries() = 0;
  [[nodiscard]] virtual log_store& logs() = 0;
  [[nodiscard]] virtual exclusion_store& exclusions() = 0;
  [[nodiscard]] virtual quarantine_store& quarantine() = 0;
  [[nodiscard]] virtual qualification_store& qualification() = 0;
  [[nodiscard]] virtual tracking_store& tracking() = 0;
  [[nodiscard]] virtual audit_store& audit() = 0;
  [[nodiscard]] virtual reply_store& replies() = 0;
  /// Writes every part of `unit` in one transaction, or nothing (see unit_of_work.hpp for the
  /// contract). outcomes.size() must equal unit.logs.size(). Errors: invalid_argument,
  /// unknown_delivery, revision_conflict, storage_failure. The default writes part by part and
  /// is not atomic: adapters with transactions override it.
  [[nodiscard]] virtual result<commit_status> commit(const unit_of_work& unit, std::span<write_outcome> outcomes) {
    return commit_part_by_part(*this, unit, outcomes);
  }
};

SMSTRACK_END_NAMESPACE

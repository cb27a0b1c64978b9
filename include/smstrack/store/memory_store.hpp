// The embedded in-memory store: the reference implementation of every storage port.
//
// It keeps delivery logs packed (a fixed-size row per log, failure texts interned, addresses
// as integers) so millions of logs fit comfortably; `log_memory()` reports what they take.
// Nothing survives the process: applications that need durability use a database adapter.
//
// Thread safety: every method may be called from several threads at once; each part is guarded
// by its own reader/writer lock, so a call is atomic with respect to other calls on that part.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/ports/storage.hpp>

#include <cstddef>
#include <memory>

SMSTRACK_BEGIN_NAMESPACE

/// Memory taken by the delivery logs of a memory store.
struct log_memory_usage {
  std::size_t logs = 0;   ///< number of stored logs
  std::size_t bytes = 0;  ///< bytes for rows, indexes, provider ids and interned texts
};

class memory_store final : public storage {
 public:
  memory_store();
  ~memory_store() override;
  memory_store(const memory_store&) = delete;
  memory_store& operator=(const memory_store&) = delete;

  delivery_store& deliveries() override;
  log_store& logs() override;
  exclusion_store& exclusions() override;
  quarantine_store& quarantine() override;
  qualification_store& qualification() override;
  tracking_store& tracking() override;
  audit_store& audit() override;
  reply_store& replies() override;
  /// Commits a unit of work: checked whole under the parts' locks, then written, so it is
  /// stored whole or not at all. (Other threads may see its parts land one after the other.)
  result<commit_status> commit(const unit_of_work& unit, std::span<write_outcome> outcomes) override;

  [[nodiscard]] log_memory_usage log_memory() const;

 private:
  struct parts;
  std::unique_ptr<parts> parts_;
};

SMSTRACK_END_NAMESPACE

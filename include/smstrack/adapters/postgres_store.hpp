// The PostgreSQL storage adapter (target smstrack::postgres): everything smstrack tracks, in a
// PostgreSQL database shared by any number of processes and machines.
//
//   auto store = smstrack::postgres_store::open({.conninfo = "host=db dbname=sms user=smstrack"});
//   if (!store) return report(store.error());
//   smstrack::tracker tracker(**store, clock);
//
// - Connections come from a bounded pool (opened on demand, reopened after a lost connection);
//   every statement is prepared once per connection, and a batch is written with set-based
//   statements over arrays: a batch of 1 000 log updates is a few round trips, not 1 000.
// - Every port call is atomic: it runs in one transaction, and a failed call rolls back.
// - open() creates the schema (in `schema`, created when missing), upgrades an older one under
//   an advisory lock (so several processes may start at once) and refuses a newer one.
// - Database errors become storage_failure with the server's message and SQLSTATE; lost
//   connections, serialization failures, deadlocks, lock timeouts, full disks and shutdowns
//   are transient, the others (constraint violations among them) permanent.
// - Every table but the global quarantine, qualification and provider-id index carries the
//   delivery id first in its primary key, so it can be distributed or partitioned by delivery
//   (README: "Running on distributed PostgreSQL").
// - Thread-safe: each call leases its own connection.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/ports/storage.hpp>

#include <memory>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

struct postgres_options {
  std::string conninfo;  ///< a libpq connection string or URI
  std::string schema;    ///< the schema (namespace) of smstrack's tables; empty: the connection's search path
  std::size_t pool_size = 4;  ///< connections open at most at once
  /// Upgrade the schema only up to this version (0: the latest). For migration tests.
  int schema_version = 0;
};

class postgres_store final : public storage {
 public:
  /// The schema version this library writes.
  static constexpr int latest_schema_version = 8;

  /// Connects, then creates or upgrades the schema. Errors: invalid_settings (empty conninfo,
  /// pool_size 0, schema_version out of range), storage_failure (cannot connect, newer schema).
  [[nodiscard]] static result<std::unique_ptr<postgres_store>> open(const postgres_options& options);

  ~postgres_store() override;
  postgres_store(const postgres_store&) = delete;
  postgres_store& operator=(const postgres_store&) = delete;

  [[nodiscard]] int schema_version() const noexcept;

  [[nodiscard]] delivery_store& deliveries() override;
  [[nodiscard]] log_store& logs() override;
  [[nodiscard]] exclusion_store& exclusions() override;
  [[nodiscard]] quarantine_store& quarantine() override;
  [[nodiscard]] qualification_store& qualification() override;
  [[nodiscard]] tracking_store& tracking() override;
  [[nodiscard]] audit_store& audit() override;
  [[nodiscard]] reply_store& replies() override;
  /// Commits a unit of work in one transaction on one pooled connection.
  [[nodiscard]] result<commit_status> commit(const unit_of_work& unit, std::span<write_outcome> outcomes) override;

  struct parts;

 private:
  explicit postgres_store(std::unique_ptr<parts> opened);
  std::unique_ptr<parts> parts_;
};

SMSTRACK_END_NAMESPACE

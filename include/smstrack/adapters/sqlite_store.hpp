// The SQLite storage adapter (target smstrack::sqlite): everything smstrack tracks, in one
// SQLite database file, durable across a crash of the process.
//
//   auto store = smstrack::sqlite_store::open({.path = "deliveries.db"});
//   if (!store) return report(store.error());
//   smstrack::tracker tracker(**store, clock);
//
// - The file is opened in WAL mode with a busy timeout, so readers in other processes do not
//   block the writer; every port call runs in one transaction (BEGIN IMMEDIATE for writes) and
//   a failed call rolls back, so nothing is half-written.
// - open() creates the schema, upgrades an older one in place (each step in its own
//   transaction) and refuses a schema newer than this library with storage_failure.
// - Database errors become storage_failure with SQLite's message; busy, locked, I/O and
//   full-disk errors are transient (a retry may succeed), the others permanent.
// - Thread-safe: calls from several threads are serialized on the one connection (SQLite has
//   one writer at a time anyway). Several processes may open the same file.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/ports/storage.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

/// How much a commit waits for the disk.
enum class sqlite_durability {
  process_crash,  ///< synchronous=NORMAL: a commit survives a crash of the process (the default)
  power_loss,     ///< synchronous=FULL: a commit also survives a power loss or an OS crash
};

struct sqlite_options {
  std::string path;  ///< the database file, created when missing (":memory:" for a private in-memory database)
  sqlite_durability durability = sqlite_durability::process_crash;
  std::chrono::milliseconds busy_timeout{5000};  ///< how long to wait for another process's lock
  /// The connection's page cache, in bytes (PRAGMA cache_size): private memory, taken as pages
  /// are read. Receipts arrive in random order, so every batch touches pages all over the logs
  /// table and its provider-id index; the default holds those of about a million logs. SQLite's
  /// own default, 2 MiB, holds those of about 20 000. At least 1 MiB.
  std::size_t cache_bytes = std::size_t{256} << 20;
  /// How much of the file is memory-mapped (PRAGMA mmap_size); 0 turns mapping off. Mapped pages
  /// are the operating system's page cache, shared with other processes, not private memory;
  /// reads then copy nothing.
  std::size_t mmap_bytes = std::size_t{1} << 30;
  /// How far the write-ahead log grows before SQLite copies it into the database file
  /// (PRAGMA wal_autocheckpoint). A checkpoint writes every page changed since the last one and
  /// syncs the file; receipts in random order change pages all over the logs, so SQLite's own
  /// default (1 000 pages, 4 MiB) checkpoints after about every batch of 1 000 receipts, and
  /// most pages are written twice as often as they need be. What it costs: disk space (the -wal
  /// file keeps its largest size) and the time a restart after a crash takes to read the log
  /// back. At least 1 MiB.
  std::size_t checkpoint_bytes = std::size_t{256} << 20;
  /// Upgrade the schema only up to this version (0: the latest). For migration tests.
  int schema_version = 0;
};

class sqlite_store final : public storage {
 public:
  /// The schema version this library writes.
  static constexpr int latest_schema_version = 8;

  /// Opens (creating or upgrading) the database. Errors: invalid_settings (empty path or a
  /// schema_version out of range), storage_failure (cannot open, not a database, newer schema).
  [[nodiscard]] static result<std::unique_ptr<sqlite_store>> open(const sqlite_options& options);

  ~sqlite_store() override;
  sqlite_store(const sqlite_store&) = delete;
  sqlite_store& operator=(const sqlite_store&) = delete;

  /// The schema version of the open database.
  [[nodiscard]] int schema_version() const noexcept;

  [[nodiscard]] delivery_store& deliveries() override;
  [[nodiscard]] log_store& logs() override;
  [[nodiscard]] exclusion_store& exclusions() override;
  [[nodiscard]] quarantine_store& quarantine() override;
  [[nodiscard]] qualification_store& qualification() override;
  [[nodiscard]] tracking_store& tracking() override;
  [[nodiscard]] audit_store& audit() override;
  [[nodiscard]] reply_store& replies() override;
  /// Commits a unit of work in one write transaction (BEGIN IMMEDIATE ... COMMIT).
  [[nodiscard]] result<commit_status> commit(const unit_of_work& unit, std::span<write_outcome> outcomes) override;

  struct parts;

 private:
  explicit sqlite_store(std::unique_ptr<parts> opened);
  std::unique_ptr<parts> parts_;
};

SMSTRACK_END_NAMESPACE

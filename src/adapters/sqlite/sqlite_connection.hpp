// A thin RAII layer over the SQLite C API: one connection with a cache of prepared statements,
// a query that binds parameters in order and resets its statement when it goes out of scope,
// a transaction that rolls back unless committed, and the mapping of SQLite result codes to
// smstrack errors.
#pragma once

#include <smstrack/error.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace sqlite {

/// storage_failure with SQLite's message; busy, locked, I/O, full-disk and out-of-memory
/// errors are transient, the rest permanent.
error failure(sqlite3* db, int rc, std::string_view doing);

/// The current row of a query, read by column (a `Reader` for sql::row_decoder).
class row_view {
 public:
  explicit row_view(sqlite3_stmt* stmt) noexcept : stmt_(stmt) {}
  [[nodiscard]] bool is_null(int column) const noexcept { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  [[nodiscard]] std::int64_t int64(int column) const noexcept { return sqlite3_column_int64(stmt_, column); }
  [[nodiscard]] std::string_view text(int column) const noexcept;

 private:
  sqlite3_stmt* stmt_;
};

/// One execution of a prepared statement. Parameters are bound in order (a `Writer` for the
/// sql:: row writers); text is bound without a copy, so it must outlive the step.
class query {
 public:
  query(sqlite3* db, sqlite3_stmt* stmt) noexcept : db_(db), stmt_(stmt) {}
  ~query();
  query(query&& other) noexcept : db_(other.db_), stmt_(other.stmt_), parameter_(other.parameter_) {
    other.stmt_ = nullptr;
  }
  query(const query&) = delete;
  query& operator=(const query&) = delete;
  query& operator=(query&&) = delete;

  void int64(std::int64_t v) noexcept { sqlite3_bind_int64(stmt_, ++parameter_, v); }
  /// Binds a text that stays alive until the statement runs (SQLite does not copy it).
  void text(std::string_view t) noexcept;
  /// Binds a copy of a text that may die before the statement runs.
  void text_copy(std::string_view t) noexcept;
  void null() noexcept { sqlite3_bind_null(stmt_, ++parameter_); }

  /// Advances to the next row: true when there is one, false when the query is done.
  [[nodiscard]] result<bool> step();
  /// Runs a statement that returns no rows.
  [[nodiscard]] result<void> run();
  [[nodiscard]] row_view row() const noexcept { return row_view(stmt_); }
  /// Rows changed by the last run of this statement.
  [[nodiscard]] std::int64_t changes() const noexcept { return sqlite3_changes64(db_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int parameter_ = 0;
};

class connection {
 public:
  /// Opens (creating) the file. Errors: storage_failure.
  [[nodiscard]] static result<connection> open(const std::string& path);
  connection(connection&& other) noexcept;
  connection& operator=(connection&&) = delete;
  connection(const connection&) = delete;
  ~connection();

  /// Runs one or more statements without parameters.
  [[nodiscard]] result<void> exec(std::string_view sql);
  /// A query on the statement for `sql`, prepared once and cached (keyed by the text).
  [[nodiscard]] result<query> prepare(std::string_view sql);
  [[nodiscard]] std::int64_t last_insert_id() const noexcept { return sqlite3_last_insert_rowid(db_); }
  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }

 private:
  explicit connection(sqlite3* db) noexcept : db_(db) {}
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

/// A transaction: BEGIN IMMEDIATE for writes (the write lock is taken up front, so two writers
/// never deadlock on an upgrade), BEGIN for consistent multi-statement reads. Rolls back on
/// destruction unless committed.
class transaction {
 public:
  enum class kind { read, write };
  [[nodiscard]] static result<transaction> begin(connection& db, kind k);
  transaction(transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  transaction& operator=(transaction&&) = delete;
  ~transaction();
  [[nodiscard]] result<void> commit();

 private:
  explicit transaction(connection& db) noexcept : db_(&db) {}
  connection* db_;
};

}  // namespace sqlite
SMSTRACK_END_NAMESPACE

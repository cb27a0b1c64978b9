// A thin RAII layer over libpq: results read by row and column, parameters collected in text
// form (scalars and array literals), connections that prepare each statement once, a bounded
// pool of connections, and the mapping of PostgreSQL errors (by SQLSTATE) to smstrack errors.
#pragma once

#include <smstrack/error.hpp>

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace pg {

/// One row of a result (a `Reader` for sql::row_decoder). Values arrive in text form.
class row_view {
 public:
  row_view(const PGresult* res, int row) noexcept : res_(res), row_(row) {}
  [[nodiscard]] bool is_null(int column) const noexcept { return PQgetisnull(res_, row_, column) != 0; }
  [[nodiscard]] std::int64_t int64(int column) const noexcept;
  [[nodiscard]] std::string_view text(int column) const noexcept {
    return {PQgetvalue(res_, row_, column), static_cast<std::size_t>(PQgetlength(res_, row_, column))};
  }

 private:
  const PGresult* res_;
  int row_;
};

class query_result {
 public:
  explicit query_result(PGresult* res) noexcept : res_(res, &PQclear) {}
  [[nodiscard]] int rows() const noexcept { return PQntuples(res_.get()); }
  [[nodiscard]] row_view row(int i) const noexcept { return {res_.get(), i}; }
  /// Rows a command changed (INSERT, UPDATE, DELETE).
  [[nodiscard]] std::uint64_t affected() const noexcept;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> res_;
};

/// Parameters of one statement, in order (a `Writer` for the sql:: row writers).
class params {
 public:
  void int64(std::int64_t v) { values_.push_back(std::to_string(v)); }
  void text(std::string_view t) { values_.emplace_back(t); }
  void null() { values_.push_back(std::nullopt); }
  /// Appends a finished array literal (see array_builder).
  void literal(std::string s) { values_.push_back(std::move(s)); }
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
  [[nodiscard]] const std::vector<std::optional<std::string>>& values() const noexcept { return values_; }

 private:
  std::vector<std::optional<std::string>> values_;
};

/// Builds a PostgreSQL array literal ("{1,2,NULL}", "{\"a\",\"b\"}") element by element.
class array_builder {
 public:
  void int64(std::int64_t v);
  void text(std::string_view t);
  void null();
  [[nodiscard]] std::string finish() &&;

 private:
  void separate();
  std::string literal_ = "{";
};

/// storage_failure with the server's message; connection, serialization, deadlock, resource
/// (disk full, out of memory) and shutdown errors are transient, the rest permanent.
error failure(const PGconn* conn, const PGresult* res, std::string_view doing);

class connection {
 public:
  /// Connects and sets the search path to `schema` (when not empty). Errors: storage_failure.
  [[nodiscard]] static result<std::unique_ptr<connection>> open(const std::string& conninfo, const std::string& schema);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  /// Runs a statement (prepared on this connection the first time). Errors: storage_failure.
  [[nodiscard]] result<query_result> exec(const std::string& sql, const params& p = {});
  /// Runs commands without parameters and without preparing them (BEGIN, DDL).
  [[nodiscard]] result<void> command(const std::string& sql);
  [[nodiscard]] bool broken() const noexcept { return PQstatus(conn_) != CONNECTION_OK; }
  [[nodiscard]] std::string quote_identifier(std::string_view name) const;

 private:
  explicit connection(PGconn* conn) noexcept : conn_(conn) {}
  result<query_result> checked(PGresult* raw, std::string_view sql);
  PGconn* conn_;
  std::map<std::string, std::string, std::less<>> prepared_;
};

/// A bounded pool: connections open on demand up to `size`; a caller waits when all are in
/// use. A connection that broke is dropped when returned, so the next caller reconnects.
class pool {
 public:
  pool(std::string conninfo, std::string schema, std::size_t size);

  class lease {
   public:
    lease(pool& owner, std::unique_ptr<connection> conn) noexcept : owner_(&owner), conn_(std::move(conn)) {}
    lease(lease&& other) noexcept = default;
    lease& operator=(lease&&) = delete;
    ~lease();
    connection& operator*() const noexcept { return *conn_; }
    connection* operator->() const noexcept { return conn_.get(); }

   private:
    pool* owner_;
    std::unique_ptr<connection> conn_;
  };

  [[nodiscard]] result<lease> acquire();

 private:
  void give_back(std::unique_ptr<connection> conn);
  std::string conninfo_;
  std::string schema_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<connection>> idle_;
  std::size_t open_ = 0;
};

/// A transaction on a leased connection; rolls back on destruction unless committed.
class transaction {
 public:
  [[nodiscard]] static result<transaction> begin(connection& conn);
  transaction(transaction&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  transaction& operator=(transaction&&) = delete;
  ~transaction();
  [[nodiscard]] result<void> commit();

 private:
  explicit transaction(connection& conn) noexcept : conn_(&conn) {}
  connection* conn_;
};

}  // namespace pg
SMSTRACK_END_NAMESPACE

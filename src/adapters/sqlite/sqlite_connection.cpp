#include "sqlite_connection.hpp"

#include <limits>
#include <utility>

SMSTRACK_BEGIN_NAMESPACE
namespace sqlite {

namespace {

bool transient_code(int rc) noexcept {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_NOMEM:
    case SQLITE_INTERRUPT:
    case SQLITE_PROTOCOL:
      return true;
    default:
      return false;
  }
}

}  // namespace

error failure(sqlite3* db, int rc, std::string_view doing) {
  std::string detail = "SQLite: ";
  detail += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  detail += " (";
  detail += doing;
  detail += ')';
  return error{errc::storage_failure, std::move(detail), transient_code(rc) ? retry_hint::transient : retry_hint::permanent};
}

std::string_view row_view::text(int column) const noexcept {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  return data == nullptr ? std::string_view{} : std::string_view(data, static_cast<std::size_t>(size));
}

query::~query() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void query::text(std::string_view t) noexcept {
  // An empty view may have a null data pointer, which SQLite would store as NULL.
  sqlite3_bind_text64(stmt_, ++parameter_, t.empty() ? "" : t.data(), t.size(), SQLITE_STATIC, SQLITE_UTF8);
}

void query::text_copy(std::string_view t) noexcept {
  sqlite3_bind_text64(stmt_, ++parameter_, t.empty() ? "" : t.data(), t.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

result<bool> query::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return failure(db_, rc, sqlite3_sql(stmt_));
}

result<void> query::run() {
  auto stepped = step();
  if (!stepped) return stepped.error();
  return {};
}

result<connection> connection::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    error e = failure(db, rc, "opening " + path);
    sqlite3_close_v2(db);
    return e;
  }
  sqlite3_extended_result_codes(db, 1);
  return connection(db);
}

connection::connection(connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), statements_(std::move(other.statements_)) {}

connection::~connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

result<void> connection::exec(std::string_view sql) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return failure(db_, rc, text.substr(0, 60));
  return {};
}

result<query> connection::prepare(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) return failure(db_, rc, "preparing " + std::string(sql.substr(0, 60)));
    found = statements_.emplace(std::string(sql), stmt).first;
  }
  return query(db_, found->second);
}

result<transaction> transaction::begin(connection& db, kind k) {
  if (auto begun = db.exec(k == kind::write ? "BEGIN IMMEDIATE" : "BEGIN"); !begun) return begun.error();
  return transaction(db);
}

transaction::~transaction() {
  if (db_ != nullptr) (void)db_->exec("ROLLBACK");
}

result<void> transaction::commit() {
  connection* db = std::exchange(db_, nullptr);
  if (auto committed = db->exec("COMMIT"); !committed) {
    (void)db->exec("ROLLBACK");
    return committed;
  }
  return {};
}

}  // namespace sqlite
SMSTRACK_END_NAMESPACE

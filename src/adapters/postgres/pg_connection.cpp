#include "pg_connection.hpp"

#include <charconv>
#include <utility>

SMSTRACK_BEGIN_NAMESPACE
namespace pg {

namespace {

// SQLSTATE classes and codes after which a retry may succeed.
bool transient_state(std::string_view state) {
  if (state.size() != 5) return true;  // no SQLSTATE: the connection itself failed
  const std::string_view cls = state.substr(0, 2);
  return cls == "08" || cls == "40" || cls == "53" || cls == "57" || state == "55P03" || state == "58030";
}

std::string trimmed(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::int64_t row_view::int64(int column) const noexcept {
  const std::string_view value = text(column);
  std::int64_t v = 0;
  std::from_chars(value.data(), value.data() + value.size(), v);
  return v;
}

std::uint64_t query_result::affected() const noexcept {
  const char* count = PQcmdTuples(res_.get());
  std::uint64_t v = 0;
  std::from_chars(count, count + std::char_traits<char>::length(count), v);
  return v;
}

void array_builder::separate() {
  if (literal_.size() > 1) literal_ += ',';
}

void array_builder::int64(std::int64_t v) {
  separate();
  literal_ += std::to_string(v);
}

void array_builder::text(std::string_view t) {
  separate();
  literal_ += '"';
  for (const char c : t) {
    if (c == '"' || c == '\\') literal_ += '\\';
    literal_ += c;
  }
  literal_ += '"';
}

void array_builder::null() {
  separate();
  literal_ += "NULL";
}

std::string array_builder::finish() && {
  literal_ += '}';
  return std::move(literal_);
}

error failure(const PGconn* conn, const PGresult* res, std::string_view doing) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = "PostgreSQL: ";
  detail += trimmed(res != nullptr && *PQresultErrorMessage(res) != '\0' ? PQresultErrorMessage(res)
                                                                         : PQerrorMessage(conn));
  if (state != nullptr) detail += std::string(" [SQLSTATE ") + state + "]";
  detail += " (";
  detail += doing.substr(0, 60);
  detail += ')';
  const bool transient = state == nullptr || transient_state(state) || PQstatus(conn) != CONNECTION_OK;
  return error{errc::storage_failure, std::move(detail), transient ? retry_hint::transient : retry_hint::permanent};
}

result<std::unique_ptr<connection>> connection::open(const std::string& conninfo, const std::string& schema) {
  PGconn* raw = PQconnectdb(conninfo.c_str());
  std::unique_ptr<connection> conn(new connection(raw));
  if (raw == nullptr || PQstatus(raw) != CONNECTION_OK) {
    return error{errc::storage_failure, "PostgreSQL: cannot connect: " + trimmed(raw != nullptr ? PQerrorMessage(raw) : "out of memory"),
                 retry_hint::transient};
  }
  if (auto quiet = conn->command("SET client_min_messages TO warning"); !quiet) return quiet.error();
  if (!schema.empty()) {
    if (auto path = conn->command("SET search_path TO " + conn->quote_identifier(schema)); !path) return path.error();
  }
  return conn;
}

connection::~connection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

std::string connection::quote_identifier(std::string_view name) const {
  char* quoted = PQescapeIdentifier(conn_, name.data(), name.size());
  std::string out = quoted != nullptr ? quoted : "\"\"";
  PQfreemem(quoted);
  return out;
}

result<query_result> connection::checked(PGresult* raw, std::string_view sql) {
  const ExecStatusType status = raw != nullptr ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  query_result res(raw);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(conn_, raw, sql);
  return res;
}

result<void> connection::command(const std::string& sql) {
  auto res = checked(PQexec(conn_, sql.c_str()), sql);
  if (!res) return res.error();
  return {};
}

result<query_result> connection::exec(const std::string& sql, const params& p) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    std::string name = "smstrack_" + std::to_string(prepared_.size() + 1);
    auto prepared = checked(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), sql);
    if (!prepared) return prepared.error();
    found = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(p.size());
  for (const auto& v : p.values()) values.push_back(v ? v->c_str() : nullptr);
  return checked(PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                nullptr, 0),
                 sql);
}

pool::pool(std::string conninfo, std::string schema, std::size_t size)
    : conninfo_(std::move(conninfo)), schema_(std::move(schema)), size_(size == 0 ? 1 : size) {}

result<pool::lease> pool::acquire() {
  std::unique_lock<std::mutex> held(mutex_);
  available_.wait(held, [&] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    std::unique_ptr<connection> conn = std::move(idle_.back());
    idle_.pop_back();
    return lease(*this, std::move(conn));
  }
  ++open_;
  held.unlock();
  auto conn = connection::open(conninfo_, schema_);
  if (!conn) {
    held.lock();
    --open_;
    available_.notify_one();
    return conn.error();
  }
  return lease(*this, std::move(*conn));
}

void pool::give_back(std::unique_ptr<connection> conn) {
  std::lock_guard<std::mutex> held(mutex_);
  if (conn->broken()) {
    --open_;
  } else {
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

pool::lease::~lease() {
  if (conn_ != nullptr) owner_->give_back(std::move(conn_));
}

result<transaction> transaction::begin(connection& conn) {
  if (auto begun = conn.command("BEGIN"); !begun) return begun.error();
  return transaction(conn);
}

transaction::~transaction() {
  if (conn_ != nullptr) (void)conn_->command("ROLLBACK");
}

result<void> transaction::commit() {
  connection* conn = std::exchange(conn_, nullptr);
  return conn->command("COMMIT");
}

}  // namespace pg
SMSTRACK_END_NAMESPACE

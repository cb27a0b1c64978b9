#include <smstrack/adapters/sqlite_store.hpp>

#include <smstrack/ports/port_checks.hpp>

#include "../sql_rows.hpp"
#include "sqlite_connection.hpp"
#include "sqlite_schema.hpp"

#include <bit>
#include <mutex>
#include <string>
#include <utility>

SMSTRACK_BEGIN_NAMESPACE

static_assert(sqlite::migrations.size() == sqlite_store::latest_schema_version, "one migration per schema version");
namespace {

using sqlite::connection;
using sqlite::query;
using sqlite::row_view;
using sqlite::transaction;

// The connection and the lock that serializes calls on it, shared by every part.
struct session {
  connection db;
  std::mutex mutex;
  int schema_version = 0;
};
using lock = std::lock_guard<std::mutex>;

// Reads every row of `q` through `decode` (a sql::read_* function).
template <class Decode>
auto collect(query& q, Decode decode) -> result<std::vector<typename decltype(decode(q.row()))::value_type>> {
  std::vector<typename decltype(decode(q.row()))::value_type> out;
  for (;;) {
    auto has_row = q.step();
    if (!has_row) return has_row.error();
    if (!*has_row) return out;
    auto row = decode(q.row());
    if (!row) return row.error();
    out.push_back(std::move(*row));
  }
}

// The first row of `q` through `decode`, or nothing.
template <class Decode>
auto first(query& q, Decode decode) -> result<std::optional<typename decltype(decode(q.row()))::value_type>> {
  auto has_row = q.step();
  if (!has_row) return has_row.error();
  if (!*has_row) return std::nullopt;
  auto row = decode(q.row());
  if (!row) return row.error();
  return std::move(*row);
}

template <class T>
result<T> column_value(const row_view& row) {
  return static_cast<T>(row.int64(0));
}

// Runs `sql` once per row, binding it with the row's columns, in the caller's transaction.
template <class Row>
result<void> write_rows(session& s, const std::string& sql, std::span<const Row> rows) {
  for (const Row& row : rows) {
    auto q = s.db.prepare(sql);
    if (!q) return q.error();
    sql::write_row(*q, row);
    if (auto ran = q->run(); !ran) return ran;
  }
  return {};
}

// Runs `sql` once per row, binding it with the row's columns, in one write transaction.
template <class Row>
result<void> write_each(session& s, const std::string& sql, std::span<const Row> rows) {
  lock held(s.mutex);
  auto tx = transaction::begin(s.db, transaction::kind::write);
  if (!tx) return tx.error();
  if (auto written = write_rows(s, sql, rows); !written) return written;
  return tx->commit();
}

std::string select_from(std::string_view columns, std::string_view table, std::string_view rest) {
  return "SELECT " + std::string(columns) + " FROM " + std::string(table) + " " + std::string(rest);
}

// "?, ?, ?": `count` parameters.
std::string parameters(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

// "INSERT INTO <table> (<columns of T but the store's>) VALUES (?, ...) <rest>".
template <class T>
std::string insert_into(std::string_view table, std::string_view rest = {}) {
  const auto count = sql::layout<T>().size() - static_cast<std::size_t>(std::popcount(sql::assigned<T>()));
  return "INSERT INTO " + std::string(table) + " (" + sql::layout<T>().list(sql::assigned<T>()) + ") VALUES (" +
         parameters(count) + ") " + std::string(rest);
}

// ---------------------------------------------------------------------------------------------

class sqlite_deliveries final : public delivery_store {
 public:
  explicit sqlite_deliveries(session& s) : s_(s) {}

  result<delivery_id> create(const delivery& d) override {
    lock held(s_.mutex);
    auto q = s_.db.prepare(insert_sql());
    if (!q) return q.error();
    sql::write_row(*q, d, sql::assigned<delivery>());
    if (auto ran = q->run(); !ran) return ran.error();
    return static_cast<delivery_id>(s_.db.last_insert_id());
  }

  result<delivery> get(delivery_id id) override {
    lock held(s_.mutex);
    auto found = read(id);
    if (!found) return found.error();
    if (!*found) return port_checks::unknown_delivery(id);
    return std::move(**found);
  }

  result<std::uint64_t> update(const delivery& d) override {
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    if (auto updated = update_in_transaction(d); !updated) return updated.error();
    if (auto committed = tx->commit(); !committed) return committed.error();
    return d.revision + 1;
  }

  // The compare-and-set of `update`, in the caller's transaction.
  result<void> update_in_transaction(const delivery& d) {
    static const std::string sql = "UPDATE smstrack_deliveries SET " +
                                   sql::layout<delivery>().assignments(sql::assigned<delivery>(), [](int) { return std::string("?"); }) +
                                   ", revision = revision + 1 WHERE id = ? AND revision = ?";
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    sql::write_row(*q, d, sql::assigned<delivery>());
    q->int64(sql::stored(d.id));
    q->int64(sql::stored(d.revision));
    if (auto ran = q->run(); !ran) return ran.error();
    if (q->changes() == 0) {
      auto found = read(d.id);
      if (!found) return found.error();
      if (!*found) return port_checks::unknown_delivery(d.id);
      return port_checks::revision_conflict(d.id, (*found)->revision, d.revision);
    }
    return {};
  }

  result<std::vector<delivery>> list(delivery_id after, std::size_t limit) override {
    static const std::string sql = select_from(sql::columns<delivery>(), "smstrack_deliveries", "WHERE id > ? ORDER BY id LIMIT ?");
    lock held(s_.mutex);
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    q->int64(sql::stored(after));
    q->int64(sql::stored(limit));
    return collect(*q, sql::row_reader<delivery, row_view>);
  }

 private:
  static const std::string& insert_sql() {
    // The id is the next rowid; the revision is the first.
    static const std::string sql = "INSERT INTO smstrack_deliveries (revision, " +
                                   sql::layout<delivery>().list(sql::assigned<delivery>()) + ") VALUES (1, " +
                                   parameters(sql::layout<delivery>().size() - 2) + ")";
    return sql;
  }

  result<std::optional<delivery>> read(delivery_id id) {
    static const std::string sql = select_from(sql::columns<delivery>(), "smstrack_deliveries", "WHERE id = ?");
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    q->int64(sql::stored(id));
    return first(*q, sql::row_reader<delivery, row_view>);
  }

  session& s_;
};

// ---------------------------------------------------------------------------------------------

class sqlite_logs final : public log_store {
 public:
  explicit sqlite_logs(session& s) : s_(s) {}

  result<void> insert(delivery_id delivery, std::span<const delivery_log> logs) override {
    if (auto owned = port_checks::logs_owned_by(logs, delivery); !owned) return owned;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    for (const delivery_log& log : logs) {
      if (auto stored = insert_one(log); !stored) return stored;
    }
    return tx->commit();
  }

  result<void> update(delivery_id delivery, std::span<const log_update> changes,
                      std::span<write_outcome> out) override {
    if (auto sizes = port_checks::output_matches(changes, out); !sizes) return sizes;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    if (auto applied = update_in_transaction(delivery, changes, out); !applied) return applied.error();
    return tx->commit();
  }

  // The changes of `update`, in the caller's transaction: whether every one applied.
  result<bool> update_in_transaction(delivery_id delivery, std::span<const log_update> changes,
                                     std::span<write_outcome> out) {
    bool all = true;
    for (std::size_t i = 0; i < changes.size(); ++i) {
      auto outcome = apply(delivery, changes[i]);
      if (!outcome) return outcome.error();
      out[i] = *outcome;
      all = all && *outcome == write_outcome::applied;
    }
    return all;
  }

  result<void> read_digests(delivery_id delivery, std::span<const log_id> ids,
                            std::span<std::optional<log_digest>> out) override {
    static const std::string sql = select_from(sql::columns<log_digest>(), "smstrack_logs", "WHERE delivery = ? AND id = ?");
    return read_each(delivery, ids, out, sql, sql::row_reader<log_digest, row_view>);
  }

  result<std::vector<log_digest>> scan_digests(delivery_id delivery, log_id after, std::size_t limit) override {
    static const std::string sql =
        select_from(sql::columns<log_digest>(), "smstrack_logs", "WHERE delivery = ? AND id > ? ORDER BY id LIMIT ?");
    lock held(s_.mutex);
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    q->int64(after);
    q->int64(sql::stored(limit));
    return collect(*q, sql::row_reader<log_digest, row_view>);
  }

  result<void> get(delivery_id delivery, std::span<const log_id> ids,
                   std::span<std::optional<delivery_log>> out) override {
    static const std::string sql = select_from(sql::columns<delivery_log>(), "smstrack_logs", "WHERE delivery = ? AND id = ?");
    return read_each(delivery, ids, out, sql, sql::row_reader<delivery_log, row_view>);
  }

  result<std::vector<delivery_log>> page(delivery_id delivery, const log_page_query& query) override {
    // One statement per combination of filters, so that each keeps its own plan.
    static const std::array<std::string, 4> statements = [] {
      std::array<std::string, 4> made;
      for (int filters = 0; filters < 4; ++filters) {
        made[static_cast<std::size_t>(filters)] =
            select_from(sql::columns<delivery_log>(), "smstrack_logs",
                        std::string("WHERE delivery = ?") + ((filters & 1) != 0 ? " AND status = ?" : "") +
                            ((filters & 2) != 0 ? " AND address = ?" : "") + " AND id > ? ORDER BY id LIMIT ?");
      }
      return made;
    }();
    lock held(s_.mutex);
    auto q = s_.db.prepare(statements[(query.status ? 1U : 0U) | (query.address ? 2U : 0U)]);
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    if (query.status) q->int64(sql::stored(*query.status));
    if (query.address) q->int64(sql::stored(query.address->digits()));
    q->int64(query.after);
    q->int64(sql::stored(query.limit));
    return collect(*q, sql::row_reader<delivery_log, row_view>);
  }

  result<void> find_by_provider_ids(std::span<const std::string_view> provider_ids,
                                    std::span<std::optional<log_ref>> out) override {
    if (auto sizes = port_checks::output_matches(provider_ids, out); !sizes) return sizes;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::read);
    if (!tx) return tx.error();
    for (std::size_t i = 0; i < provider_ids.size(); ++i) {
      auto found = owner_of(provider_ids[i]);
      if (!found) return found.error();
      out[i] = *found;
    }
    return tx->commit();
  }

  // One indexed look-up per address (smstrack_logs_by_address), in one read transaction.
  result<void> history(std::span<const phone_number> addresses, const history_query& query,
                       std::span<address_history> out) override {
    static const std::string sql =
        "SELECT delivery, id, updated, status FROM smstrack_logs WHERE address = ? AND updated >= ? AND delivery <> ?";
    if (auto sizes = port_checks::output_matches(addresses, out); !sizes) return sizes;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::read);
    if (!tx) return tx.error();
    for (std::size_t i = 0; i < addresses.size(); ++i) {
      out[i] = {};
      auto q = s_.db.prepare(sql);
      if (!q) return q.error();
      q->int64(sql::stored(addresses[i].digits()));
      q->int64(sql::stored(query.since));
      q->int64(sql::stored(query.excluding));
      for (;;) {
        auto more = q->step();
        if (!more) return more.error();
        if (!*more) break;
        const row_view row = q->row();
        if (!looks_at(query, static_cast<log_status>(row.int64(3)))) continue;
        add_to_history(out[i], {static_cast<delivery_id>(row.int64(0)), static_cast<log_id>(row.int64(1))},
                       from_unix_ms(row.int64(2)));
      }
    }
    return tx->commit();
  }

  result<std::uint64_t> erase(delivery_id delivery) override {
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    auto ids = s_.db.prepare("DELETE FROM smstrack_provider_ids WHERE delivery = ?");
    if (!ids) return ids.error();
    ids->int64(sql::stored(delivery));
    if (auto ran = ids->run(); !ran) return ran.error();
    auto rows = s_.db.prepare("DELETE FROM smstrack_logs WHERE delivery = ?");
    if (!rows) return rows.error();
    rows->int64(sql::stored(delivery));
    if (auto ran = rows->run(); !ran) return ran.error();
    const auto removed = static_cast<std::uint64_t>(rows->changes());
    if (auto committed = tx->commit(); !committed) return committed.error();
    return removed;
  }

 private:
  // Inserts one log, or accepts it when an equal one is stored; inside the caller's transaction.
  result<void> insert_one(const delivery_log& log) {
    static const std::string sql =
        insert_into<delivery_log>("smstrack_logs", "ON CONFLICT (delivery, id) DO NOTHING");
    if (log.provider_id && !log.provider_id->empty()) {
      auto recorded = record_provider_id(*log.provider_id, {log.delivery, log.id});
      if (!recorded) return recorded.error();
      if (!*recorded) return port_checks::provider_id_recorded_elsewhere(*log.provider_id);
    }
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    sql::write_row(*q, log);
    if (auto ran = q->run(); !ran) return ran;
    if (q->changes() == 1) return {};
    std::optional<delivery_log> stored;
    if (auto read = get_one(log.delivery, log.id, stored); !read) return read;
    if (stored != log) return port_checks::different_content("log", log.id);
    return {};
  }

  result<void> get_one(delivery_id delivery, log_id id, std::optional<delivery_log>& out) {
    static const std::string sql = select_from(sql::columns<delivery_log>(), "smstrack_logs", "WHERE delivery = ? AND id = ?");
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    q->int64(id);
    auto found = first(*q, sql::row_reader<delivery_log, row_view>);
    if (!found) return found.error();
    out = std::move(*found);
    return {};
  }

  // Records `provider_id` on `ref` unless it is recorded already: true when it points to `ref`
  // now, false when it points to another log.
  result<bool> record_provider_id(std::string_view provider_id, log_ref ref) {
    auto q = s_.db.prepare(
        "INSERT INTO smstrack_provider_ids (provider_id, delivery, log_id) VALUES (?, ?, ?) "
        "ON CONFLICT (provider_id) DO NOTHING");
    if (!q) return q.error();
    q->text(provider_id);
    q->int64(sql::stored(ref.delivery));
    q->int64(ref.log);
    if (auto ran = q->run(); !ran) return ran.error();
    if (q->changes() == 1) return true;
    auto owner = owner_of(provider_id);
    if (!owner) return owner.error();
    return *owner == ref;
  }

  result<std::optional<log_ref>> owner_of(std::string_view provider_id) {
    auto q = s_.db.prepare("SELECT delivery, log_id FROM smstrack_provider_ids WHERE provider_id = ?");
    if (!q) return q.error();
    q->text(provider_id);
    return first(*q, [](const row_view& row) -> result<log_ref> {
      return log_ref{static_cast<delivery_id>(row.int64(0)), static_cast<log_id>(row.int64(1))};
    });
  }

  // One compare-and-set, with the memory store's precedence: not_found, conflict, then
  // provider_id_taken.
  result<write_outcome> apply(delivery_id delivery, const log_update& change) {
    bool new_provider_id = false;
    if (!change.provider_id.empty()) {
      auto owner = owner_of(change.provider_id);
      if (!owner) return owner.error();
      if (*owner && **owner != log_ref{delivery, change.id}) return precheck(delivery, change, write_outcome::provider_id_taken);
      new_provider_id = !*owner;
    }
    auto q = s_.db.prepare(
        "UPDATE smstrack_logs SET status = ?, failure_type = ?, reason = ?, retries = ?, updated = ?, "
        "provider_id = COALESCE(?, provider_id), text = COALESCE(?, text), submitted = ?, acked = ?, network = ?, "
        "receipt_timed_out = ? "
        "WHERE delivery = ? AND id = ? AND status = ?");
    if (!q) return q.error();
    q->int64(sql::stored(change.status));
    q->int64(sql::stored(change.type));
    q->int64(sql::stored(change.reason));
    q->int64(change.retries);
    q->int64(sql::stored(change.updated));
    if (new_provider_id) q->text(change.provider_id); else q->null();
    if (change.text.empty()) q->null(); else q->text(change.text);
    if (change.submitted) q->int64(sql::stored(*change.submitted)); else q->null();
    if (change.acked) q->int64(sql::stored(*change.acked)); else q->null();
    sql::write_value(*q, change.network);
    q->int64(change.receipt_timed_out ? 1 : 0);
    q->int64(sql::stored(delivery));
    q->int64(change.id);
    q->int64(sql::stored(change.expected));
    if (auto ran = q->run(); !ran) return ran.error();
    if (q->changes() == 0) return precheck(delivery, change, write_outcome::conflict);
    if (new_provider_id) {
      if (auto recorded = record_provider_id(change.provider_id, {delivery, change.id}); !recorded) return recorded.error();
    }
    return write_outcome::applied;
  }

  // Why a change cannot apply: not_found or conflict from the stored status, else `otherwise`.
  result<write_outcome> precheck(delivery_id delivery, const log_update& change, write_outcome otherwise) {
    auto q = s_.db.prepare("SELECT status FROM smstrack_logs WHERE delivery = ? AND id = ?");
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    q->int64(change.id);
    auto status = first(*q, column_value<std::int64_t>);
    if (!status) return status.error();
    if (!*status) return write_outcome::not_found;
    if (**status != sql::stored(change.expected)) return write_outcome::conflict;
    return otherwise;
  }

  template <class T, class Decode>
  result<void> read_each(delivery_id delivery, std::span<const log_id> ids, std::span<std::optional<T>> out,
                         const std::string& sql, Decode decode) {
    if (auto sizes = port_checks::output_matches(ids, out); !sizes) return sizes;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::read);
    if (!tx) return tx.error();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto q = s_.db.prepare(sql);
      if (!q) return q.error();
      q->int64(sql::stored(delivery));
      q->int64(ids[i]);
      auto found = first(*q, decode);
      if (!found) return found.error();
      out[i] = std::move(*found);
    }
    return tx->commit();
  }

  session& s_;
};

// ---------------------------------------------------------------------------------------------

class sqlite_exclusions final : public exclusion_store {
 public:
  explicit sqlite_exclusions(session& s) : s_(s) {}

  result<void> insert(delivery_id delivery, std::span<const exclusion_log> rows) override {
    static const std::string sql = insert_into<exclusion_log>("smstrack_exclusions", "ON CONFLICT (delivery, id) DO NOTHING");
    static const std::string stored_sql =
        select_from(sql::columns<exclusion_log>(), "smstrack_exclusions", "WHERE delivery = ? AND id = ?");
    if (auto owned = port_checks::exclusions_owned_by(rows, delivery); !owned) return owned;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    for (const exclusion_log& row : rows) {
      auto q = s_.db.prepare(sql);
      if (!q) return q.error();
      sql::write_row(*q, row);
      if (auto ran = q->run(); !ran) return ran;
      if (q->changes() == 1) continue;
      auto read = s_.db.prepare(stored_sql);
      if (!read) return read.error();
      read->int64(sql::stored(delivery));
      read->int64(row.id);
      auto stored = first(*read, sql::row_reader<exclusion_log, row_view>);
      if (!stored) return stored.error();
      if (*stored != row) return port_checks::different_content("exclusion log", row.id);
    }
    return tx->commit();
  }

  result<std::vector<exclusion_log>> page(delivery_id delivery, const exclusion_query& query) override {
    static const std::string any_reason = select_from(sql::columns<exclusion_log>(), "smstrack_exclusions",
                                                      "WHERE delivery = ? AND id > ? ORDER BY id LIMIT ?");
    static const std::string one_reason = select_from(
        sql::columns<exclusion_log>(), "smstrack_exclusions", "WHERE delivery = ? AND reason = ? AND id > ? ORDER BY id LIMIT ?");
    lock held(s_.mutex);
    auto q = s_.db.prepare(query.reason ? one_reason : any_reason);
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    if (query.reason) q->int64(sql::stored(*query.reason));
    q->int64(query.after);
    q->int64(sql::stored(query.limit));
    return collect(*q, sql::row_reader<exclusion_log, row_view>);
  }

  result<void> set_rules(delivery_id delivery, std::span<const exclusion_rule> rules) override {
    if (auto named = port_checks::rules_named(rules); !named) return named;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    if (auto cleared = erase_rules(delivery); !cleared) return cleared;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      auto q = s_.db.prepare("INSERT INTO smstrack_exclusion_rules (delivery, position, rule, reason) VALUES (?, ?, ?, ?)");
      if (!q) return q.error();
      q->int64(sql::stored(delivery));
      q->int64(static_cast<std::int64_t>(i + 1));
      q->text(rules[i].rule);
      q->int64(sql::stored(rules[i].reason));
      if (auto ran = q->run(); !ran) return ran;
    }
    return tx->commit();
  }

  result<std::vector<exclusion_cause>> causes(delivery_id delivery) override {
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::read);
    if (!tx) return tx.error();
    auto rules = s_.db.prepare(sql::declared_rules_query);
    if (!rules) return rules.error();
    rules->int64(sql::stored(delivery));
    auto declared = collect(*rules, sql::row_reader<exclusion_rule, row_view>);
    if (!declared) return declared.error();
    auto q = s_.db.prepare(sql::causes_query);
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    auto counted = collect(*q, sql::row_reader<exclusion_cause, row_view>);
    if (!counted) return counted.error();
    if (auto committed = tx->commit(); !committed) return committed.error();
    return merge_causes(*declared, *counted);
  }

  result<std::uint64_t> erase(delivery_id delivery) override {
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    if (auto cleared = erase_rules(delivery); !cleared) return cleared.error();
    auto q = s_.db.prepare("DELETE FROM smstrack_exclusions WHERE delivery = ?");
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    if (auto ran = q->run(); !ran) return ran.error();
    const auto removed = static_cast<std::uint64_t>(q->changes());
    if (auto committed = tx->commit(); !committed) return committed.error();
    return removed;
  }

 private:
  // Caller holds the session's lock, inside a write transaction.
  result<void> erase_rules(delivery_id delivery) {
    auto q = s_.db.prepare("DELETE FROM smstrack_exclusion_rules WHERE delivery = ?");
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    return q->run();
  }

  session& s_;
};

// ---------------------------------------------------------------------------------------------

class sqlite_quarantine final : public quarantine_store {
 public:
  explicit sqlite_quarantine(session& s) : s_(s) {}

  result<void> upsert(std::span<const quarantine_entry> entries) override {
    if (auto keyed = port_checks::quarantine_keys_present(entries); !keyed) return keyed;
    return write_each(s_, upsert_sql(), entries);
  }
  static const std::string& upsert_sql() {
    static const std::string sql = insert_into<quarantine_entry>("smstrack_quarantine", sql::layout<quarantine_entry>().upsert());
    return sql;
  }

  result<void> get(std::span<const quarantine_key> keys, std::span<std::optional<quarantine_entry>> out) override {
    static const std::string sql =
        select_from(sql::columns<quarantine_entry>(), "smstrack_quarantine", "WHERE address = ? AND short_code = ?");
    if (auto sizes = port_checks::output_matches(keys, out); !sizes) return sizes;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::read);
    if (!tx) return tx.error();
    for (std::size_t i = 0; i < keys.size(); ++i) {
      auto q = s_.db.prepare(sql);
      if (!q) return q.error();
      q->int64(sql::stored(keys[i].address.digits()));
      q->text(keys[i].short_code);
      auto found = first(*q, sql::row_reader<quarantine_entry, row_view>);
      if (!found) return found.error();
      out[i] = std::move(*found);
    }
    return tx->commit();
  }

  result<std::vector<quarantine_entry>> page(const quarantine_query& query) override {
    static const std::string sql = select_from(
        sql::columns<quarantine_entry>(), "smstrack_quarantine",
        "WHERE (address, short_code) > (?, ?) AND (?3 IS NULL OR status = ?3) ORDER BY address, short_code LIMIT ?");
    lock held(s_.mutex);
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    q->int64(query.after ? sql::stored(query.after->address.digits()) : -1);
    q->text(query.after ? std::string_view(query.after->short_code) : std::string_view{});
    if (query.status) q->int64(sql::stored(*query.status)); else q->null();
    q->int64(sql::stored(query.limit));
    return collect(*q, sql::row_reader<quarantine_entry, row_view>);
  }

  result<std::uint64_t> count_quarantined_by(delivery_id delivery) override {
    lock held(s_.mutex);
    auto q = s_.db.prepare("SELECT count(*) FROM smstrack_quarantine WHERE quarantined_by = ? AND status IN (?, ?)");
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    q->int64(sql::stored(quarantine_status::quarantine));
    q->int64(sql::stored(quarantine_status::denylisted));
    auto count = first(*q, column_value<std::uint64_t>);
    if (!count) return count.error();
    return count->value_or(0);
  }

 private:
  session& s_;
};

// ---------------------------------------------------------------------------------------------

class sqlite_qualification final : public qualification_store {
 public:
  explicit sqlite_qualification(session& s) : s_(s) {}

  result<void> upsert(std::span<const qualification_entry> entries) override {
    static const std::string sql = insert_into<qualification_entry>("smstrack_qualification", sql::layout<qualification_entry>().upsert());
    if (auto keyed = port_checks::qualification_keys_present(entries); !keyed) return keyed;
    return write_each(s_, sql, entries);
  }

  result<void> record(std::span<const qualification_occurrence> items, std::uint32_t cap,
                      std::span<qualification_entry> out) override {
    if (auto sizes = port_checks::output_matches(items, out); !sizes) return sizes;
    if (auto keyed = port_checks::qualification_keys_present(items); !keyed) return keyed;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    if (auto recorded = record_in_transaction(items, cap, out); !recorded) return recorded;
    return tx->commit();
  }

  // The counting of `record`, in the caller's transaction; out may be empty.
  result<void> record_in_transaction(std::span<const qualification_occurrence> items, std::uint32_t cap,
                                     std::span<qualification_entry> out) {
    static const std::string sql = insert_into<qualification_entry>(
        "smstrack_qualification",
        "ON CONFLICT (qualification_key) DO UPDATE SET occurrences = min(occurrences + excluded.occurrences, ?), "
        "last_modified = excluded.last_modified RETURNING " + sql::columns<qualification_entry>());
    for (std::size_t i = 0; i < items.size(); ++i) {
      qualification_entry provision = items[i].provision;
      provision.occurrences = std::min(items[i].count, cap);
      auto q = s_.db.prepare(sql);
      if (!q) return q.error();
      sql::write_row(*q, provision);
      q->int64(cap);
      auto stored = first(*q, sql::row_reader<qualification_entry, row_view>);
      if (!stored) return stored.error();
      if (!*stored) return error{errc::storage_failure, "SQLite: the upsert returned no row"};
      if (!out.empty()) out[i] = std::move(**stored);
    }
    return {};
  }

  result<void> get(std::span<const std::string_view> keys, std::span<std::optional<qualification_entry>> out) override {
    static const std::string sql =
        select_from(sql::columns<qualification_entry>(), "smstrack_qualification", "WHERE qualification_key = ?");
    if (auto sizes = port_checks::output_matches(keys, out); !sizes) return sizes;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::read);
    if (!tx) return tx.error();
    for (std::size_t i = 0; i < keys.size(); ++i) {
      auto q = s_.db.prepare(sql);
      if (!q) return q.error();
      q->text(keys[i]);
      auto found = first(*q, sql::row_reader<qualification_entry, row_view>);
      if (!found) return found.error();
      out[i] = std::move(*found);
    }
    return tx->commit();
  }

  result<std::vector<qualification_entry>> page(std::string_view after, std::size_t limit) override {
    static const std::string sql = select_from(sql::columns<qualification_entry>(), "smstrack_qualification",
                                               "WHERE qualification_key > ? ORDER BY qualification_key LIMIT ?");
    lock held(s_.mutex);
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    q->text(after);
    q->int64(sql::stored(limit));
    return collect(*q, sql::row_reader<qualification_entry, row_view>);
  }

 private:
  session& s_;
};

// ---------------------------------------------------------------------------------------------

class sqlite_tracking final : public tracking_store {
 public:
  explicit sqlite_tracking(session& s) : s_(s) {}

  result<void> upsert_urls(delivery_id delivery, std::span<const tracked_url> urls) override {
    static const std::string sql =
        insert_into<tracked_url>("smstrack_urls", sql::layout<tracked_url>().upsert());
    if (auto owned = port_checks::urls_owned_by(urls, delivery); !owned) return owned;
    return write_each(s_, sql, urls);
  }

  result<void> replace_urls(delivery_id delivery, std::span<const tracked_url> urls) override {
    static const std::string sql =
        insert_into<tracked_url>("smstrack_urls", sql::layout<tracked_url>().upsert());
    if (auto owned = port_checks::urls_owned_by(urls, delivery); !owned) return owned;
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    auto cleared = s_.db.prepare("DELETE FROM smstrack_urls WHERE delivery = ?");
    if (!cleared) return cleared.error();
    cleared->int64(sql::stored(delivery));
    if (auto ran = cleared->run(); !ran) return ran;
    for (const tracked_url& url : urls) {
      auto q = s_.db.prepare(sql);
      if (!q) return q.error();
      sql::write_row(*q, url);
      if (auto ran = q->run(); !ran) return ran;
    }
    return tx->commit();
  }

  result<std::vector<tracked_url>> urls(delivery_id delivery) override {
    static const std::string sql = select_from(sql::columns<tracked_url>(), "smstrack_urls", "WHERE delivery = ? ORDER BY id");
    lock held(s_.mutex);
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    return collect(*q, sql::row_reader<tracked_url, row_view>);
  }

  result<std::vector<event_id>> add_clicks(std::span<const click> clicks) override {
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    std::vector<event_id> ids(clicks.size());
    if (auto added = add_in_transaction(clicks, ids); !added) return added.error();
    if (auto committed = tx->commit(); !committed) return committed.error();
    return ids;
  }

  // The clicks of `add_clicks`, in the caller's transaction; ids[i] receives the id of clicks[i].
  result<void> add_in_transaction(std::span<const click> clicks, std::span<event_id> ids) {
    static const std::string sql = insert_into<click>("smstrack_clicks");
    for (std::size_t i = 0; i < clicks.size(); ++i) {
      auto registered = is_registered(clicks[i].delivery, clicks[i].url);
      if (!registered) return registered.error();
      if (!*registered) return port_checks::unregistered_url(clicks[i].url, clicks[i].delivery);
      auto q = s_.db.prepare(sql);
      if (!q) return q.error();
      sql::write_row(*q, clicks[i], sql::assigned<click>());
      if (auto ran = q->run(); !ran) return ran;
      ids[i] = static_cast<event_id>(s_.db.last_insert_id());
    }
    return {};
  }

  result<std::vector<click>> clicks(delivery_id delivery, event_id after, std::size_t limit) override {
    static const std::string sql =
        select_from(sql::columns<click>(), "smstrack_clicks", "WHERE delivery = ? AND id > ? ORDER BY id LIMIT ?");
    lock held(s_.mutex);
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    q->int64(sql::stored(after));
    q->int64(sql::stored(limit));
    return collect(*q, sql::row_reader<click, row_view>);
  }

  result<std::vector<url_click_count>> click_counts(delivery_id delivery) override {
    lock held(s_.mutex);
    auto q = s_.db.prepare(sql::click_counts_query);
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    return collect(*q, sql::row_reader<url_click_count, row_view>);
  }

  result<std::uint64_t> distinct_human_clickers(delivery_id delivery, std::span<const url_id> urls) override {
    std::string list = "[";
    for (const url_id url : urls) list += (list.size() > 1 ? "," : "") + std::to_string(url);
    list += "]";
    lock held(s_.mutex);
    auto q = s_.db.prepare(
        "SELECT count(DISTINCT log_id) FROM smstrack_clicks WHERE delivery = ? AND kind = 0 "
        "AND url_id IN (SELECT value FROM json_each(?))");
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    q->text(list);
    auto count = first(*q, column_value<std::uint64_t>);
    if (!count) return count.error();
    return count->value_or(0);
  }

 private:
  result<bool> is_registered(delivery_id delivery, url_id url) {
    auto q = s_.db.prepare("SELECT 1 FROM smstrack_urls WHERE delivery = ? AND id = ?");
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    q->int64(url);
    auto found = first(*q, column_value<int>);
    if (!found) return found.error();
    return found->has_value();
  }

  session& s_;
};

// ---------------------------------------------------------------------------------------------

class sqlite_audit final : public audit_store {
 public:
  explicit sqlite_audit(session& s) : s_(s) {}

  result<std::vector<event_id>> append(std::span<const audit_event> events) override {
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    auto ids = append_in_transaction(events);
    if (!ids) return ids;
    if (auto committed = tx->commit(); !committed) return committed.error();
    return ids;
  }

  // The lines of `append`, in the caller's transaction; their ids.
  result<std::vector<event_id>> append_in_transaction(std::span<const audit_event> events) {
    std::vector<event_id> ids;
    ids.reserve(events.size());
    for (const audit_event& event : events) {
      static const std::string sql = insert_into<audit_event>("smstrack_audit");
      auto q = s_.db.prepare(sql);
      if (!q) return q.error();
      sql::write_row(*q, event, sql::assigned<audit_event>());
      if (auto ran = q->run(); !ran) return ran.error();
      ids.push_back(static_cast<event_id>(s_.db.last_insert_id()));
    }
    return ids;
  }

  result<std::vector<audit_event>> query(delivery_id delivery, const audit_query& q) override {
    static const std::string sql = select_from(
        sql::columns<audit_event>(), "smstrack_audit",
        "WHERE delivery = ?1 AND severity >= ?2 AND (?3 IS NULL OR event_time >= ?3) "
        "AND (?4 IS NULL OR event_time < ?4) AND (?5 IS NULL OR (event_time, id) < (?5, ?6)) "
        "ORDER BY event_time DESC, id DESC LIMIT ?7");
    lock held(s_.mutex);
    auto stmt = s_.db.prepare(sql);
    if (!stmt) return stmt.error();
    stmt->int64(sql::stored(delivery));
    stmt->int64(sql::stored(q.min_severity));
    sql::write_value(*stmt, q.from);
    sql::write_value(*stmt, q.to);
    sql::write_value(*stmt, q.before ? std::optional<timestamp>(q.before->time) : std::nullopt);
    stmt->int64(q.before ? sql::stored(q.before->id) : 0);
    stmt->int64(sql::stored(q.limit));
    return collect(*stmt, sql::row_reader<audit_event, row_view>);
  }

 private:
  session& s_;
};

// ---------------------------------------------------------------------------------------------
// Opening and migrating

result<int> stored_schema_version(connection& db) {
  auto exists = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'smstrack_schema'");
  if (!exists) return exists.error();
  auto tables = first(*exists, column_value<int>);
  if (!tables) return tables.error();
  if (tables->value_or(0) == 0) return 0;
  auto q = db.prepare("SELECT version FROM smstrack_schema");
  if (!q) return q.error();
  auto version = first(*q, column_value<int>);
  if (!version) return version.error();
  return version->value_or(0);
}

result<void> migrate(connection& db, int from, int to) {
  for (int version = from + 1; version <= to; ++version) {
    auto tx = transaction::begin(db, transaction::kind::write);
    if (!tx) return tx.error();
    // Another process may have migrated between our read and our lock.
    auto current = stored_schema_version(db);
    if (!current) return current.error();
    if (*current >= version) continue;
    if (auto applied = db.exec(sqlite::migrations[static_cast<std::size_t>(version - 1)]); !applied) return applied;
    const std::string record = version == 1 ? "CREATE TABLE smstrack_schema (version INTEGER NOT NULL); "
                                              "INSERT INTO smstrack_schema (version) VALUES (1)"
                                            : "UPDATE smstrack_schema SET version = " + std::to_string(version);
    if (auto recorded = db.exec(record); !recorded) return recorded;
    if (auto committed = tx->commit(); !committed) return committed;
  }
  return {};
}

result<void> configure(connection& db, const sqlite_options& options) {
  const std::string pragmas = "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout.count()) +
                              "; PRAGMA journal_mode = WAL; PRAGMA synchronous = " +
                              (options.durability == sqlite_durability::power_loss ? "FULL" : "NORMAL") +
                              // A negative cache_size is in KiB.
                              "; PRAGMA cache_size = -" + std::to_string(options.cache_bytes / 1024) +
                              "; PRAGMA mmap_size = " + std::to_string(options.mmap_bytes) + ";";
  if (auto set = db.exec(pragmas); !set) return set;
  auto page_size = db.prepare("PRAGMA page_size");
  if (!page_size) return page_size.error();
  auto row = first(*page_size, column_value<std::int64_t>);
  if (!row) return row.error();
  const auto page_bytes = static_cast<std::size_t>(std::max<std::int64_t>(row->value_or(4096), 512));
  return db.exec("PRAGMA wal_autocheckpoint = " + std::to_string(options.checkpoint_bytes / page_bytes) + ";");
}

}  // namespace

class sqlite_replies final : public reply_store {
 public:
  explicit sqlite_replies(session& s) : s_(s) {}

  result<std::vector<event_id>> append(std::span<const reply_record> replies) override {
    if (auto addressed = port_checks::replies_addressed(replies); !addressed) return addressed.error();
    lock held(s_.mutex);
    auto tx = transaction::begin(s_.db, transaction::kind::write);
    if (!tx) return tx.error();
    std::vector<event_id> ids(replies.size());
    if (auto appended = append_in_transaction(replies, ids); !appended) return appended.error();
    if (auto committed = tx->commit(); !committed) return committed.error();
    return ids;
  }

  // The replies of `append`, in the caller's transaction; ids[i] receives the id of replies[i].
  result<void> append_in_transaction(std::span<const reply_record> replies, std::span<event_id> ids) {
    static const std::string sql = insert_into<reply_record>("smstrack_replies");
    for (std::size_t i = 0; i < replies.size(); ++i) {
      auto q = s_.db.prepare(sql);
      if (!q) return q.error();
      sql::write_row(*q, replies[i], sql::assigned<reply_record>());
      if (auto ran = q->run(); !ran) return ran;
      ids[i] = static_cast<event_id>(s_.db.last_insert_id());
    }
    return {};
  }

  result<std::vector<reply_record>> page(const reply_query& query) override {
    static const std::string sql = select_from(sql::columns<reply_record>(), "smstrack_replies",
                                               "WHERE (?1 IS NULL OR delivery = ?1) AND id > ?2 ORDER BY id LIMIT ?3");
    lock held(s_.mutex);
    auto q = s_.db.prepare(sql);
    if (!q) return q.error();
    sql::write_value(*q, query.delivery);
    q->int64(sql::stored(query.after));
    q->int64(sql::stored(query.limit));
    return collect(*q, sql::row_reader<reply_record, row_view>);
  }

  result<std::uint64_t> count_opt_outs(delivery_id delivery) override {
    lock held(s_.mutex);
    auto q = s_.db.prepare("SELECT count(*) FROM smstrack_replies WHERE delivery = ? AND action = ?");
    if (!q) return q.error();
    q->int64(sql::stored(delivery));
    q->int64(sql::stored(reply_action::send_to_quarantine));
    auto row = q->step();
    if (!row) return row.error();
    return static_cast<std::uint64_t>(q->row().int64(0));
  }

 private:
  session& s_;
};

struct sqlite_store::parts {
  explicit parts(connection db) : s{std::move(db)} {}
  session s;
  sqlite_deliveries deliveries{s};
  sqlite_logs logs{s};
  sqlite_exclusions exclusions{s};
  sqlite_quarantine quarantine{s};
  sqlite_qualification qualification{s};
  sqlite_tracking tracking{s};
  sqlite_audit audit{s};
  sqlite_replies replies{s};
};

// One write transaction for the whole unit: the log updates first (the gate), then the rest.
// Anything refused rolls the transaction back.
result<commit_status> sqlite_store::commit(const unit_of_work& unit, std::span<write_outcome> outcomes) {
  if (auto checked = check_unit(unit, outcomes); !checked) return checked.error();
  parts& p = *parts_;
  lock held(p.s.mutex);
  auto tx = transaction::begin(p.s.db, transaction::kind::write);
  if (!tx) return tx.error();
  auto all_applied = p.logs.update_in_transaction(unit.delivery, unit.logs, outcomes);
  if (!all_applied) return all_applied.error();
  if (!*all_applied) return commit_status::logs_refused;
  if (unit.record != nullptr) {
    if (auto saved = p.deliveries.update_in_transaction(*unit.record); !saved) return saved.error();
  }
  if (auto recorded = p.qualification.record_in_transaction(unit.occurrences, unit.occurrence_cap, {}); !recorded) {
    return recorded.error();
  }
  if (auto upserted = write_rows(p.s, sqlite_quarantine::upsert_sql(), unit.quarantine); !upserted) {
    return upserted.error();
  }
  if (auto appended = p.audit.append_in_transaction(unit.journal); !appended) return appended.error();
  if (auto added = p.tracking.add_in_transaction(unit.clicks, unit.click_ids); !added) return added.error();
  if (auto appended = p.replies.append_in_transaction(unit.replies, unit.reply_ids); !appended) return appended.error();
  if (auto committed = tx->commit(); !committed) return committed.error();
  return commit_status::committed;
}

result<std::unique_ptr<sqlite_store>> sqlite_store::open(const sqlite_options& options) {
  if (options.path.empty()) return error{errc::invalid_settings, "sqlite_options.path is empty"};
  if (options.schema_version < 0 || options.schema_version > latest_schema_version) {
    return error{errc::invalid_settings, "sqlite_options.schema_version " + std::to_string(options.schema_version) +
                                             " is not between 0 and " + std::to_string(latest_schema_version)};
  }
  if (options.cache_bytes < (std::size_t{1} << 20)) {
    return error{errc::invalid_settings,
                 "sqlite_options.cache_bytes " + std::to_string(options.cache_bytes) + " is under 1 MiB"};
  }
  if (options.checkpoint_bytes < (std::size_t{1} << 20)) {
    return error{errc::invalid_settings,
                 "sqlite_options.checkpoint_bytes " + std::to_string(options.checkpoint_bytes) + " is under 1 MiB"};
  }
  auto db = connection::open(options.path);
  if (!db) return db.error();
  if (auto configured = configure(*db, options); !configured) return configured.error();
  auto stored = stored_schema_version(*db);
  if (!stored) return stored.error();
  if (*stored > latest_schema_version) {
    return error{errc::storage_failure, options.path + " has schema version " + std::to_string(*stored) +
                                            ", newer than the " + std::to_string(latest_schema_version) +
                                            " this smstrack knows; upgrade smstrack to open it"};
  }
  const int target = options.schema_version == 0 ? latest_schema_version : options.schema_version;
  if (*stored < target) {
    if (auto migrated = migrate(*db, *stored, target); !migrated) return migrated.error();
  }
  auto opened = std::make_unique<parts>(std::move(*db));
  opened->s.schema_version = std::max(*stored, target);
  return std::unique_ptr<sqlite_store>(new sqlite_store(std::move(opened)));
}

sqlite_store::sqlite_store(std::unique_ptr<parts> opened) : parts_(std::move(opened)) {}
sqlite_store::~sqlite_store() = default;

int sqlite_store::schema_version() const noexcept { return parts_->s.schema_version; }

delivery_store& sqlite_store::deliveries() { return parts_->deliveries; }
log_store& sqlite_store::logs() { return parts_->logs; }
exclusion_store& sqlite_store::exclusions() { return parts_->exclusions; }
quarantine_store& sqlite_store::quarantine() { return parts_->quarantine; }
qualification_store& sqlite_store::qualification() { return parts_->qualification; }
tracking_store& sqlite_store::tracking() { return parts_->tracking; }
audit_store& sqlite_store::audit() { return parts_->audit; }
reply_store& sqlite_store::replies() { return parts_->replies; }

SMSTRACK_END_NAMESPACE

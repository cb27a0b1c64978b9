#include <smstrack/adapters/postgres_store.hpp>

#include <smstrack/ports/port_checks.hpp>

#include "../sql_rows.hpp"
#include "pg_connection.hpp"
#include "pg_schema.hpp"

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include <algorithm>
#include <bit>
#include <map>
#include <string>
#include <utility>

SMSTRACK_BEGIN_NAMESPACE

static_assert(pg::migrations.size() == postgres_store::latest_schema_version, "one migration per schema version");
namespace {

using pg::array_builder;
using pg::params;
using pg::query_result;
using pg::row_view;
using pg::transaction;

// A call that failed with a transient conflict of concurrent transactions (deadlock,
// serialization failure, a provider id claimed meanwhile) is retried this many times.
constexpr int attempts_on_conflict = 5;

// ---------------------------------------------------------------------------------------------
// Statement helpers

// "unnest($1::bigint[], $2::text[], ...)" for space-separated element types, from parameter `first`.
std::string unnest_of(std::string_view types, int first = 1) {
  std::string sql = "unnest(";
  int n = first;
  std::size_t start = 0;
  while (start < types.size()) {
    const std::size_t end = std::min(types.find(' ', start), types.size());
    if (n != first) sql += ", ";
    sql += "$" + std::to_string(n++) + "::" + std::string(types.substr(start, end - start)) + "[]";
    start = end + 1;
  }
  return sql + ")";
}

// The PostgreSQL type of a column that holds a V, as write_value writes it.
template <class V>
std::string_view element_type() {
  if constexpr (sql::mapping_detail::is_optional<V>::value) {
    return element_type<typename V::value_type>();
  } else if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, network_code>) {
    return "text";
  } else if constexpr (std::is_same_v<V, bool> || (std::is_enum_v<V> && sizeof(V) == 1)) {
    return "smallint";
  } else if constexpr ((std::is_enum_v<V> || std::is_integral_v<V>) && sizeof(V) == 2) {
    return "integer";
  } else {
    return "bigint";
  }
}

// "bigint text ...": the element types of T's columns but those in `except`, for unnest_of.
template <class T>
std::string element_types(sql::column_set except = 0) {
  std::string out;
  std::size_t column = 0;
  auto add = [&](const auto& field) {
    if ((except >> column++) & 1U) return;
    if (!out.empty()) out += ' ';
    out += element_type<std::remove_cvref_t<decltype(field)>>();
  };
  const T sample{};
  sql::mapping_detail::for_each_field(sample, add);
  return out;
}

// "INSERT INTO <table> (<columns>) SELECT * FROM unnest(<arrays>) <rest>": the rows of a batch as
// one array per column.
template <class T>
std::string insert_unnested(std::string_view table, std::string_view rest) {
  return "INSERT INTO " + std::string(table) + " (" + sql::columns<T>() + ") SELECT * FROM " +
         unnest_of(element_types<T>()) + " " + std::string(rest);
}

std::string select_from(std::string_view columns, std::string_view table, std::string_view rest) {
  return "SELECT " + std::string(columns) + " FROM " + std::string(table) + " " + std::string(rest);
}

// Writes records column by column into array literals (a `Writer` for the sql:: row writers):
// the n-th value of a row goes to the n-th array.
class column_arrays {
 public:
  explicit column_arrays(std::size_t columns) : arrays_(columns) {}
  void int64(std::int64_t v) { arrays_[next_++].int64(v); }
  void text(std::string_view t) { arrays_[next_++].text(t); }
  void null() { arrays_[next_++].null(); }
  void end_row() { next_ = 0; }
  void append_to(params& p) && {
    for (array_builder& a : arrays_) p.literal(std::move(a).finish());
  }

 private:
  std::vector<array_builder> arrays_;
  std::size_t next_ = 0;
};

// The rows' columns as one array per column, for a statement that unnests them.
template <class Row>
params as_arrays(std::span<const Row> rows) {
  column_arrays arrays(sql::layout<Row>().size());
  for (const Row& row : rows) {
    sql::write_row(arrays, row);
    arrays.end_row();
  }
  params p;
  std::move(arrays).append_to(p);
  return p;
}

template <class Decode>
auto collect(const query_result& res, Decode decode)
    -> result<std::vector<typename decltype(decode(res.row(0)))::value_type>> {
  std::vector<typename decltype(decode(res.row(0)))::value_type> out;
  out.reserve(static_cast<std::size_t>(res.rows()));
  for (int i = 0; i < res.rows(); ++i) {
    auto row = decode(res.row(i));
    if (!row) return row.error();
    out.push_back(std::move(*row));
  }
  return out;
}

std::string id_array(std::span<const log_id> ids) {
  array_builder a;
  for (const log_id id : ids) a.int64(id);
  return std::move(a).finish();
}

// Splits items [0, n) into consecutive runs in which no two items share a key, so that one
// set-based statement per run has the effect of applying the items one by one in order.
// keys_of(i) gives item i's numeric key (or none) and text key (empty: none); no key is copied.
template <class Keys>
std::vector<std::pair<std::size_t, std::size_t>> independent_runs(std::size_t n, Keys keys_of) {
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  boost::unordered_flat_set<std::uint64_t> numbers;
  boost::unordered_flat_set<std::string_view> texts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto [number, text] = keys_of(i);
    if ((number && numbers.contains(*number)) || (!text.empty() && texts.contains(text))) {
      runs.emplace_back(start, i);
      numbers.clear();
      texts.clear();
      start = i;
    }
    if (number) numbers.insert(*number);
    if (!text.empty()) texts.insert(text);
  }
  if (start < n) runs.emplace_back(start, n);
  return runs;
}

// The last entry for each key, in first-seen order of the keys (upserts where a later entry wins).
template <class Row, class Key>
std::vector<Row> last_per_key(std::span<const Row> rows, Key key_of) {
  std::vector<Row> out;
  std::map<decltype(key_of(rows.front())), std::size_t> index;
  for (const Row& row : rows) {
    const auto [found, fresh] = index.try_emplace(key_of(row), out.size());
    if (fresh) {
      out.push_back(row);
    } else {
      out[found->second] = row;
    }
  }
  return out;
}

// Runs `call` (which takes a connection and returns a result) on a leased connection, again
// when it fails with a transient conflict between concurrent transactions.
template <class Call>
auto with_connection(pg::pool& pool, Call call) -> decltype(call(std::declval<pg::connection&>())) {
  for (int attempt = 1;; ++attempt) {
    auto conn = pool.acquire();
    if (!conn) return conn.error();
    auto outcome = call(**conn);
    const bool conflict = !outcome && outcome.error().hint() == retry_hint::transient &&
                          outcome.error().detail().find("[SQLSTATE 40") != std::string::npos;
    if (!conflict || attempt == attempts_on_conflict) return outcome;
  }
}

// Runs one query on a leased connection and decodes every row with `decode`.
template <class Decode>
auto fetch_all(pg::pool& pool, const std::string& sql, const params& p, Decode decode) {
  using row_type = typename decltype(decode(std::declval<row_view>()))::value_type;
  return with_connection(pool, [&](pg::connection& conn) -> result<std::vector<row_type>> {
    auto res = conn.exec(sql, p);
    if (!res) return res.error();
    return collect(*res, decode);
  });
}

// Upserts a batch in one statement: the last row per key (a later row for a key wins, as the
// port says), as arrays unnested by `sql` ("INSERT ... SELECT * FROM unnest(...) ON CONFLICT ...").
template <class Row, class Key>
result<void> upsert_latest_on(pg::connection& conn, const std::string& sql, std::span<const Row> rows, Key key) {
  if (rows.empty()) return {};
  const auto latest = last_per_key(rows, key);
  auto res = conn.exec(sql, as_arrays(std::span<const Row>(latest)));
  if (!res) return res.error();
  return {};
}

template <class Row, class Key>
result<void> upsert_latest(pg::pool& pool, const std::string& sql, std::span<const Row> rows, Key key) {
  if (rows.empty()) return {};
  return with_connection(pool, [&](pg::connection& conn) { return upsert_latest_on(conn, sql, rows, key); });
}

// ---------------------------------------------------------------------------------------------

class pg_deliveries final : public delivery_store {
 public:
  explicit pg_deliveries(pg::pool& pool) : pool_(pool) {}

  result<delivery_id> create(const delivery& d) override {
    // The id is the identity's next value; the revision is the first.
    static const std::string sql = [] {
      std::string s = "INSERT INTO smstrack_deliveries (revision, " +
                      sql::layout<delivery>().list(sql::assigned<delivery>()) + ") VALUES (1";
      for (std::size_t i = 1; i <= body_columns(); ++i) s += ", $" + std::to_string(i);
      return s + ") RETURNING id";
    }();
    params p;
    sql::write_row(p, d, sql::assigned<delivery>());
    return with_connection(pool_, [&](pg::connection& conn) -> result<delivery_id> {
      auto res = conn.exec(sql, p);
      if (!res) return res.error();
      return static_cast<delivery_id>(res->row(0).int64(0));
    });
  }

  result<delivery> get(delivery_id id) override {
    return with_connection(pool_, [&](pg::connection& conn) -> result<delivery> {
      auto found = read(conn, id);
      if (!found) return found.error();
      if (!*found) return port_checks::unknown_delivery(id);
      return std::move(**found);
    });
  }

  result<std::uint64_t> update(const delivery& d) override {
    return with_connection(pool_, [&](pg::connection& conn) -> result<std::uint64_t> {
      if (auto updated = update_on(conn, d); !updated) return updated.error();
      return d.revision + 1;
    });
  }

  // The compare-and-set of `update` on `conn` (in the caller's transaction, if any).
  static result<void> update_on(pg::connection& conn, const delivery& d) {
    static const std::string sql =
        "UPDATE smstrack_deliveries SET " +
        sql::layout<delivery>().assignments(sql::assigned<delivery>(), [](int i) { return "$" + std::to_string(i); }) +
        ", revision = revision + 1 WHERE id = $" + std::to_string(body_columns() + 1) + " AND revision = $" +
        std::to_string(body_columns() + 2);
    params p;
    sql::write_row(p, d, sql::assigned<delivery>());
    p.int64(sql::stored(d.id));
    p.int64(sql::stored(d.revision));
    auto res = conn.exec(sql, p);
    if (!res) return res.error();
    if (res->affected() == 1) return {};
    auto found = read(conn, d.id);
    if (!found) return found.error();
    if (!*found) return port_checks::unknown_delivery(d.id);
    return port_checks::revision_conflict(d.id, (*found)->revision, d.revision);
  }

  result<std::vector<delivery>> list(delivery_id after, std::size_t limit) override {
    static const std::string sql =
        select_from(sql::columns<delivery>(), "smstrack_deliveries", "WHERE id > $1 ORDER BY id LIMIT $2");
    params p;
    p.int64(sql::stored(after));
    p.int64(sql::stored(limit));
    return fetch_all(pool_, sql, p, sql::row_reader<delivery, row_view>);
  }

 private:
  // The columns an insert or an update writes: all but the id and the revision.
  static std::size_t body_columns() {
    return sql::layout<delivery>().size() - static_cast<std::size_t>(std::popcount(sql::assigned<delivery>()));
  }

  static result<std::optional<delivery>> read(pg::connection& conn, delivery_id id) {
    static const std::string sql = select_from(sql::columns<delivery>(), "smstrack_deliveries", "WHERE id = $1");
    params p;
    p.int64(sql::stored(id));
    auto res = conn.exec(sql, p);
    if (!res) return res.error();
    if (res->rows() == 0) return std::nullopt;
    auto d = sql::read_row<delivery>(res->row(0));
    if (!d) return d.error();
    return std::move(*d);
  }

  pg::pool& pool_;
};

// ---------------------------------------------------------------------------------------------

class pg_logs final : public log_store {
 public:
  explicit pg_logs(pg::pool& pool) : pool_(pool) {}

  result<void> insert(delivery_id delivery, std::span<const delivery_log> logs) override {
    static const std::string insert_sql =
        insert_unnested<delivery_log>("smstrack_logs", "ON CONFLICT (delivery, id) DO NOTHING RETURNING id");
    if (auto owned = port_checks::logs_owned_by(logs, delivery); !owned) return owned;
    if (logs.empty()) return {};
    const params rows = as_arrays(logs);
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      auto inserted = conn.exec(insert_sql, rows);
      if (!inserted) return inserted.error();
      if (static_cast<std::size_t>(inserted->rows()) != logs.size()) {
        if (auto same = check_replays(conn, delivery, logs, *inserted); !same) return same;
      }
      if (auto recorded = record_provider_ids(conn, delivery, logs); !recorded) return recorded;
      return tx->commit();
    });
  }

  result<void> update(delivery_id delivery, std::span<const log_update> changes,
                      std::span<write_outcome> out) override {
    if (auto sizes = port_checks::output_matches(changes, out); !sizes) return sizes;
    if (changes.empty()) return {};
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      if (auto applied = update_on(conn, delivery, changes, out); !applied) return applied.error();
      return tx->commit();
    });
  }

  // The changes of `update` on `conn`, in the caller's transaction: whether every one applied.
  static result<bool> update_on(pg::connection& conn, delivery_id delivery, std::span<const log_update> changes,
                                std::span<write_outcome> out) {
    const auto runs = independent_runs(changes.size(), [&](std::size_t i) {
      return std::pair(std::optional<std::uint64_t>(changes[i].id), changes[i].provider_id);
    });
    for (const auto& [begin, end] : runs) {
      if (auto applied = apply_run(conn, delivery, changes.subspan(begin, end - begin), out.subspan(begin, end - begin));
          !applied) {
        return applied.error();
      }
    }
    return std::all_of(out.begin(), out.end(), [](write_outcome o) { return o == write_outcome::applied; });
  }

  result<void> read_digests(delivery_id delivery, std::span<const log_id> ids,
                            std::span<std::optional<log_digest>> out) override {
    static const std::string sql =
        select_from(sql::columns<log_digest>(), "smstrack_logs", "WHERE delivery = $1 AND id = ANY($2::bigint[])");
    return read_each(delivery, ids, out, sql, sql::row_reader<log_digest, row_view>, [](const log_digest& d) { return d.id; });
  }

  result<std::vector<log_digest>> scan_digests(delivery_id delivery, log_id after, std::size_t limit) override {
    static const std::string sql =
        select_from(sql::columns<log_digest>(), "smstrack_logs", "WHERE delivery = $1 AND id > $2 ORDER BY id LIMIT $3");
    params p;
    p.int64(sql::stored(delivery));
    p.int64(after);
    p.int64(sql::stored(limit));
    return fetch_all(pool_, sql, p, sql::row_reader<log_digest, row_view>);
  }

  result<void> get(delivery_id delivery, std::span<const log_id> ids,
                   std::span<std::optional<delivery_log>> out) override {
    static const std::string sql =
        select_from(sql::columns<delivery_log>(), "smstrack_logs", "WHERE delivery = $1 AND id = ANY($2::bigint[])");
    return read_each(delivery, ids, out, sql, sql::row_reader<delivery_log, row_view>, [](const delivery_log& l) { return l.id; });
  }

  result<std::vector<delivery_log>> page(delivery_id delivery, const log_page_query& query) override {
    static const std::string sql =
        select_from(sql::columns<delivery_log>(), "smstrack_logs",
                    "WHERE delivery = $1 AND ($2::smallint IS NULL OR status = $2) AND ($5::bigint IS NULL OR "
                    "address = $5) AND id > $3 ORDER BY id LIMIT $4");
    params p;
    p.int64(sql::stored(delivery));
    if (query.status) p.int64(sql::stored(*query.status)); else p.null();
    p.int64(query.after);
    p.int64(sql::stored(query.limit));
    if (query.address) p.int64(sql::stored(query.address->digits())); else p.null();
    return fetch_all(pool_, sql, p, sql::row_reader<delivery_log, row_view>);
  }

  result<void> find_by_provider_ids(std::span<const std::string_view> provider_ids,
                                    std::span<std::optional<log_ref>> out) override {
    static const std::string sql =
        "SELECT provider_id, delivery, log_id FROM smstrack_provider_ids WHERE provider_id = ANY($1::text[])";
    if (auto sizes = port_checks::output_matches(provider_ids, out); !sizes) return sizes;
    array_builder wanted;
    for (const std::string_view id : provider_ids) wanted.text(id);
    params p;
    p.literal(std::move(wanted).finish());
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto res = conn.exec(sql, p);
      if (!res) return res.error();
      boost::unordered_flat_map<std::string_view, log_ref> found;
      for (int i = 0; i < res->rows(); ++i) {
        const row_view row = res->row(i);
        found.emplace(row.text(0), log_ref{static_cast<delivery_id>(row.int64(1)), static_cast<log_id>(row.int64(2))});
      }
      for (std::size_t i = 0; i < provider_ids.size(); ++i) {
        const auto hit = found.find(provider_ids[i]);
        out[i] = hit == found.end() ? std::nullopt : std::optional<log_ref>(hit->second);
      }
      return {};
    });
  }

  // One query per 10 000 addresses (smstrack_logs_by_address); rows are folded per address.
  result<void> history(std::span<const phone_number> addresses, const history_query& query,
                       std::span<address_history> out) override {
    static const std::string sql =
        "SELECT address, delivery, id, updated, status FROM smstrack_logs "
        "WHERE address = ANY($1::bigint[]) AND updated >= $2 AND delivery <> $3";
    static constexpr std::size_t chunk = 10'000;
    if (auto sizes = port_checks::output_matches(addresses, out); !sizes) return sizes;
    boost::unordered_flat_map<std::int64_t, address_history> found;
    for (std::size_t first = 0; first < addresses.size(); first += chunk) {
      array_builder wanted;
      for (std::size_t i = first; i < std::min(first + chunk, addresses.size()); ++i) {
        wanted.int64(sql::stored(addresses[i].digits()));
      }
      params p;
      p.literal(std::move(wanted).finish());
      p.int64(sql::stored(query.since));
      p.int64(sql::stored(query.excluding));
      auto read = with_connection(pool_, [&](pg::connection& conn) -> result<void> {
        auto res = conn.exec(sql, p);
        if (!res) return res.error();
        for (int r = 0; r < res->rows(); ++r) {
          const row_view row = res->row(r);
          if (!looks_at(query, static_cast<log_status>(row.int64(4)))) continue;
          add_to_history(found[row.int64(0)], {static_cast<delivery_id>(row.int64(1)), static_cast<log_id>(row.int64(2))},
                         from_unix_ms(row.int64(3)));
        }
        return {};
      });
      if (!read) return read;
    }
    for (std::size_t i = 0; i < addresses.size(); ++i) {
      const auto hit = found.find(sql::stored(addresses[i].digits()));
      out[i] = hit == found.end() ? address_history{} : hit->second;
    }
    return {};
  }

  result<std::uint64_t> erase(delivery_id delivery) override {
    params p;
    p.int64(sql::stored(delivery));
    return with_connection(pool_, [&](pg::connection& conn) -> result<std::uint64_t> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      if (auto ids = conn.exec("DELETE FROM smstrack_provider_ids WHERE delivery = $1", p); !ids) return ids.error();
      auto rows = conn.exec("DELETE FROM smstrack_logs WHERE delivery = $1", p);
      if (!rows) return rows.error();
      if (auto committed = tx->commit(); !committed) return committed.error();
      return rows->affected();
    });
  }

 private:
  // The logs the insert skipped must equal the stored ones (an idempotent replay).
  static result<void> check_replays(pg::connection& conn, delivery_id delivery, std::span<const delivery_log> logs,
                                    const query_result& inserted) {
    static const std::string sql =
        select_from(sql::columns<delivery_log>(), "smstrack_logs", "WHERE delivery = $1 AND id = ANY($2::bigint[])");
    boost::unordered_flat_set<log_id> fresh;
    for (int i = 0; i < inserted.rows(); ++i) fresh.insert(static_cast<log_id>(inserted.row(i).int64(0)));
    std::vector<log_id> skipped;
    for (const delivery_log& log : logs) {
      if (!fresh.contains(log.id)) skipped.push_back(log.id);
    }
    params p;
    p.int64(sql::stored(delivery));
    p.literal(id_array(skipped));
    auto res = conn.exec(sql, p);
    if (!res) return res.error();
    auto stored = collect(*res, sql::row_reader<delivery_log, row_view>);
    if (!stored) return stored.error();
    boost::unordered_flat_map<log_id, const delivery_log*> by_id;
    for (const delivery_log& log : *stored) by_id.emplace(log.id, &log);
    // A log inserted by this batch and repeated later in it is compared with its first occurrence.
    boost::unordered_flat_map<log_id, const delivery_log*> first_in_batch;
    for (const delivery_log& log : logs) {
      const auto first = first_in_batch.try_emplace(log.id, &log).first;
      const auto hit = by_id.find(log.id);
      const delivery_log* reference = hit != by_id.end() ? hit->second : first->second;
      if (*reference != log) return port_checks::different_content("log", log.id);
    }
    return {};
  }

  // Records the batch's provider ids; each must point to its own log afterwards.
  static result<void> record_provider_ids(pg::connection& conn, delivery_id delivery, std::span<const delivery_log> logs) {
    static const std::string insert_sql =
        "INSERT INTO smstrack_provider_ids (provider_id, delivery, log_id) SELECT * FROM " +
        unnest_of("text bigint bigint") + " ON CONFLICT (provider_id) DO NOTHING";
    static const std::string check_sql =
        "SELECT p.provider_id FROM smstrack_provider_ids p JOIN " + unnest_of("text bigint") +
        " AS w(provider_id, log_id) ON p.provider_id = w.provider_id WHERE p.delivery <> $3 OR p.log_id <> w.log_id "
        "LIMIT 1";
    array_builder ids, deliveries, logs_of;
    array_builder check_ids, check_logs;
    bool any = false;
    for (const delivery_log& log : logs) {
      if (!log.provider_id || log.provider_id->empty()) continue;
      any = true;
      ids.text(*log.provider_id);
      check_ids.text(*log.provider_id);
      deliveries.int64(sql::stored(delivery));
      logs_of.int64(log.id);
      check_logs.int64(log.id);
    }
    if (!any) return {};
    params check;
    check.literal(std::move(check_ids).finish());
    check.literal(std::move(check_logs).finish());
    check.int64(sql::stored(delivery));
    params insert;
    insert.literal(std::move(ids).finish());
    insert.literal(std::move(deliveries).finish());
    insert.literal(std::move(logs_of).finish());
    if (auto inserted = conn.exec(insert_sql, insert); !inserted) return inserted.error();
    auto taken = conn.exec(check_sql, check);
    if (!taken) return taken.error();
    if (taken->rows() > 0) return port_checks::provider_id_recorded_elsewhere(taken->row(0).text(0));
    return {};
  }

  // Applies changes that share no log id and no provider id: one statement, and a second one
  // only to explain the changes that did not apply.
  static result<void> apply_run(pg::connection& conn, delivery_id delivery, std::span<const log_update> changes,
                                std::span<write_outcome> out) {
    const params p = run_params(delivery, changes);
    const bool records_provider_ids =
        std::any_of(changes.begin(), changes.end(), [](const log_update& c) { return !c.provider_id.empty(); });
    return records_provider_ids ? apply_recording_run(conn, p, changes, out)
                                : apply_plain_run(conn, delivery, p, changes, out);
  }

  // $1: the delivery; $2..$14: the changes as arrays.
  static params run_params(delivery_id delivery, std::span<const log_update> changes) {
    column_arrays arrays(13);
    for (const log_update& c : changes) {
      arrays.int64(c.id);
      arrays.int64(sql::stored(c.expected));
      arrays.int64(sql::stored(c.status));
      arrays.int64(sql::stored(c.type));
      arrays.int64(sql::stored(c.reason));
      arrays.int64(c.retries);
      arrays.int64(sql::stored(c.updated));
      if (c.provider_id.empty()) arrays.null(); else arrays.text(c.provider_id);
      if (c.text.empty()) arrays.null(); else arrays.text(c.text);
      if (c.submitted) arrays.int64(sql::stored(*c.submitted)); else arrays.null();
      if (c.acked) arrays.int64(sql::stored(*c.acked)); else arrays.null();
      sql::write_value(arrays, c.network);
      arrays.int64(c.receipt_timed_out ? 1 : 0);
      arrays.end_row();
    }
    params p;
    p.int64(sql::stored(delivery));
    std::move(arrays).append_to(p);
    return p;
  }

  // The hot path (receipts): no provider id to record.
  static result<void> apply_plain_run(pg::connection& conn, delivery_id delivery, const params& p,
                                      std::span<const log_update> changes, std::span<write_outcome> out) {
    static const std::string sql =
        "UPDATE smstrack_logs l SET status = u.status, failure_type = u.failure_type, reason = u.reason, "
        "retries = u.retries, updated = u.updated, text = COALESCE(u.text, l.text), submitted = u.submitted, "
        "acked = u.acked, network = u.network, receipt_timed_out = u.receipt_timed_out FROM " +
        unnest_of(update_types, 2) + " AS u(" + std::string(update_columns) +
        ") WHERE l.delivery = $1 AND l.id = u.id AND l.status = u.expected RETURNING l.id";
    static const std::string present_sql =
        "SELECT id FROM smstrack_logs WHERE delivery = $1 AND id = ANY($2::bigint[])";
    auto res = conn.exec(sql, p);
    if (!res) return res.error();
    boost::unordered_flat_set<log_id> applied;
    for (int i = 0; i < res->rows(); ++i) applied.insert(static_cast<log_id>(res->row(i).int64(0)));
    std::vector<log_id> missed;
    for (std::size_t i = 0; i < changes.size(); ++i) {
      out[i] = write_outcome::applied;
      if (!applied.contains(changes[i].id)) missed.push_back(changes[i].id);
    }
    if (missed.empty()) return {};
    params lookup;
    lookup.int64(sql::stored(delivery));
    lookup.literal(id_array(missed));
    auto present = conn.exec(present_sql, lookup);
    if (!present) return present.error();
    boost::unordered_flat_set<log_id> stored;
    for (int i = 0; i < present->rows(); ++i) stored.insert(static_cast<log_id>(present->row(i).int64(0)));
    for (std::size_t i = 0; i < changes.size(); ++i) {
      if (applied.contains(changes[i].id)) continue;
      out[i] = stored.contains(changes[i].id) ? write_outcome::conflict : write_outcome::not_found;
    }
    return {};
  }

  // Acks: records provider ids too. Outcome 4 means another transaction recorded a provider id
  // meanwhile: the call is retried.
  static result<void> apply_recording_run(pg::connection& conn, const params& p, std::span<const log_update> changes,
                                          std::span<write_outcome> out) {
    // u: the changes, with the log's status before the statement and who owns the provider id
    // (0: nobody or no provider id, 1: this log, 2: another log), read by index per row.
    static const std::string sql =
        "WITH u AS (SELECT u.*, "
        "  (SELECT l.status FROM smstrack_logs l WHERE l.delivery = $1 AND l.id = u.id) AS before, "
        "  CASE WHEN u.provider_id IS NULL THEN 0 ELSE COALESCE((SELECT CASE WHEN p.delivery = $1 AND p.log_id = u.id "
        "    THEN 1 ELSE 2 END FROM smstrack_provider_ids p WHERE p.provider_id = u.provider_id), 0) END AS owner "
        "  FROM " + unnest_of(update_types, 2) + " AS u(" + std::string(update_columns) + ")), "
        "a AS (UPDATE smstrack_logs l SET status = u.status, failure_type = u.failure_type, reason = u.reason, "
        "  retries = u.retries, updated = u.updated, "
        "  provider_id = CASE WHEN u.owner = 0 THEN COALESCE(u.provider_id, l.provider_id) ELSE l.provider_id END, "
        "  text = COALESCE(u.text, l.text), submitted = u.submitted, acked = u.acked, network = u.network, "
        "  receipt_timed_out = u.receipt_timed_out "
        "  FROM u WHERE l.delivery = $1 AND l.id = u.id AND l.status = u.expected AND u.owner <> 2 "
        "  RETURNING l.id, (u.provider_id IS NOT NULL AND u.owner = 0) AS new_provider_id, u.provider_id), "
        "r AS (INSERT INTO smstrack_provider_ids (provider_id, delivery, log_id) "
        "  SELECT provider_id, $1, id FROM a WHERE new_provider_id ON CONFLICT (provider_id) DO NOTHING "
        "  RETURNING log_id) "
        "SELECT u.id, CASE WHEN a.id IS NOT NULL THEN (CASE WHEN a.new_provider_id AND r.log_id IS NULL THEN 4 ELSE 0 END) "
        "  WHEN u.before IS NULL THEN 1 WHEN u.before = u.expected AND u.owner = 2 THEN 3 ELSE 2 END "
        "FROM u LEFT JOIN a ON a.id = u.id LEFT JOIN r ON r.log_id = u.id";
    auto res = conn.exec(sql, p);
    if (!res) return res.error();
    boost::unordered_flat_map<log_id, write_outcome> outcomes;
    for (int i = 0; i < res->rows(); ++i) {
      const std::int64_t code = res->row(i).int64(1);
      if (code == 4) {
        return error{errc::storage_failure,
                     "PostgreSQL: a provider id was recorded by a concurrent transaction [SQLSTATE 40001]",
                     retry_hint::transient};
      }
      outcomes.emplace(static_cast<log_id>(res->row(i).int64(0)), static_cast<write_outcome>(code));
    }
    for (std::size_t i = 0; i < changes.size(); ++i) out[i] = outcomes.at(changes[i].id);
    return {};
  }

  static constexpr std::string_view update_types =
      "bigint smallint smallint smallint smallint integer bigint text text bigint bigint text smallint";
  static constexpr std::string_view update_columns =
      "id, expected, status, failure_type, reason, retries, updated, provider_id, text, submitted, acked, network, "
      "receipt_timed_out";

  template <class T, class Decode, class Id>
  result<void> read_each(delivery_id delivery, std::span<const log_id> ids, std::span<std::optional<T>> out,
                         const std::string& sql, Decode decode, Id id_of) {
    if (auto sizes = port_checks::output_matches(ids, out); !sizes) return sizes;
    params p;
    p.int64(sql::stored(delivery));
    p.literal(id_array(ids));
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto res = conn.exec(sql, p);
      if (!res) return res.error();
      auto rows = collect(*res, decode);
      if (!rows) return rows.error();
      boost::unordered_flat_map<log_id, const T*> by_id;
      for (const T& row : *rows) by_id.emplace(id_of(row), &row);
      for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto hit = by_id.find(ids[i]);
        out[i] = hit == by_id.end() ? std::nullopt : std::optional<T>(*hit->second);
      }
      return {};
    });
  }

  pg::pool& pool_;
};

// ---------------------------------------------------------------------------------------------

class pg_exclusions final : public exclusion_store {
 public:
  explicit pg_exclusions(pg::pool& pool) : pool_(pool) {}

  result<void> insert(delivery_id delivery, std::span<const exclusion_log> rows) override {
    static const std::string insert_sql =
        insert_unnested<exclusion_log>("smstrack_exclusions", "ON CONFLICT (delivery, id) DO NOTHING RETURNING id");
    static const std::string stored_sql =
        select_from(sql::columns<exclusion_log>(), "smstrack_exclusions", "WHERE delivery = $1 AND id = ANY($2::bigint[])");
    if (auto owned = port_checks::exclusions_owned_by(rows, delivery); !owned) return owned;
    if (rows.empty()) return {};
    const params values = as_arrays(rows);
    std::vector<log_id> ids;
    for (const exclusion_log& row : rows) ids.push_back(row.id);
    params lookup;
    lookup.int64(sql::stored(delivery));
    lookup.literal(id_array(ids));
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      if (auto inserted = conn.exec(insert_sql, values); !inserted) return inserted.error();
      // Every row of the batch must now equal the stored one (new, or an idempotent replay).
      auto res = conn.exec(stored_sql, lookup);
      if (!res) return res.error();
      auto stored = collect(*res, sql::row_reader<exclusion_log, row_view>);
      if (!stored) return stored.error();
      boost::unordered_flat_map<std::uint32_t, const exclusion_log*> by_id;
      for (const exclusion_log& row : *stored) by_id.emplace(row.id, &row);
      for (const exclusion_log& row : rows) {
        if (*by_id.at(row.id) != row) return port_checks::different_content("exclusion log", row.id);
      }
      return tx->commit();
    });
  }

  result<std::vector<exclusion_log>> page(delivery_id delivery, const exclusion_query& query) override {
    static const std::string sql =
        select_from(sql::columns<exclusion_log>(), "smstrack_exclusions",
                    "WHERE delivery = $1 AND ($2::smallint IS NULL OR reason = $2) AND id > $3 ORDER BY id LIMIT $4");
    params p;
    p.int64(sql::stored(delivery));
    if (query.reason) p.int64(sql::stored(*query.reason)); else p.null();
    p.int64(query.after);
    p.int64(sql::stored(query.limit));
    return fetch_all(pool_, sql, p, sql::row_reader<exclusion_log, row_view>);
  }

  result<void> set_rules(delivery_id delivery, std::span<const exclusion_rule> rules) override {
    static const std::string insert_sql =
        "INSERT INTO smstrack_exclusion_rules (delivery, position, rule, reason) "
        "SELECT $1, ordinality, rule, reason FROM unnest($2::text[], $3::smallint[]) WITH ORDINALITY AS r(rule, reason)";
    if (auto named = port_checks::rules_named(rules); !named) return named;
    array_builder names;
    array_builder reasons;
    for (const exclusion_rule& rule : rules) {
      names.text(rule.rule);
      reasons.int64(sql::stored(rule.reason));
    }
    params p;
    p.int64(sql::stored(delivery));
    p.literal(std::move(names).finish());
    p.literal(std::move(reasons).finish());
    params just_delivery;
    just_delivery.int64(sql::stored(delivery));
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      if (auto cleared = conn.exec("DELETE FROM smstrack_exclusion_rules WHERE delivery = $1", just_delivery); !cleared) {
        return cleared.error();
      }
      if (auto inserted = conn.exec(insert_sql, p); !inserted) return inserted.error();
      return tx->commit();
    });
  }

  result<std::vector<exclusion_cause>> causes(delivery_id delivery) override {
    params p;
    p.int64(sql::stored(delivery));
    auto declared = fetch_all(pool_, std::string(sql::declared_rules_query), p, sql::row_reader<exclusion_rule, row_view>);
    if (!declared) return declared.error();
    auto counted = fetch_all(pool_, std::string(sql::causes_query), p, sql::row_reader<exclusion_cause, row_view>);
    if (!counted) return counted.error();
    return merge_causes(*declared, *counted);
  }

  result<std::uint64_t> erase(delivery_id delivery) override {
    params p;
    p.int64(sql::stored(delivery));
    return with_connection(pool_, [&](pg::connection& conn) -> result<std::uint64_t> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      if (auto rules = conn.exec("DELETE FROM smstrack_exclusion_rules WHERE delivery = $1", p); !rules) {
        return rules.error();
      }
      auto res = conn.exec("DELETE FROM smstrack_exclusions WHERE delivery = $1", p);
      if (!res) return res.error();
      if (auto committed = tx->commit(); !committed) return committed.error();
      return res->affected();
    });
  }

 private:
  pg::pool& pool_;
};

// ---------------------------------------------------------------------------------------------

class pg_quarantine final : public quarantine_store {
 public:
  explicit pg_quarantine(pg::pool& pool) : pool_(pool) {}

  result<void> upsert(std::span<const quarantine_entry> entries) override {
    if (auto keyed = port_checks::quarantine_keys_present(entries); !keyed) return keyed;
    if (entries.empty()) return {};
    return with_connection(pool_, [&](pg::connection& conn) { return upsert_on(conn, entries); });
  }

  // The upsert on `conn` (in the caller's transaction, if any).
  static result<void> upsert_on(pg::connection& conn, std::span<const quarantine_entry> entries) {
    static const std::string sql =
        insert_unnested<quarantine_entry>("smstrack_quarantine", sql::layout<quarantine_entry>().upsert());
    return upsert_latest_on(conn, sql, entries,
                            [](const quarantine_entry& e) { return std::pair(e.address.digits(), e.short_code); });
  }

  result<void> get(std::span<const quarantine_key> keys, std::span<std::optional<quarantine_entry>> out) override {
    static const std::string sql =
        select_from(sql::columns<quarantine_entry>(), "smstrack_quarantine",
                    "WHERE (address, short_code) IN (SELECT * FROM " + unnest_of("bigint text") + ")");
    if (auto sizes = port_checks::output_matches(keys, out); !sizes) return sizes;
    array_builder addresses, short_codes;
    for (const quarantine_key& key : keys) {
      addresses.int64(sql::stored(key.address.digits()));
      short_codes.text(key.short_code);
    }
    params p;
    p.literal(std::move(addresses).finish());
    p.literal(std::move(short_codes).finish());
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto res = conn.exec(sql, p);
      if (!res) return res.error();
      auto rows = collect(*res, sql::row_reader<quarantine_entry, row_view>);
      if (!rows) return rows.error();
      std::map<std::pair<std::uint64_t, std::string>, const quarantine_entry*> by_key;
      for (const quarantine_entry& e : *rows) by_key.emplace(std::pair(e.address.digits(), e.short_code), &e);
      for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto hit = by_key.find(std::pair(keys[i].address.digits(), keys[i].short_code));
        out[i] = hit == by_key.end() ? std::nullopt : std::optional<quarantine_entry>(*hit->second);
      }
      return {};
    });
  }

  result<std::vector<quarantine_entry>> page(const quarantine_query& query) override {
    static const std::string sql = select_from(
        sql::columns<quarantine_entry>(), "smstrack_quarantine",
        "WHERE (address, short_code) > ($1, $2) AND ($3::smallint IS NULL OR status = $3) "
        "ORDER BY address, short_code LIMIT $4");
    params p;
    p.int64(query.after ? sql::stored(query.after->address.digits()) : -1);
    p.text(query.after ? std::string_view(query.after->short_code) : std::string_view{});
    if (query.status) p.int64(sql::stored(*query.status)); else p.null();
    p.int64(sql::stored(query.limit));
    return fetch_all(pool_, sql, p, sql::row_reader<quarantine_entry, row_view>);
  }

  result<std::uint64_t> count_quarantined_by(delivery_id delivery) override {
    params p;
    p.int64(sql::stored(delivery));
    p.int64(sql::stored(quarantine_status::quarantine));
    p.int64(sql::stored(quarantine_status::denylisted));
    return with_connection(pool_, [&](pg::connection& conn) -> result<std::uint64_t> {
      auto res = conn.exec("SELECT count(*) FROM smstrack_quarantine WHERE quarantined_by = $1 AND status IN ($2, $3)", p);
      if (!res) return res.error();
      return static_cast<std::uint64_t>(res->row(0).int64(0));
    });
  }

 private:
  pg::pool& pool_;
};

// ---------------------------------------------------------------------------------------------

class pg_qualification final : public qualification_store {
 public:
  explicit pg_qualification(pg::pool& pool) : pool_(pool) {}

  result<void> upsert(std::span<const qualification_entry> entries) override {
    static const std::string sql =
        insert_unnested<qualification_entry>("smstrack_qualification", sql::layout<qualification_entry>().upsert());
    if (auto keyed = port_checks::qualification_keys_present(entries); !keyed) return keyed;
    return upsert_latest(pool_, sql, entries, [](const qualification_entry& e) { return e.key; });
  }

  result<void> record(std::span<const qualification_occurrence> items, std::uint32_t cap,
                      std::span<qualification_entry> out) override {
    if (auto sizes = port_checks::output_matches(items, out); !sizes) return sizes;
    if (auto keyed = port_checks::qualification_keys_present(items); !keyed) return keyed;
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      if (auto recorded = record_on(conn, items, cap, out); !recorded) return recorded;
      return tx->commit();
    });
  }

  // The counting of `record` on `conn`, in the caller's transaction; out may be empty.
  static result<void> record_on(pg::connection& conn, std::span<const qualification_occurrence> items,
                                std::uint32_t cap, std::span<qualification_entry> out) {
    const auto runs = independent_runs(items.size(), [&](std::size_t i) {
      return std::pair(std::optional<std::uint64_t>(), std::string_view(items[i].provision.key));
    });
    for (const auto& [begin, end] : runs) {
      const auto run_out = out.empty() ? out : out.subspan(begin, end - begin);
      if (auto recorded = record_run(conn, items.subspan(begin, end - begin), cap, run_out); !recorded) return recorded;
    }
    return {};
  }

  result<void> get(std::span<const std::string_view> keys, std::span<std::optional<qualification_entry>> out) override {
    static const std::string sql =
        select_from(sql::columns<qualification_entry>(), "smstrack_qualification", "WHERE qualification_key = ANY($1::text[])");
    if (auto sizes = port_checks::output_matches(keys, out); !sizes) return sizes;
    array_builder wanted;
    for (const std::string_view key : keys) wanted.text(key);
    params p;
    p.literal(std::move(wanted).finish());
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto res = conn.exec(sql, p);
      if (!res) return res.error();
      auto rows = collect(*res, sql::row_reader<qualification_entry, row_view>);
      if (!rows) return rows.error();
      boost::unordered_flat_map<std::string_view, const qualification_entry*> by_key;
      for (const qualification_entry& e : *rows) by_key.emplace(e.key, &e);
      for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto hit = by_key.find(keys[i]);
        out[i] = hit == by_key.end() ? std::nullopt : std::optional<qualification_entry>(*hit->second);
      }
      return {};
    });
  }

  result<std::vector<qualification_entry>> page(std::string_view after, std::size_t limit) override {
    static const std::string sql = select_from(sql::columns<qualification_entry>(), "smstrack_qualification",
                                               "WHERE qualification_key > $1 ORDER BY qualification_key LIMIT $2");
    params p;
    p.text(after);
    p.int64(sql::stored(limit));
    return fetch_all(pool_, sql, p, sql::row_reader<qualification_entry, row_view>);
  }

 private:
  static result<void> record_run(pg::connection& conn, std::span<const qualification_occurrence> items,
                                 std::uint32_t cap, std::span<qualification_entry> out) {
    static const std::string sql =
        "INSERT INTO smstrack_qualification AS q (" + sql::columns<qualification_entry>() + ") SELECT * FROM " +
        unnest_of(element_types<qualification_entry>(), 2) +
        " ON CONFLICT (qualification_key) DO UPDATE SET occurrences = LEAST(q.occurrences + excluded.occurrences, $1), "
        "last_modified = excluded.last_modified RETURNING " + sql::columns<qualification_entry>();
    std::vector<qualification_entry> provisions;
    for (const qualification_occurrence& item : items) {
      provisions.push_back(item.provision);
      provisions.back().occurrences = std::min(item.count, cap);
    }
    params p;
    p.int64(cap);
    column_arrays arrays(sql::layout<qualification_entry>().size());
    for (const qualification_entry& e : provisions) {
      sql::write_row(arrays, e);
      arrays.end_row();
    }
    std::move(arrays).append_to(p);
    auto res = conn.exec(sql, p);
    if (!res) return res.error();
    auto rows = collect(*res, sql::row_reader<qualification_entry, row_view>);
    if (!rows) return rows.error();
    boost::unordered_flat_map<std::string_view, const qualification_entry*> by_key;
    for (const qualification_entry& e : *rows) by_key.emplace(e.key, &e);
    if (out.empty()) return {};
    for (std::size_t i = 0; i < items.size(); ++i) out[i] = *by_key.at(items[i].provision.key);
    return {};
  }

  pg::pool& pool_;
};

// ---------------------------------------------------------------------------------------------

// Ids for rows the store numbers (clicks, audit events): `count` values of `sequence`,
// ascending, so that ids ascend in call order.
result<std::vector<event_id>> next_ids(pg::connection& conn, const std::string& sequence, std::size_t count) {
  params p;
  p.int64(sql::stored(count));
  auto res = conn.exec("SELECT nextval('" + sequence + "') FROM generate_series(1, $1::bigint)", p);
  if (!res) return res.error();
  std::vector<event_id> ids;
  for (int i = 0; i < res->rows(); ++i) ids.push_back(static_cast<event_id>(res->row(i).int64(0)));
  std::sort(ids.begin(), ids.end());
  return ids;
}

// "INSERT INTO <table> (id, <the other columns>) SELECT * FROM unnest(...)": rows of a table
// whose ids insert_with_ids takes from a sequence.
template <class Row>
std::string insert_with_ids_sql(std::string_view table) {
  return "INSERT INTO " + std::string(table) + " (id, " + sql::layout<Row>().list(sql::assigned<Row>()) +
         ") SELECT * FROM " + unnest_of("bigint " + element_types<Row>(sql::assigned<Row>()));
}

// Inserts rows whose ids come from `sequence` (in the caller's transaction) with `sql`, an
// insert_with_ids_sql<Row>. Returns the ids, ascending in row order.
template <class Row>
result<std::vector<event_id>> insert_with_ids(pg::connection& conn, const std::string& sql, const std::string& sequence,
                                              std::span<const Row> rows) {
  auto ids = next_ids(conn, sequence, rows.size());
  if (!ids) return ids.error();
  column_arrays arrays(sql::layout<Row>().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    arrays.int64(sql::stored((*ids)[i]));
    sql::write_row(arrays, rows[i], sql::assigned<Row>());
    arrays.end_row();
  }
  params values;
  std::move(arrays).append_to(values);
  if (auto inserted = conn.exec(sql, values); !inserted) return inserted.error();
  return ids;
}

class pg_tracking final : public tracking_store {
 public:
  explicit pg_tracking(pg::pool& pool) : pool_(pool) {}

  static const std::string& insert_urls_sql() {
    static const std::string sql = insert_unnested<tracked_url>("smstrack_urls", sql::layout<tracked_url>().upsert());
    return sql;
  }

  result<void> upsert_urls(delivery_id delivery, std::span<const tracked_url> urls) override {
    const std::string& sql = insert_urls_sql();
    if (auto owned = port_checks::urls_owned_by(urls, delivery); !owned) return owned;
    if (urls.empty()) return {};
    const auto latest = last_per_key(urls, [](const tracked_url& u) { return u.id; });
    const params p = as_arrays(std::span<const tracked_url>(latest));
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto res = conn.exec(sql, p);
      if (!res) return res.error();
      return {};
    });
  }

  result<void> replace_urls(delivery_id delivery, std::span<const tracked_url> urls) override {
    if (auto owned = port_checks::urls_owned_by(urls, delivery); !owned) return owned;
    const auto latest = last_per_key(urls, [](const tracked_url& u) { return u.id; });
    const params rows = as_arrays(std::span<const tracked_url>(latest));
    params just_delivery;
    just_delivery.int64(sql::stored(delivery));
    return with_connection(pool_, [&](pg::connection& conn) -> result<void> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      if (auto cleared = conn.exec("DELETE FROM smstrack_urls WHERE delivery = $1", just_delivery); !cleared) {
        return cleared.error();
      }
      if (!latest.empty()) {
        if (auto inserted = conn.exec(insert_urls_sql(), rows); !inserted) return inserted.error();
      }
      return tx->commit();
    });
  }

  result<std::vector<tracked_url>> urls(delivery_id delivery) override {
    static const std::string sql = select_from(sql::columns<tracked_url>(), "smstrack_urls", "WHERE delivery = $1 ORDER BY id");
    params p;
    p.int64(sql::stored(delivery));
    return fetch_all(pool_, sql, p, sql::row_reader<tracked_url, row_view>);
  }

  result<std::vector<event_id>> add_clicks(std::span<const click> clicks) override {
    if (clicks.empty()) return std::vector<event_id>{};
    return with_connection(pool_, [&](pg::connection& conn) -> result<std::vector<event_id>> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      auto ids = add_on(conn, clicks);
      if (!ids) return ids.error();
      if (auto committed = tx->commit(); !committed) return committed.error();
      return std::move(*ids);
    });
  }

  // The clicks of `add_clicks`, in the transaction open on `conn`: their ids.
  static result<std::vector<event_id>> add_on(pg::connection& conn, std::span<const click> clicks) {
    static const std::string unregistered_sql =
        "SELECT c.d, c.u FROM " + unnest_of("bigint bigint") +
        " AS c(d, u) WHERE NOT EXISTS (SELECT 1 FROM smstrack_urls WHERE delivery = c.d AND id = c.u) LIMIT 1";
    static const std::string insert_sql = insert_with_ids_sql<click>("smstrack_clicks");
    if (clicks.empty()) return std::vector<event_id>{};
    array_builder deliveries, urls;
    for (const click& c : clicks) {
      deliveries.int64(sql::stored(c.delivery));
      urls.int64(c.url);
    }
    params check;
    check.literal(std::move(deliveries).finish());
    check.literal(std::move(urls).finish());
    auto missing = conn.exec(unregistered_sql, check);
    if (!missing) return missing.error();
    if (missing->rows() > 0) {
      return port_checks::unregistered_url(static_cast<url_id>(missing->row(0).int64(1)),
                                           static_cast<delivery_id>(missing->row(0).int64(0)));
    }
    return insert_with_ids(conn, insert_sql, "smstrack_click_ids", clicks);
  }

  result<std::vector<click>> clicks(delivery_id delivery, event_id after, std::size_t limit) override {
    static const std::string sql =
        select_from(sql::columns<click>(), "smstrack_clicks", "WHERE delivery = $1 AND id > $2 ORDER BY id LIMIT $3");
    params p;
    p.int64(sql::stored(delivery));
    p.int64(sql::stored(after));
    p.int64(sql::stored(limit));
    return fetch_all(pool_, sql, p, sql::row_reader<click, row_view>);
  }

  result<std::vector<url_click_count>> click_counts(delivery_id delivery) override {
    params p;
    p.int64(sql::stored(delivery));
    return fetch_all(pool_, std::string(sql::click_counts_query), p, sql::row_reader<url_click_count, row_view>);
  }

  result<std::uint64_t> distinct_human_clickers(delivery_id delivery, std::span<const url_id> urls) override {
    array_builder wanted;
    for (const url_id url : urls) wanted.int64(url);
    params p;
    p.int64(sql::stored(delivery));
    p.literal(std::move(wanted).finish());
    return with_connection(pool_, [&](pg::connection& conn) -> result<std::uint64_t> {
      auto res = conn.exec(
          "SELECT count(DISTINCT log_id) FROM smstrack_clicks WHERE delivery = $1 AND kind = 0 "
          "AND url_id = ANY($2::bigint[])",
          p);
      if (!res) return res.error();
      return static_cast<std::uint64_t>(res->row(0).int64(0));
    });
  }

 private:
  pg::pool& pool_;
};

// ---------------------------------------------------------------------------------------------

class pg_audit final : public audit_store {
 public:
  explicit pg_audit(pg::pool& pool) : pool_(pool) {}

  result<std::vector<event_id>> append(std::span<const audit_event> events) override {
    if (events.empty()) return std::vector<event_id>{};
    return with_connection(pool_, [&](pg::connection& conn) -> result<std::vector<event_id>> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      auto ids = append_on(conn, events);
      if (!ids) return ids.error();
      if (auto committed = tx->commit(); !committed) return committed.error();
      return std::move(*ids);
    });
  }

  // The lines of `append` on `conn`, in the caller's transaction; their ids.
  static result<std::vector<event_id>> append_on(pg::connection& conn, std::span<const audit_event> events) {
    static const std::string sql = insert_with_ids_sql<audit_event>("smstrack_audit");
    if (events.empty()) return std::vector<event_id>{};
    return insert_with_ids(conn, sql, "smstrack_event_ids", events);
  }

  result<std::vector<audit_event>> query(delivery_id delivery, const audit_query& q) override {
    static const std::string sql = select_from(
        sql::columns<audit_event>(), "smstrack_audit",
        "WHERE delivery = $1 AND severity >= $2 AND ($3::bigint IS NULL OR event_time >= $3) "
        "AND ($4::bigint IS NULL OR event_time < $4) AND ($5::bigint IS NULL OR (event_time, id) < ($5, $6)) "
        "ORDER BY event_time DESC, id DESC LIMIT $7");
    params p;
    p.int64(sql::stored(delivery));
    p.int64(sql::stored(q.min_severity));
    sql::write_value(p, q.from);
    sql::write_value(p, q.to);
    sql::write_value(p, q.before ? std::optional<timestamp>(q.before->time) : std::nullopt);
    p.int64(q.before ? sql::stored(q.before->id) : 0);
    p.int64(sql::stored(q.limit));
    return fetch_all(pool_, sql, p, sql::row_reader<audit_event, row_view>);
  }

 private:
  pg::pool& pool_;
};

// ---------------------------------------------------------------------------------------------
// Opening and migrating

// An arbitrary constant: the advisory lock that serializes smstrack migrations.
constexpr std::int64_t migration_lock = 0x736d7374726b;

result<int> stored_schema_version(pg::connection& conn) {
  auto exists = conn.exec("SELECT to_regclass('smstrack_schema') IS NOT NULL");
  if (!exists) return exists.error();
  if (exists->row(0).text(0) != "t") return 0;
  auto version = conn.exec("SELECT version FROM smstrack_schema");
  if (!version) return version.error();
  return version->rows() == 0 ? 0 : static_cast<int>(version->row(0).int64(0));
}

result<void> migrate(pg::connection& conn, int target) {
  auto tx = transaction::begin(conn);
  if (!tx) return tx.error();
  if (auto locked = conn.command("SELECT pg_advisory_xact_lock(" + std::to_string(migration_lock) + ")"); !locked) {
    return locked;
  }
  auto current = stored_schema_version(conn);
  if (!current) return current.error();
  for (int version = *current + 1; version <= target; ++version) {
    if (auto applied = conn.command(std::string(pg::migrations[static_cast<std::size_t>(version - 1)])); !applied) {
      return applied;
    }
  }
  if (*current < target) {
    const std::string record = *current == 0 ? "CREATE TABLE smstrack_schema (version integer NOT NULL); "
                                               "INSERT INTO smstrack_schema (version) VALUES (" +
                                                   std::to_string(target) + ")"
                                             : "UPDATE smstrack_schema SET version = " + std::to_string(target);
    if (auto recorded = conn.command(record); !recorded) return recorded;
  }
  return tx->commit();
}

result<void> ensure_schema_namespace(const postgres_options& options) {
  if (options.schema.empty()) return {};
  auto conn = pg::connection::open(options.conninfo, {});
  if (!conn) return conn.error();
  return (*conn)->command("CREATE SCHEMA IF NOT EXISTS " + (*conn)->quote_identifier(options.schema));
}

}  // namespace

class pg_replies final : public reply_store {
 public:
  explicit pg_replies(pg::pool& pool) : pool_(pool) {}

  result<std::vector<event_id>> append(std::span<const reply_record> replies) override {
    if (auto addressed = port_checks::replies_addressed(replies); !addressed) return addressed.error();
    if (replies.empty()) return std::vector<event_id>{};
    return with_connection(pool_, [&](pg::connection& conn) -> result<std::vector<event_id>> {
      auto tx = transaction::begin(conn);
      if (!tx) return tx.error();
      auto ids = append_on(conn, replies);
      if (!ids) return ids.error();
      if (auto committed = tx->commit(); !committed) return committed.error();
      return std::move(*ids);
    });
  }

  // The replies of `append`, in the transaction open on `conn`: their ids.
  static result<std::vector<event_id>> append_on(pg::connection& conn, std::span<const reply_record> replies) {
    static const std::string sql = insert_with_ids_sql<reply_record>("smstrack_replies");
    if (replies.empty()) return std::vector<event_id>{};
    return insert_with_ids(conn, sql, "smstrack_reply_ids", replies);
  }

  result<std::vector<reply_record>> page(const reply_query& query) override {
    static const std::string sql = select_from(
        sql::columns<reply_record>(), "smstrack_replies", "WHERE ($1::bigint IS NULL OR delivery = $1) AND id > $2 ORDER BY id LIMIT $3");
    params p;
    sql::write_value(p, query.delivery);
    p.int64(sql::stored(query.after));
    p.int64(sql::stored(query.limit));
    return fetch_all(pool_, sql, p, sql::row_reader<reply_record, row_view>);
  }

  result<std::uint64_t> count_opt_outs(delivery_id delivery) override {
    params p;
    p.int64(sql::stored(delivery));
    p.int64(sql::stored(reply_action::send_to_quarantine));
    return with_connection(pool_, [&](pg::connection& conn) -> result<std::uint64_t> {
      auto res = conn.exec("SELECT count(*) FROM smstrack_replies WHERE delivery = $1 AND action = $2", p);
      if (!res) return res.error();
      return static_cast<std::uint64_t>(res->row(0).int64(0));
    });
  }

 private:
  pg::pool& pool_;
};

struct postgres_store::parts {
  parts(const postgres_options& options) : pool(options.conninfo, options.schema, options.pool_size) {}
  pg::pool pool;
  int schema_version = 0;
  pg_deliveries deliveries{pool};
  pg_logs logs{pool};
  pg_exclusions exclusions{pool};
  pg_quarantine quarantine{pool};
  pg_qualification qualification{pool};
  pg_tracking tracking{pool};
  pg_audit audit{pool};
  pg_replies replies{pool};
};

// One transaction on one connection for the whole unit: the log updates first (the gate), then
// the rest; anything refused rolls it back. A transient conflict between concurrent
// transactions runs the unit again (with_connection).
result<commit_status> postgres_store::commit(const unit_of_work& unit, std::span<write_outcome> outcomes) {
  if (auto checked = check_unit(unit, outcomes); !checked) return checked.error();
  return with_connection(parts_->pool, [&](pg::connection& conn) -> result<commit_status> {
    auto tx = transaction::begin(conn);
    if (!tx) return tx.error();
    if (!unit.logs.empty()) {
      auto all_applied = pg_logs::update_on(conn, unit.delivery, unit.logs, outcomes);
      if (!all_applied) return all_applied.error();
      if (!*all_applied) return commit_status::logs_refused;
    }
    if (unit.record != nullptr) {
      if (auto saved = pg_deliveries::update_on(conn, *unit.record); !saved) return saved.error();
    }
    if (auto recorded = pg_qualification::record_on(conn, unit.occurrences, unit.occurrence_cap, {}); !recorded) {
      return recorded.error();
    }
    if (auto upserted = pg_quarantine::upsert_on(conn, unit.quarantine); !upserted) return upserted.error();
    if (auto appended = pg_audit::append_on(conn, unit.journal); !appended) return appended.error();
    auto click_ids = pg_tracking::add_on(conn, unit.clicks);
    if (!click_ids) return click_ids.error();
    auto reply_ids = pg_replies::append_on(conn, unit.replies);
    if (!reply_ids) return reply_ids.error();
    if (auto committed = tx->commit(); !committed) return committed.error();
    std::copy(click_ids->begin(), click_ids->end(), unit.click_ids.begin());
    std::copy(reply_ids->begin(), reply_ids->end(), unit.reply_ids.begin());
    return commit_status::committed;
  });
}

result<std::unique_ptr<postgres_store>> postgres_store::open(const postgres_options& options) {
  if (options.conninfo.empty()) return error{errc::invalid_settings, "postgres_options.conninfo is empty"};
  if (options.pool_size == 0) return error{errc::invalid_settings, "postgres_options.pool_size is 0"};
  if (options.schema_version < 0 || options.schema_version > latest_schema_version) {
    return error{errc::invalid_settings, "postgres_options.schema_version " + std::to_string(options.schema_version) +
                                             " is not between 0 and " + std::to_string(latest_schema_version)};
  }
  if (auto created = ensure_schema_namespace(options); !created) return created.error();
  auto opened = std::make_unique<parts>(options);
  auto conn = opened->pool.acquire();
  if (!conn) return conn.error();
  auto stored = stored_schema_version(**conn);
  if (!stored) return stored.error();
  if (*stored > latest_schema_version) {
    return error{errc::storage_failure, "the database has schema version " + std::to_string(*stored) +
                                            ", newer than the " + std::to_string(latest_schema_version) +
                                            " this smstrack knows; upgrade smstrack to open it"};
  }
  const int target = options.schema_version == 0 ? latest_schema_version : options.schema_version;
  if (*stored < target) {
    if (auto migrated = migrate(**conn, target); !migrated) return migrated.error();
  }
  opened->schema_version = std::max(*stored, target);
  return std::unique_ptr<postgres_store>(new postgres_store(std::move(opened)));
}

postgres_store::postgres_store(std::unique_ptr<parts> opened) : parts_(std::move(opened)) {}
postgres_store::~postgres_store() = default;

int postgres_store::schema_version() const noexcept { return parts_->schema_version; }

delivery_store& postgres_store::deliveries() { return parts_->deliveries; }
log_store& postgres_store::logs() { return parts_->logs; }
exclusion_store& postgres_store::exclusions() { return parts_->exclusions; }
quarantine_store& postgres_store::quarantine() { return parts_->quarantine; }
qualification_store& postgres_store::qualification() { return parts_->qualification; }
tracking_store& postgres_store::tracking() { return parts_->tracking; }
audit_store& postgres_store::audit() { return parts_->audit; }
reply_store& postgres_store::replies() { return parts_->replies; }

SMSTRACK_END_NAMESPACE

// How every record is laid out in a SQL row, shared by the SQLite and PostgreSQL adapters: the
// column lists (in order), how a record is written into a statement's parameters and how a
// row is read back, with every stored value checked (a row a program outside smstrack damaged
// is a storage_failure naming the table and column, never an out-of-range enum).
//
// A `Writer` has int64(v), text(s) and null(); a `Reader` has is_null(i), int64(i) and text(i)
// for column i. Timestamps are Unix milliseconds, enums their numeric values, E.164 numbers
// their digits, and unsigned 64-bit values are stored in two's complement.
#pragma once

#include <smstrack/error.hpp>
#include <smstrack/model/audit_event.hpp>
#include <smstrack/model/delivery.hpp>
#include <smstrack/model/delivery_log.hpp>
#include <smstrack/model/exclusion_log.hpp>
#include <smstrack/model/qualification.hpp>
#include <smstrack/model/quarantine.hpp>
#include <smstrack/model/reply.hpp>
#include <smstrack/model/tracking.hpp>
#include <smstrack/ports/exclusion_store.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

SMSTRACK_BEGIN_NAMESPACE
namespace sql {

inline constexpr std::string_view delivery_columns =
    "id, revision, label, content, sender, approval, validity_ms, connector, short_code, state, created, "
    "last_modified, analysed, started, started_by, validity_end, finished, initial_population, rejected, "
    "max_parts, transliterate, latin1, tracking_host, messages_gsm7, messages_latin1, messages_ucs2, "
    "message_parts, longest_message";
inline constexpr int delivery_column_count = 28;

/// "label = <p1>, content = <p2>, ...": an assignment of each column write_delivery_body writes
/// (every delivery column but id and revision); placeholder(i) names the i-th parameter (1-based).
template <class Placeholder>
std::string delivery_assignments(Placeholder placeholder) {
  std::string out;
  std::string_view columns = delivery_columns.substr(delivery_columns.find("label"));
  for (int i = 1; !columns.empty(); ++i) {
    const std::size_t comma = columns.find(", ");
    if (!out.empty()) out += ", ";
    out.append(columns.substr(0, comma));
    out += " = " + placeholder(i);
    columns = comma == std::string_view::npos ? std::string_view{} : columns.substr(comma + 2);
  }
  return out;
}
inline constexpr std::string_view log_columns =
    "delivery, id, recipient, address, seed, status, failure_type, reason, retries, updated, provider_id, text";
inline constexpr int log_column_count = 12;
inline constexpr std::string_view digest_columns = "id, status, failure_type, reason, seed, retries, updated, address";
inline constexpr std::string_view exclusion_columns =
    "delivery, id, recipient, address, reason, rule, text, excluded_at";
inline constexpr int exclusion_column_count = 8;
inline constexpr std::string_view quarantine_columns =
    "address, short_code, status, error_count, last_error_reason, last_error_text, last_significant_error, "
    "created, updated, last_delivery, quarantined_by";
inline constexpr int quarantine_column_count = 11;
inline constexpr std::string_view qualification_columns =
    "qualification_key, failure_type, reason, status, occurrences, first_text, last_modified";
inline constexpr int qualification_column_count = 7;
inline constexpr std::string_view url_columns = "delivery, id, label, url_type, mode, source_url";
inline constexpr int url_column_count = 6;
inline constexpr std::string_view click_columns = "delivery, id, log_id, url_id, clicked_at, user_agent";
inline constexpr std::string_view audit_columns = "delivery, id, event_time, severity, code, message, details";
inline constexpr std::string_view reply_columns = "id, received, address, short_code, text, rule, action, delivery";

// Statements both dialects run as they are ($1 is a parameter in SQLite too).
inline constexpr std::string_view quarantine_upsert =
    "ON CONFLICT (address, short_code) DO UPDATE SET status = excluded.status, error_count = excluded.error_count, "
    "last_error_reason = excluded.last_error_reason, last_error_text = excluded.last_error_text, "
    "last_significant_error = excluded.last_significant_error, created = excluded.created, "
    "updated = excluded.updated, last_delivery = excluded.last_delivery, quarantined_by = excluded.quarantined_by";
inline constexpr std::string_view qualification_upsert =
    "ON CONFLICT (qualification_key) DO UPDATE SET failure_type = excluded.failure_type, reason = excluded.reason, "
    "status = excluded.status, occurrences = excluded.occurrences, first_text = excluded.first_text, "
    "last_modified = excluded.last_modified";
inline constexpr std::string_view url_upsert =
    "ON CONFLICT (delivery, id) DO UPDATE SET label = excluded.label, url_type = excluded.url_type, "
    "mode = excluded.mode, source_url = excluded.source_url";
inline constexpr std::string_view causes_query =
    "SELECT rule, reason, count(*) FROM smstrack_exclusions WHERE delivery = $1 "
    "GROUP BY rule, reason ORDER BY rule, reason";
inline constexpr std::string_view declared_rules_query =
    "SELECT rule, reason FROM smstrack_exclusion_rules WHERE delivery = $1 ORDER BY position";
inline constexpr std::string_view click_counts_query =
    "SELECT u.id, count(c.id), count(DISTINCT c.log_id) FROM smstrack_urls u "
    "LEFT JOIN smstrack_clicks c ON c.delivery = u.delivery AND c.url_id = u.id "
    "WHERE u.delivery = $1 GROUP BY u.id ORDER BY u.id";

inline std::int64_t stored(std::uint64_t v) noexcept { return static_cast<std::int64_t>(v); }
inline std::int64_t stored(timestamp t) noexcept { return to_unix_ms(t); }
template <class E>
  requires std::is_enum_v<E>
std::int64_t stored(E e) noexcept {
  return static_cast<std::int64_t>(e);
}

// ---------------------------------------------------------------------------------------------
// Writing

template <class Writer>
void write_optional_text(Writer& w, const std::optional<std::string>& text) {
  if (text) {
    w.text(*text);
  } else {
    w.null();
  }
}

template <class Writer>
void write_optional_time(Writer& w, const std::optional<timestamp>& time) {
  if (time) {
    w.int64(stored(*time));
  } else {
    w.null();
  }
}

template <class Writer>
void write_optional_id(Writer& w, const std::optional<delivery_id>& id) {
  if (id) {
    w.int64(stored(*id));
  } else {
    w.null();
  }
}

/// Writes every delivery column but the id (the store assigns it) and the revision.
template <class Writer>
void write_delivery_body(Writer& w, const delivery& d) {
  w.text(d.label);
  w.text(d.content);
  w.text(d.sender);
  w.int64(stored(d.settings.approval));
  w.int64(d.settings.validity.count());
  w.text(d.settings.connector);
  w.text(d.settings.short_code);
  w.int64(stored(d.state));
  w.int64(stored(d.created));
  w.int64(stored(d.last_modified));
  write_optional_time(w, d.analysed);
  write_optional_time(w, d.started);
  write_optional_text(w, d.started_by);
  write_optional_time(w, d.validity_end);
  write_optional_time(w, d.finished);
  w.int64(stored(d.initial_population));
  w.int64(stored(d.rejected));
  w.int64(d.settings.max_parts);
  w.int64(d.settings.transliterate ? 1 : 0);
  w.int64(d.settings.latin1 ? 1 : 0);
  w.text(d.settings.tracking_host);
  w.int64(stored(d.messages.gsm7));
  w.int64(stored(d.messages.latin1));
  w.int64(stored(d.messages.ucs2));
  w.int64(stored(d.messages.parts));
  w.int64(stored(d.messages.longest));
}

/// The provider id column: NULL for none (an empty provider id is none).
template <class Writer>
void write_provider_id(Writer& w, const std::optional<std::string>& provider_id) {
  if (provider_id && !provider_id->empty()) {
    w.text(*provider_id);
  } else {
    w.null();
  }
}

template <class Writer>
void write_log(Writer& w, const delivery_log& log) {
  w.int64(stored(log.delivery));
  w.int64(log.id);
  w.int64(stored(log.recipient));
  w.int64(stored(log.address.digits()));
  w.int64(log.seed ? 1 : 0);
  w.int64(stored(log.status));
  w.int64(stored(log.type));
  w.int64(stored(log.reason));
  w.int64(log.retries);
  w.int64(stored(log.updated));
  write_provider_id(w, log.provider_id);
  write_optional_text(w, log.text);
}

template <class Writer>
void write_exclusion(Writer& w, const exclusion_log& row) {
  w.int64(stored(row.delivery));
  w.int64(row.id);
  w.int64(stored(row.recipient));
  w.text(row.address);
  w.int64(stored(row.reason));
  w.text(row.rule);
  w.text(row.text);
  w.int64(stored(row.time));
}

template <class Writer>
void write_quarantine(Writer& w, const quarantine_entry& e) {
  w.int64(stored(e.address.digits()));
  w.text(e.short_code);
  w.int64(stored(e.status));
  w.int64(e.error_count);
  w.int64(stored(e.last_error_reason));
  write_optional_text(w, e.last_error_text);
  write_optional_time(w, e.last_significant_error);
  w.int64(stored(e.created));
  w.int64(stored(e.updated));
  write_optional_id(w, e.last_delivery);
  write_optional_id(w, e.quarantined_by);
}

template <class Writer>
void write_qualification(Writer& w, const qualification_entry& e) {
  w.text(e.key);
  w.int64(stored(e.type));
  w.int64(stored(e.reason));
  w.int64(stored(e.status));
  w.int64(e.occurrences);
  w.text(e.first_text);
  w.int64(stored(e.last_modified));
}

template <class Writer>
void write_url(Writer& w, const tracked_url& url) {
  w.int64(stored(url.delivery));
  w.int64(url.id);
  w.text(url.label);
  w.int64(stored(url.type));
  w.int64(stored(url.mode));
  w.text(url.source_url);
}

/// Writes a click's columns but its id (the store assigns it): delivery, log_id, url_id, clicked_at, user_agent.
template <class Writer>
void write_click_body(Writer& w, const click& c) {
  w.int64(stored(c.delivery));
  w.int64(c.log);
  w.int64(c.url);
  w.int64(stored(c.time));
  write_optional_text(w, c.user_agent);
}

/// Writes an event's columns but its id (the store assigns it): delivery, event_time, severity,
/// code, message, details.
template <class Writer>
void write_audit_body(Writer& w, const audit_event& e) {
  w.int64(stored(e.delivery));
  w.int64(stored(e.time));
  w.int64(stored(e.severity));
  w.int64(stored(e.code));
  w.text(e.message);
  write_optional_text(w, e.details);
}

/// A reply without its id (assigned by the database): received, address, short_code, text,
/// rule, action, delivery.
template <class Writer>
void write_reply_body(Writer& w, const reply_record& r) {
  w.int64(stored(r.received));
  w.int64(stored(r.address.digits()));
  w.text(r.short_code);
  w.text(r.text);
  if (r.rule) {
    w.int64(*r.rule);
  } else {
    w.null();
  }
  w.int64(stored(r.action));
  write_optional_id(w, r.delivery);
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads the columns of one row in order, checking each value; the first bad value makes
/// `failure()` a storage_failure naming the table and column, and the rest of the row is skipped.
template <class Reader>
class row_decoder {
 public:
  row_decoder(const Reader& row, std::string_view table, int first_column = 0)
      : row_(row), table_(table), column_(first_column) {}

  [[nodiscard]] bool failed() const noexcept { return failed_; }
  [[nodiscard]] error failure() const { return error{errc::storage_failure, detail_}; }

  std::int64_t int64() { return next_null() ? bad("NULL where a number is required", 0) : row_.int64(column_++); }
  template <class U>
  U number() {
    const std::int64_t v = int64();
    if constexpr (std::is_same_v<U, std::uint64_t>) {
      return static_cast<U>(v);
    } else {
      if (v < 0 || static_cast<std::uint64_t>(v) > std::numeric_limits<U>::max()) return bad_at(column_ - 1, "out of range", U{});
      return static_cast<U>(v);
    }
  }
  bool boolean() { return number<std::uint8_t>() != 0; }
  timestamp time() { return from_unix_ms(int64()); }
  std::string text() { return next_null() ? bad("NULL where a text is required", std::string{}) : std::string(row_.text(column_++)); }

  template <class E>
  E enumeration() {
    const std::int64_t v = int64();
    bool known = false;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
        [&](auto d) { known = known || static_cast<std::int64_t>(d.value) == v; });
    return known ? static_cast<E>(v) : bad_at(column_ - 1, "unknown enumerator " + std::to_string(v), E{});
  }
  phone_number phone() {
    const std::uint64_t digits = number<std::uint64_t>();
    if (digits == 0) return {};
    auto parsed = phone_number::from_digits(digits);
    return parsed ? *parsed : bad_at(column_ - 1, "not an E.164 number", phone_number{});
  }
  std::optional<std::string> optional_text() {
    if (skip_null()) return std::nullopt;
    return text();
  }
  std::optional<timestamp> optional_time() {
    if (skip_null()) return std::nullopt;
    return time();
  }
  std::optional<delivery_id> optional_id() {
    if (skip_null()) return std::nullopt;
    return number<delivery_id>();
  }

 private:
  bool next_null() const { return row_.is_null(column_); }
  bool skip_null() {
    if (!row_.is_null(column_)) return false;
    ++column_;
    return true;
  }
  template <class T>
  T bad(std::string_view what, T fallback) {
    return bad_at(column_++, what, std::move(fallback));
  }
  template <class T>
  T bad_at(int column, std::string_view what, T fallback) {
    if (!failed_) {
      failed_ = true;
      detail_ = "corrupt row in " + std::string(table_) + ", column " + std::to_string(column) + ": " + std::string(what);
    }
    return fallback;
  }

  const Reader& row_;
  std::string_view table_;
  int column_;
  bool failed_ = false;
  std::string detail_;
};

template <class Reader>
result<delivery> read_delivery(const Reader& row) {
  row_decoder<Reader> r(row, "deliveries");
  delivery d;
  d.id = r.template number<delivery_id>();
  d.revision = r.template number<std::uint64_t>();
  d.label = r.text();
  d.content = r.text();
  d.sender = r.text();
  d.settings.approval = r.template enumeration<approval_mode>();
  d.settings.validity = duration{r.int64()};
  d.settings.connector = r.text();
  d.settings.short_code = r.text();
  d.state = r.template enumeration<delivery_state>();
  d.created = r.time();
  d.last_modified = r.time();
  d.analysed = r.optional_time();
  d.started = r.optional_time();
  d.started_by = r.optional_text();
  d.validity_end = r.optional_time();
  d.finished = r.optional_time();
  d.initial_population = r.template number<std::uint64_t>();
  d.rejected = r.template number<std::uint64_t>();
  d.settings.max_parts = r.template number<std::uint16_t>();
  d.settings.transliterate = r.int64() != 0;
  d.settings.latin1 = r.int64() != 0;
  d.settings.tracking_host = r.text();
  d.messages.gsm7 = r.template number<std::uint64_t>();
  d.messages.latin1 = r.template number<std::uint64_t>();
  d.messages.ucs2 = r.template number<std::uint64_t>();
  d.messages.parts = r.template number<std::uint64_t>();
  d.messages.longest = r.template number<std::uint64_t>();
  if (r.failed()) return r.failure();
  return d;
}

template <class Reader>
result<delivery_log> read_log(const Reader& row) {
  row_decoder<Reader> r(row, "logs");
  delivery_log log;
  log.delivery = r.template number<delivery_id>();
  log.id = r.template number<log_id>();
  log.recipient = r.template number<recipient_key>();
  log.address = r.phone();
  log.seed = r.boolean();
  log.status = r.template enumeration<log_status>();
  log.type = r.template enumeration<failure_type>();
  log.reason = r.template enumeration<failure_reason>();
  log.retries = r.template number<std::uint16_t>();
  log.updated = r.time();
  log.provider_id = r.optional_text();
  log.text = r.optional_text();
  if (r.failed()) return r.failure();
  return log;
}

template <class Reader>
result<log_digest> read_digest(const Reader& row) {
  row_decoder<Reader> r(row, "logs");
  log_digest digest;
  digest.id = r.template number<log_id>();
  digest.status = r.template enumeration<log_status>();
  digest.type = r.template enumeration<failure_type>();
  digest.reason = r.template enumeration<failure_reason>();
  digest.seed = r.boolean();
  digest.retries = r.template number<std::uint16_t>();
  digest.updated = r.time();
  digest.address = r.phone();
  if (r.failed()) return r.failure();
  return digest;
}

template <class Reader>
result<exclusion_log> read_exclusion(const Reader& row) {
  row_decoder<Reader> r(row, "exclusions");
  exclusion_log e;
  e.delivery = r.template number<delivery_id>();
  e.id = r.template number<std::uint32_t>();
  e.recipient = r.template number<recipient_key>();
  e.address = r.text();
  e.reason = r.template enumeration<failure_reason>();
  e.rule = r.text();
  e.text = r.text();
  e.time = r.time();
  if (r.failed()) return r.failure();
  return e;
}

template <class Reader>
result<quarantine_entry> read_quarantine(const Reader& row) {
  row_decoder<Reader> r(row, "quarantine");
  quarantine_entry e;
  e.address = r.phone();
  e.short_code = r.text();
  e.status = r.template enumeration<quarantine_status>();
  e.error_count = r.template number<std::uint32_t>();
  e.last_error_reason = r.template enumeration<failure_reason>();
  e.last_error_text = r.optional_text();
  e.last_significant_error = r.optional_time();
  e.created = r.time();
  e.updated = r.time();
  e.last_delivery = r.optional_id();
  e.quarantined_by = r.optional_id();
  if (r.failed()) return r.failure();
  return e;
}

template <class Reader>
result<qualification_entry> read_qualification(const Reader& row) {
  row_decoder<Reader> r(row, "qualification");
  qualification_entry e;
  e.key = r.text();
  e.type = r.template enumeration<failure_type>();
  e.reason = r.template enumeration<failure_reason>();
  e.status = r.template enumeration<qualification_status>();
  e.occurrences = r.template number<std::uint32_t>();
  e.first_text = r.text();
  e.last_modified = r.time();
  if (r.failed()) return r.failure();
  return e;
}

template <class Reader>
result<tracked_url> read_url(const Reader& row) {
  row_decoder<Reader> r(row, "urls");
  tracked_url url;
  url.delivery = r.template number<delivery_id>();
  url.id = r.template number<url_id>();
  url.label = r.text();
  url.type = r.template enumeration<tracked_url_type>();
  url.mode = r.template enumeration<tracking_mode>();
  url.source_url = r.text();
  if (r.failed()) return r.failure();
  return url;
}

template <class Reader>
result<click> read_click(const Reader& row) {
  row_decoder<Reader> r(row, "clicks");
  click c;
  c.delivery = r.template number<delivery_id>();
  c.id = r.template number<event_id>();
  c.log = r.template number<log_id>();
  c.url = r.template number<url_id>();
  c.time = r.time();
  c.user_agent = r.optional_text();
  if (r.failed()) return r.failure();
  return c;
}

template <class Reader>
result<audit_event> read_audit(const Reader& row) {
  row_decoder<Reader> r(row, "audit");
  audit_event e;
  e.delivery = r.template number<delivery_id>();
  e.id = r.template number<event_id>();
  e.time = r.time();
  e.severity = r.template enumeration<audit_severity>();
  e.code = r.template enumeration<audit_code>();
  e.message = r.text();
  e.details = r.optional_text();
  if (r.failed()) return r.failure();
  return e;
}

/// A row of reply_columns.
template <class Reader>
result<reply_record> read_reply(const Reader& row) {
  row_decoder<Reader> r(row, "replies");
  reply_record reply;
  reply.id = r.template number<event_id>();
  reply.received = r.time();
  reply.address = r.phone();
  reply.short_code = r.text();
  reply.text = r.text();
  if (const auto rule = r.optional_id()) reply.rule = static_cast<std::uint32_t>(*rule);
  reply.action = r.template enumeration<reply_action>();
  reply.delivery = r.optional_id();
  if (r.failed()) return r.failure();
  return reply;
}

/// A row of declared_rules_query.
template <class Reader>
result<exclusion_rule> read_rule(const Reader& row) {
  row_decoder<Reader> r(row, "exclusion rules");
  exclusion_rule rule;
  rule.rule = r.text();
  rule.reason = r.template enumeration<failure_reason>();
  if (r.failed()) return r.failure();
  return rule;
}

/// A row of causes_query.
template <class Reader>
result<exclusion_cause> read_cause(const Reader& row) {
  row_decoder<Reader> r(row, "exclusions");
  exclusion_cause cause;
  cause.rule = r.text();
  cause.reason = r.template enumeration<failure_reason>();
  cause.count = r.template number<std::uint64_t>();
  if (r.failed()) return r.failure();
  return cause;
}

/// A row of click_counts_query.
template <class Reader>
result<url_click_count> read_click_count(const Reader& row) {
  row_decoder<Reader> r(row, "clicks");
  url_click_count count;
  count.url = r.template number<url_id>();
  count.clicks = r.template number<std::uint64_t>();
  count.distinct_clicks = r.template number<std::uint64_t>();
  if (r.failed()) return r.failure();
  return count;
}

}  // namespace sql
SMSTRACK_END_NAMESPACE

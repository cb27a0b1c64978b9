// Where every record is stored in SQL, shared by the SQLite and PostgreSQL adapters: for each
// record type, the table's label and what its columns' names, key and NULLs owe to the schema
// rather than to the record's description (sql_mapping.hpp generates the rest), and the
// statements both dialects run as they are.
#pragma once

#include "sql_mapping.hpp"

#include <smstrack/model/audit_event.hpp>
#include <smstrack/model/delivery.hpp>
#include <smstrack/model/delivery_log.hpp>
#include <smstrack/model/exclusion_log.hpp>
#include <smstrack/model/qualification.hpp>
#include <smstrack/model/quarantine.hpp>
#include <smstrack/model/reply.hpp>
#include <smstrack/model/tracking.hpp>
#include <smstrack/ports/exclusion_store.hpp>

#include <array>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace sql {

/// A table with no renamed column, no key for upserts, no empty text stored as NULL and no
/// column the store assigns.
struct plain_table {
  static constexpr std::array<renamed_column, 0> renamed{};
  static constexpr std::array<std::string_view, 0> key{};
  static constexpr std::array<std::string_view, 0> empty_as_null{};
  static constexpr std::array<std::string_view, 0> assigned{};
};

template <>
struct table<delivery> : plain_table {
  static constexpr std::string_view label = "deliveries";
  static constexpr std::array renamed = {
      renamed_column{"settings.validity", "validity_ms"},   renamed_column{"messages.gsm7", "messages_gsm7"},
      renamed_column{"messages.latin1", "messages_latin1"}, renamed_column{"messages.ucs2", "messages_ucs2"},
      renamed_column{"messages.parts", "message_parts"},    renamed_column{"messages.longest", "longest_message"}};
  static constexpr std::array<std::string_view, 2> assigned = {"id", "revision"};
};

template <>
struct table<delivery_log> : plain_table {
  static constexpr std::string_view label = "logs";
  static constexpr std::array renamed = {renamed_column{"type", "failure_type"}};
  /// No provider id is NULL, so that the ids' unique index holds only real ones.
  static constexpr std::array<std::string_view, 1> empty_as_null = {"provider_id"};
};

template <>
struct table<log_digest> : plain_table {
  static constexpr std::string_view label = "logs";
  static constexpr std::array renamed = {renamed_column{"type", "failure_type"}};
};

template <>
struct table<exclusion_log> : plain_table {
  static constexpr std::string_view label = "exclusions";
  static constexpr std::array renamed = {renamed_column{"time", "excluded_at"}};
};

template <>
struct table<quarantine_entry> : plain_table {
  static constexpr std::string_view label = "quarantine";
  static constexpr std::array<std::string_view, 2> key = {"address", "short_code"};
};

template <>
struct table<qualification_entry> : plain_table {
  static constexpr std::string_view label = "qualification";
  static constexpr std::array renamed = {renamed_column{"key", "qualification_key"},
                                         renamed_column{"type", "failure_type"}};
  static constexpr std::array<std::string_view, 1> key = {"qualification_key"};
};

template <>
struct table<tracked_url> : plain_table {
  static constexpr std::string_view label = "urls";
  static constexpr std::array renamed = {renamed_column{"type", "url_type"}};
  static constexpr std::array<std::string_view, 2> key = {"delivery", "id"};
};

template <>
struct table<click> : plain_table {
  static constexpr std::string_view label = "clicks";
  static constexpr std::array renamed = {renamed_column{"log", "log_id"}, renamed_column{"url", "url_id"},
                                         renamed_column{"time", "clicked_at"}};
  static constexpr std::array<std::string_view, 1> assigned = {"id"};
};

template <>
struct table<audit_event> : plain_table {
  static constexpr std::string_view label = "audit";
  static constexpr std::array renamed = {renamed_column{"time", "event_time"}};
  static constexpr std::array<std::string_view, 1> assigned = {"id"};
};

template <>
struct table<reply_record> : plain_table {
  static constexpr std::string_view label = "replies";
  static constexpr std::array<std::string_view, 1> assigned = {"id"};
};

/// A row of declared_rules_query.
template <>
struct table<exclusion_rule> : plain_table {
  static constexpr std::string_view label = "exclusion rules";
};

/// A row of causes_query.
template <>
struct table<exclusion_cause> : plain_table {
  static constexpr std::string_view label = "exclusions";
};

/// A row of click_counts_query.
template <>
struct table<url_click_count> : plain_table {
  static constexpr std::string_view label = "clicks";
};

// Statements both dialects run as they are ($1 is a parameter in SQLite too).
inline constexpr std::string_view causes_query =
    "SELECT rule, reason, count(*) FROM smstrack_exclusions WHERE delivery = $1 "
    "GROUP BY rule, reason ORDER BY rule, reason";
inline constexpr std::string_view declared_rules_query =
    "SELECT rule, reason FROM smstrack_exclusion_rules WHERE delivery = $1 ORDER BY position";
inline constexpr std::string_view click_counts_query =
    "SELECT u.id, count(c.id), count(DISTINCT CASE WHEN c.kind = 0 THEN c.log_id END), "
    "count(CASE WHEN c.kind = 0 THEN 1 END), count(CASE WHEN c.kind = 1 THEN 1 END), "
    "count(CASE WHEN c.kind = 2 THEN 1 END), count(CASE WHEN c.kind = 3 THEN 1 END), "
    "count(CASE WHEN c.kind = 4 THEN 1 END) FROM smstrack_urls u "
    "LEFT JOIN smstrack_clicks c ON c.delivery = u.delivery AND c.url_id = u.id "
    "WHERE u.delivery = $1 GROUP BY u.id ORDER BY u.id";

}  // namespace sql
SMSTRACK_END_NAMESPACE

// The SQL adapters' row mapping (src/adapters/sql_mapping.hpp, sql_rows.hpp): columns generated
// from each record's description, and every record written then read back unchanged.
#include "adapters/sql_rows.hpp"

#include <gtest/gtest.h>

#include <variant>
#include <vector>

namespace smstrack::sql {
namespace {

using cell = std::variant<std::monostate, std::int64_t, std::string>;

// A row as the adapters' readers read it.
struct fake_row {
  std::vector<cell> cells;
  [[nodiscard]] bool is_null(int i) const { return std::holds_alternative<std::monostate>(cells.at(static_cast<std::size_t>(i))); }
  [[nodiscard]] std::int64_t int64(int i) const { return std::get<std::int64_t>(cells.at(static_cast<std::size_t>(i))); }
  [[nodiscard]] std::string_view text(int i) const { return std::get<std::string>(cells.at(static_cast<std::size_t>(i))); }
};

// What the adapters' writers fill.
struct row_writer {
  fake_row& row;
  void int64(std::int64_t v) { row.cells.emplace_back(v); }
  void text(std::string_view t) { row.cells.emplace_back(std::string(t)); }
  void null() { row.cells.emplace_back(std::monostate{}); }
};

template <class T>
fake_row written(const T& record) {
  fake_row row;
  row_writer w{row};
  write_row(w, record);
  return row;
}

template <class T>
T round_trip(const T& record) {
  const fake_row row = written(record);
  EXPECT_EQ(row.cells.size(), layout<T>().size());
  auto back = read_row<T>(row);
  EXPECT_TRUE(back.has_value()) << (back ? "" : back.error().message());
  return back ? *back : T{};
}

const timestamp t0 = from_unix_ms(1'700'000'000'123);

TEST(sql_rows, the_columns_of_each_table_are_the_schema_s_in_the_record_s_order) {
  EXPECT_EQ(columns<delivery_log>(),
            "delivery, id, recipient, address, seed, status, failure_type, reason, retries, updated, provider_id, text, "
            "submitted, acked, network, receipt_timed_out, parts, encoding");
  EXPECT_EQ(columns<log_digest>(), "id, status, failure_type, reason, seed, retries, updated, address, submitted, acked, network, "
            "receipt_timed_out, parts, encoding");
  EXPECT_EQ(columns<exclusion_log>(), "delivery, id, recipient, address, reason, rule, text, excluded_at");
  EXPECT_EQ(columns<qualification_entry>(),
            "qualification_key, failure_type, reason, status, occurrences, first_text, last_modified");
  EXPECT_EQ(columns<click>(), "delivery, id, log_id, url_id, clicked_at, user_agent, kind, why");
  EXPECT_EQ(columns<audit_event>(), "delivery, id, event_time, severity, code, message, details");
  EXPECT_EQ(columns<reply_record>(), "id, received, address, short_code, text, rule, action, delivery");
  EXPECT_EQ(columns<delivery>(),
            "id, label, content, sender, approval, validity_ms, connector, short_code, max_parts, transliterate, "
            "latin1, tracking_host, https_for_bare_links, state, created, last_modified, analysed, started, started_by, validity_end, "
            "finished, initial_population, rejected, messages_gsm7, messages_latin1, messages_ucs2, message_parts, "
            "longest_message, revision");
}

TEST(sql_rows, upserts_and_updates_set_every_column_but_the_key_or_what_the_store_assigns) {
  EXPECT_EQ(layout<tracked_url>().upsert(),
            "ON CONFLICT (delivery, id) DO UPDATE SET label = excluded.label, url_type = excluded.url_type, "
            "mode = excluded.mode, source_url = excluded.source_url");
  const std::string assignments = layout<delivery>().assignments(assigned<delivery>(), [](int i) { return "$" + std::to_string(i); });
  EXPECT_TRUE(assignments.starts_with("label = $1, content = $2")) << assignments;
  EXPECT_TRUE(assignments.ends_with("longest_message = $27")) << assignments;
  EXPECT_EQ(layout<click>().list(assigned<click>()), "delivery, log_id, url_id, clicked_at, user_agent, kind, why");
}

TEST(sql_rows, a_name_that_is_no_column_is_a_programming_error) {
  EXPECT_THROW((void)layout<click>().set_of({"clicked"}), std::logic_error);
}

TEST(sql_rows, every_record_reads_back_as_written) {
  delivery d;
  d.id = 7;
  d.label = "Soldes";
  d.settings.validity = duration{3'600'000};
  d.settings.latin1 = true;
  d.settings.max_parts = 5;
  d.messages.latin1 = 3;
  d.messages.longest = 2;
  d.analysed = t0;
  d.started_by = "ops";
  d.revision = 4;
  EXPECT_EQ(round_trip(d), d);

  delivery_log log;
  log.delivery = 7;
  log.id = 12;
  log.address = *phone_number::from_digits(33612345678);
  log.seed = true;
  log.status = log_status::failed;
  log.type = failure_type::hard;
  log.reason = failure_reason::user_unknown;
  log.retries = 65535;
  log.updated = t0;
  log.provider_id = "7F01";
  log.text = "stat:UNDELIV err:001";
  EXPECT_EQ(round_trip(log), log);
  EXPECT_EQ(round_trip(digest_of(log)), digest_of(log));

  reply_record reply;
  reply.id = 3;
  reply.received = t0;
  reply.rule = 4'000'000'000U;
  reply.action = reply_action::send_to_quarantine;
  EXPECT_EQ(round_trip(reply), reply);

  quarantine_entry entry;
  entry.address = *phone_number::from_digits(4915112345678);
  entry.last_error_text = "";
  entry.quarantined_by = 9;
  EXPECT_EQ(round_trip(entry), entry);
}

TEST(sql_rows, no_provider_id_and_an_empty_one_are_both_null) {
  delivery_log log;
  log.provider_id = "";
  const fake_row row = written(log);
  EXPECT_TRUE(row.is_null(10));
  EXPECT_FALSE(read_row<delivery_log>(row)->provider_id.has_value());
}

TEST(sql_rows, a_damaged_value_is_a_storage_failure_naming_the_table_and_the_column) {
  fake_row row = written(delivery_log{});
  row.cells[6] = std::int64_t{9};  // failure_type
  auto read = read_row<delivery_log>(row);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), errc::storage_failure);
  EXPECT_EQ(read.error().detail(), "corrupt row in logs, column 6: unknown enumerator 9");

  row.cells[6] = std::int64_t{0};
  row.cells[8] = std::int64_t{70'000};  // retries: a 16-bit count
  EXPECT_EQ(read_row<delivery_log>(row).error().detail(), "corrupt row in logs, column 8: out of range");

  row.cells[8] = std::monostate{};
  EXPECT_EQ(read_row<delivery_log>(row).error().detail(), "corrupt row in logs, column 8: NULL where a number is required");

  fake_row url = written(tracked_url{});
  url.cells[2] = std::monostate{};  // label
  EXPECT_EQ(read_row<tracked_url>(url).error().detail(), "corrupt row in urls, column 2: NULL where a text is required");

  fake_row entry = written(quarantine_entry{});
  entry.cells[0] = std::int64_t{12};  // not an E.164 number
  EXPECT_EQ(read_row<quarantine_entry>(entry).error().detail(), "corrupt row in quarantine, column 0: not an E.164 number");
}

}  // namespace
}  // namespace smstrack::sql

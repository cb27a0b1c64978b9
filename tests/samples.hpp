// Sample records with every field set to a non-default value, for round-trip tests.
#pragma once

#include <smstrack/model/audit_event.hpp>
#include <smstrack/model/delivery.hpp>
#include <smstrack/model/delivery_log.hpp>
#include <smstrack/model/exclusion_log.hpp>
#include <smstrack/model/indicators.hpp>
#include <smstrack/model/json.hpp>
#include <smstrack/model/qualification.hpp>
#include <smstrack/model/quarantine.hpp>
#include <smstrack/model/recipient.hpp>
#include <smstrack/model/tracking.hpp>

#include <gtest/gtest.h>

namespace smstrack::samples {

inline timestamp t(std::int64_t ms) { return from_unix_ms(1'795'000'000'000 + ms); }
inline phone_number number(std::uint64_t digits) { return phone_number::from_digits(digits).value(); }

inline delivery make_delivery() {
  delivery d;
  d.id = 7;
  d.label = "Black Friday – Nederland";
  d.content = "Hallo {{firstName}}, 30% korting! Stop: STOP naar 3010";
  d.sender = "ACME";
  d.settings = {approval_mode::semi_automatic, std::chrono::hours{36}, "smpp-eu1", "3010", 3, true, false,
                "t.acme.example"};
  d.messages = {9'000, 0, 679, 12'345, 3};
  d.state = delivery_state::in_progress;
  d.created = t(1);
  d.last_modified = t(2);
  d.analysed = t(3);
  d.started = t(4);
  d.started_by = "operator@acme";
  d.validity_end = t(5);
  d.finished = t(6);
  d.initial_population = 10'000;
  d.rejected = 321;
  d.revision = 9;
  return d;
}

inline delivery_log make_delivery_log() {
  delivery_log log;
  log.delivery = 7;
  log.id = 42;
  log.recipient = 9001;
  log.address = number(31612345678ULL);
  log.seed = true;
  log.status = log_status::failed;
  log.type = failure_type::soft;
  log.reason = failure_reason::mailbox_full;
  log.retries = 2;
  log.updated = t(10);
  log.provider_id = "0004F2A1";
  log.text = "id:0004F2A1 stat:UNDELIV err:005";
  return log;
}

inline exclusion_log make_exclusion_log() {
  return {7, 3, 9002, "+31 6 1234", failure_reason::invalid_phone_number, "address check", "too short", t(11)};
}

inline quarantine_entry make_quarantine_entry() {
  quarantine_entry e;
  e.address = number(4915112345678ULL);
  e.short_code = "3010";
  e.status = quarantine_status::with_errors;
  e.error_count = 3;
  e.last_error_reason = failure_reason::unreachable;
  e.last_error_text = "stat:UNDELIV err:001";
  e.last_significant_error = t(12);
  e.created = t(13);
  e.updated = t(14);
  e.last_delivery = 7;
  e.quarantined_by = 7;
  return e;
}

inline qualification_entry make_qualification_entry() {
  return {"SR smpp-eu1 UNDELIV 005", failure_type::hard, failure_reason::user_unknown, qualification_status::keep,
          1234, "id:1 stat:UNDELIV err:005", t(15)};
}

inline tracked_url make_tracked_url() {
  return {7, 2, "unsubscribe", tracked_url_type::opt_out, tracking_mode::opt_out, "https://acme.example/stop?x=1"};
}

inline click make_click() {
  return {7, 99, 42, 2, t(16), std::string("WhatsApp/2.24.22.79 A"), click_class::link_preview, "user agent of WhatsApp"};
}

inline audit_event make_audit_event() {
  return {7, 5, t(17), audit_severity::warning, audit_code::analysis_warning, "no sender id is set",
          std::string("{\"x\":1}")};
}

inline recipient make_recipient() { return {9003, "+33612345678", true, {{"first_name", "Anaïs"}, {"code", "X42"}}}; }

inline indicators make_indicators() {
  indicators i;
  i.initial_population = 100;
  i.rejected = 10;
  i.to_deliver = 90;
  i.sent = 80;
  i.success = 70;
  i.delivered = 60;
  i.errors = 8;
  i.processed = 78;
  i.pending = 12;
  i.ignored = 1;
  i.canceled = 2;
  i.seeds = 3;
  i.new_quarantines = 4;
  i.hard_bounces = 5;
  i.soft_bounces = 3;
  i.clicks = 30;
  i.distinct_clicks = 20;
  i.opt_outs = 2;
  i.success_rate = 77.75;
  i.error_rate = 8.875;
  i.processed_rate = 86.625;
  i.new_quarantine_rate = 4.5;
  i.click_through_rate = 25.5;
  i.errors_by_reason = {{failure_type::hard, failure_reason::user_unknown, 5},
                        {failure_type::soft, failure_reason::unreachable, 3}};
  return i;
}

/// to_json, then from_json, gives the record back; so does going through text.
template <class T>
void expect_round_trip(const T& value) {
  const auto back = from_json<T>(to_json(value));
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_TRUE(*back == value);
  const auto from_text = parse_json<T>(to_json_text(value));
  ASSERT_TRUE(from_text.has_value()) << from_text.error().message();
  EXPECT_TRUE(*from_text == value);
}

/// The record reads back when its optional members are absent.
template <class T>
void expect_optionals_may_be_absent(const T& value, std::initializer_list<const char*> optional_keys) {
  boost::json::value jv = to_json(value);
  for (const char* key : optional_keys) {
    ASSERT_TRUE(jv.as_object().contains(key)) << key;
    jv.as_object().erase(key);
  }
  const auto back = from_json<T>(jv);
  ASSERT_TRUE(back.has_value()) << back.error().message();
}

/// Removing the record's first key makes reading it fail with missing_field, naming the key.
template <class T>
void expect_missing_field_rejected(const T& value) {
  boost::json::value jv = to_json(value);
  const std::string first_key(jv.as_object().begin()->key());
  jv.as_object().erase(first_key);
  const auto back = from_json<T>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), errc::missing_field);
  EXPECT_NE(back.error().detail().find(first_key), std::string::npos) << back.error().detail();
}

}  // namespace smstrack::samples

// What the crash test's ingester (crash_ingest.cpp) does to a delivery and what the test
// (sqlite_crash_test.cpp) checks it against: one fate per log, decided by its id.
#pragma once

#include <smstrack/model/ids.hpp>
#include <smstrack/replies/keyword_rules.hpp>
#include <smstrack/store/keyring.hpp>
#include <smstrack/tracking/tracking_token.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smstrack_crash {

using smstrack::delivery_id;
using smstrack::log_id;

inline constexpr std::size_t batch = 250;
inline constexpr std::size_t recipients = 30'000;
inline constexpr std::string_view connector = "smpp-c";
inline constexpr std::string_view short_code = "36111";
inline constexpr smstrack::url_id workload_url = 1;
inline constexpr std::string_view content = "Hello, the sale is on: https://acme.example/sale";
inline constexpr std::string_view hard_key = "SR smpp-c UNDELIV 001";  // requalified hard / user_unknown
inline constexpr std::string_view soft_key = "SR smpp-c UNDELIV 002";  // provisioned soft: retried

enum class fate { delivered, hard_failure, soft_failure };

inline fate fate_of(log_id log) {
  if (log % 7 == 0) return fate::hard_failure;
  if (log % 11 == 0) return fate::soft_failure;
  return fate::delivered;
}
inline bool clicks(log_id log) { return log % 5 == 0; }
inline bool replies_stop(log_id log) { return log % 13 == 0; }

// Unique across deliveries: the test adds deliveries to the same file.
inline std::string message_id_of(delivery_id id, log_id log) { return "P" + std::to_string(id) + "-" + std::to_string(log); }

inline std::string receipt_text_of(delivery_id id, log_id log) {
  const std::string head = "id:" + message_id_of(id, log) + " sub:001 dlvrd:00";
  switch (fate_of(log)) {
    case fate::delivered: return head + " stat:DELIVRD err:000";
    case fate::hard_failure: return head + " stat:UNDELIV err:001";
    case fate::soft_failure: return head + " stat:UNDELIV err:002";
  }
  return head;
}

// Each delivery targets numbers of its own (delivery ids start at 1 in a fresh file), log i
// being recipient i.
inline std::uint64_t address_of(delivery_id id, log_id log) {
  return 33'600'000'000ULL + (std::uint64_t{id} - 1) * recipients + log - 1;
}

inline void add_workload_key(smstrack::keyring& keys) {
  keys.add(smstrack::make_tracking_key(1, "00112233445566778899aabbccddeeff").value(), true).value();
}

inline std::vector<smstrack::keyword_rule> workload_rules() {
  return {{"STOP", std::string(short_code), smstrack::reply_action::send_to_quarantine, ""}};
}

}  // namespace smstrack_crash

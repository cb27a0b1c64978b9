// A delivery log: one record per targeted address of a delivery (reference name: broadLog),
// and its digest, the fixed-size part the indicators are computed from.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/log_status.hpp>
#include <smstrack/model/message_encoding.hpp>
#include <smstrack/model/mobile_network.hpp>
#include <smstrack/model/phone_number.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

struct delivery_log {
  delivery_id delivery = 0;
  log_id id = 0;
  recipient_key recipient = 0;
  phone_number address;
  bool seed = false;  ///< internal control address: never counted in success
  log_status status = log_status::pending;
  failure_type type = failure_type::not_defined;
  failure_reason reason = failure_reason::not_defined;
  std::uint16_t retries = 0;
  timestamp updated{};                     ///< time of the last status change
  std::optional<std::string> provider_id;  ///< the provider's message id, once acknowledged
  std::optional<std::string> text;         ///< the last failure or receipt text
  /// When the host reported the message submitted (sent_to_provider) and when the provider
  /// acknowledged it (taken_into_account), by the tracker's clock: the latest attempt's. A
  /// requeue or a retry forgets the ack.
  std::optional<timestamp> submitted;
  std::optional<timestamp> acked;
  /// The destination's mobile network, as the latest ack or receipt that named one reported it.
  network_code network;
  /// The receipt horizon passed without a final receipt (check_receipt_horizon); a final receipt
  /// that comes later, or a new attempt, clears it.
  bool receipt_timed_out = false;
  /// The parts of the log's message and their encoding, as the analysis rendered it: what the
  /// message costs (price_table.hpp). 0 parts: unknown (a log the host wrote itself).
  std::uint16_t parts = 0;
  sms_encoding encoding = sms_encoding::gsm7;
  friend bool operator==(const delivery_log&, const delivery_log&) = default;
};
BOOST_DESCRIBE_STRUCT(delivery_log, (),
                      (delivery, id, recipient, address, seed, status, type, reason, retries,
                       updated, provider_id, text, submitted, acked, network, receipt_timed_out, parts, encoding))

/// The fixed-size part of a delivery log: everything indicators and lifecycle decisions need.
struct log_digest {
  log_id id = 0;
  log_status status = log_status::pending;
  failure_type type = failure_type::not_defined;
  failure_reason reason = failure_reason::not_defined;
  bool seed = false;
  std::uint16_t retries = 0;
  timestamp updated{};
  phone_number address;  ///< what quarantine decisions are keyed by
  std::optional<timestamp> submitted;  ///< as delivery_log's
  std::optional<timestamp> acked;      ///< as delivery_log's
  network_code network;                ///< as delivery_log's
  bool receipt_timed_out = false;      ///< as delivery_log's
  std::uint16_t parts = 0;             ///< as delivery_log's
  sms_encoding encoding = sms_encoding::gsm7;  ///< as delivery_log's
  friend bool operator==(const log_digest&, const log_digest&) = default;
};
BOOST_DESCRIBE_STRUCT(log_digest, (),
                      (id, status, type, reason, seed, retries, updated, address, submitted, acked, network,
                       receipt_timed_out, parts, encoding))

constexpr log_digest digest_of(const delivery_log& log) noexcept {
  return {log.id,      log.status,  log.type,      log.reason, log.seed,    log.retries,
          log.updated, log.address, log.submitted, log.acked,  log.network, log.receipt_timed_out,
          log.parts,   log.encoding};
}

/// Where a provider message id points: a delivery log.
struct log_ref {
  delivery_id delivery = 0;
  log_id log = 0;
  friend bool operator==(const log_ref&, const log_ref&) = default;
};
BOOST_DESCRIBE_STRUCT(log_ref, (), (delivery, log))

SMSTRACK_END_NAMESPACE

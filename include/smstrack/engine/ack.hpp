// The provider's answer to a submit (SMPP submit_sm_resp) as the tracker takes it, and what
// became of it (tracker::on_ack).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/ids.hpp>

#include <boost/describe/enum.hpp>

#include <cstdint>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// SMPP command_status values that mean "slow down", not "this address failed".
inline constexpr std::uint32_t esme_rthrottled = 0x58;
inline constexpr std::uint32_t esme_rmsgqful = 0x14;

/// The provider's answer to the submit of one message or one part of it (submit_sm_resp).
struct message_ack {
  log_id log = 0;
  std::string_view message_id;       ///< the provider's id, as sent; required when accepted
  std::uint32_t command_status = 0;  ///< 0 (ESME_ROK): accepted
  bool timed_out = false;            ///< no answer within the MT expiration
  /// The destination's mobile network when the SMSC or an HLR look-up names it: "208-01",
  /// "208 01" or "20801" (mobile_network.hpp); empty when unknown.
  std::string_view network;
};

/// What happened to one ack.
enum class ack_outcome : std::uint8_t {
  accepted,            ///< the log is taken_into_account and the provider id recorded
  duplicate,           ///< this id was already recorded on this log: nothing changed
  failed,              ///< an error answer or a timeout: the log failed (soft / unreachable)
  requeued,            ///< a throttling answer: the log is pending again, no error counted
  unknown_log,         ///< no log with that id in the delivery
  illegal_transition,  ///< the log's status cannot take this ack (e.g. already final)
  invalid_id,          ///< the message id is empty, not UTF-8, holds a NUL, or the connector's
                       ///< normalization refuses it
  provider_id_taken,   ///< the id is recorded on another log
  conflict,            ///< another writer changed the log meanwhile; report it again
  invalid_network,     ///< the network is not an MCC and an MNC: the ack changed nothing
};
BOOST_DESCRIBE_ENUM(ack_outcome, accepted, duplicate, failed, requeued, unknown_log, illegal_transition,
                    invalid_id, provider_id_taken, conflict, invalid_network)

SMSTRACK_END_NAMESPACE

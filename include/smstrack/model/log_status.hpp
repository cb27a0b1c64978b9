// The status of one delivery log (one message to one address).
//
// pending: waiting to be sent; sent_to_provider: handed to the SMS provider, no ack yet;
// taken_into_account: the provider acknowledged it (counts as success); received_on_mobile: the
// carrier confirmed delivery; failed: a failure with a type and reason; ignored: not sent on
// purpose (e.g. a preparation rule); canceled: not sent because the delivery ended;
// not_applicable: the channel does not apply to this recipient.
#pragma once

#include <smstrack/config.hpp>

#include <boost/describe/enum.hpp>

#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE

enum class log_status : std::uint8_t {
  pending = 0,
  sent_to_provider = 1,
  taken_into_account = 2,
  received_on_mobile = 3,
  failed = 4,
  ignored = 5,
  canceled = 6,
  not_applicable = 7,
};
BOOST_DESCRIBE_ENUM(log_status, pending, sent_to_provider, taken_into_account, received_on_mobile,
                    failed, ignored, canceled, not_applicable)

inline constexpr std::size_t log_status_count = 8;

/// Whether `status` is one of the enumerators (a value cast from an integer may not be).
constexpr bool is_known(log_status status) noexcept { return static_cast<std::size_t>(status) < log_status_count; }

/// Success in the indicator sense: taken into account or received on mobile.
constexpr bool is_success(log_status s) noexcept {
  return s == log_status::taken_into_account || s == log_status::received_on_mobile;
}
/// Still waiting for the delivery to act: pending or sent to the provider without an ack.
constexpr bool is_waiting(log_status s) noexcept {
  return s == log_status::pending || s == log_status::sent_to_provider;
}

SMSTRACK_END_NAMESPACE

// An exclusion log: one record per address removed from a delivery's target by the analysis.
// Its status is always "ignored"; the address is kept as received, since an address that
// could not be parsed is itself a reason for exclusion.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

struct exclusion_log {
  delivery_id delivery = 0;
  std::uint32_t id = 0;  ///< 1..n within the delivery
  recipient_key recipient = 0;
  std::string address;  ///< as received from the target
  failure_reason reason = failure_reason::not_defined;
  std::string rule;  ///< the name of the rule that excluded it
  std::string text;
  timestamp time{};
  friend bool operator==(const exclusion_log&, const exclusion_log&) = default;
};
BOOST_DESCRIBE_STRUCT(exclusion_log, (), (delivery, id, recipient, address, reason, rule, text, time))

SMSTRACK_END_NAMESPACE

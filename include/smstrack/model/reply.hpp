// An incoming reply (MO, SPEC §9): a message a recipient sent to a short code, as the tracker
// recorded it — what it said, which keyword rule it matched, what was done, and which delivery
// it answers.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/phone_number.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

/// What a keyword rule does to the number that replied (SPEC §9).
enum class reply_action : std::uint8_t {
  none = 0,                    ///< only the reply text, if any
  send_to_quarantine = 1,      ///< the number becomes denylisted (opted out) for the short code
  remove_from_quarantine = 2,  ///< the number's opt-out for the short code is lifted
};
BOOST_DESCRIBE_ENUM(reply_action, none, send_to_quarantine, remove_from_quarantine)

struct reply_record {
  event_id id = 0;  ///< assigned by the store
  timestamp received{};
  phone_number address;
  std::string short_code;
  std::string text;
  std::optional<std::uint32_t> rule;  ///< the keyword rule it matched (index), if any
  reply_action action = reply_action::none;
  std::optional<delivery_id> delivery;  ///< the delivery it answers, when one is known
  friend bool operator==(const reply_record&, const reply_record&) = default;
};
BOOST_DESCRIBE_STRUCT(reply_record, (), (id, received, address, short_code, text, rule, action, delivery))

SMSTRACK_END_NAMESPACE

// A reply (MO) as a gateway hands it to the tracker, and what the tracker did with it
// (tracker::on_reply).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/reply.hpp>

#include <boost/describe/class.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// A reply (MO) as a gateway received it.
struct incoming_reply {
  std::string_view from;        ///< the sender, international: "+33612345678" or "33612345678"
  std::string_view short_code;  ///< the number it was sent to ("" when unknown: every short code)
  std::string_view text;
  std::optional<delivery_id> delivery;  ///< the delivery it answers, when the gateway knows
};

/// What the tracker did with a reply.
struct reply_outcome {
  event_id id = 0;                  ///< the stored reply record
  std::optional<std::size_t> rule;  ///< the keyword rule it matched
  reply_action action = reply_action::none;  ///< what was applied (none when nothing changed)
  std::string reply;                ///< the rule's reply text, for the host to send ("" = none)
  std::optional<delivery_id> delivery;  ///< the delivery it was attributed to
  friend bool operator==(const reply_outcome&, const reply_outcome&) = default;
};
BOOST_DESCRIBE_STRUCT(reply_outcome, (), (id, rule, action, reply, delivery))

SMSTRACK_END_NAMESPACE

// A delivery: one sending of one SMS content to one target population (SPEC §2, §3).
//
// The record is what the delivery store keeps. `revision` implements optimistic concurrency:
// the store accepts an update only when the revision it holds equals the one written back,
// then increments it.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/delivery_state.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/class.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

struct delivery_settings {
  approval_mode approval = approval_mode::manual;
  /// How long after the start messages may still be sent (default 5 days).
  duration validity = std::chrono::duration_cast<duration>(std::chrono::days{5});
  std::string connector;   ///< the provider route; names qualification keys ("SR <connector> ...")
  std::string short_code;  ///< the short code replies arrive on (opt-outs are per short code)
  /// Parts a personalized message may have (0 = unlimited, at most 255; 5 or fewer advised):
  /// longer messages are excluded at preparation as text_too_long (SPEC §7).
  std::uint16_t max_parts = 0;
  bool transliterate = false;  ///< replace characters outside GSM-7 by look-alikes before counting
  bool latin1 = false;         ///< allow the Latin-1 encoding (see text/sms_encoding.hpp)
  /// The host of tracking links, `https://<tracking_host>/<token>`; "" leaves links untracked.
  std::string tracking_host;
  /// Where a click on a link written without a scheme (`acme.fr/soldes`) redirects: `https://`
  /// prepended when true, `http://` (which every site answers, if only to redirect) when false.
  bool https_for_bare_links = false;
  friend bool operator==(const delivery_settings&, const delivery_settings&) = default;
};
BOOST_DESCRIBE_STRUCT(delivery_settings, (),
                      (approval, validity, connector, short_code, max_parts, transliterate, latin1, tracking_host,
                       https_for_bare_links))

/// What the personalized messages of the last analysis cost: messages per encoding and parts.
struct message_summary {
  std::uint64_t gsm7 = 0;    ///< messages in GSM-7
  std::uint64_t latin1 = 0;  ///< messages in Latin-1
  std::uint64_t ucs2 = 0;    ///< messages in UCS-2
  std::uint64_t parts = 0;   ///< parts of all messages together (what the provider bills)
  std::uint64_t longest = 0;  ///< parts of the longest message
  friend bool operator==(const message_summary&, const message_summary&) = default;
};
BOOST_DESCRIBE_STRUCT(message_summary, (), (gsm7, latin1, ucs2, parts, longest))

struct delivery {
  delivery_id id = 0;
  std::string label;
  std::string content;
  std::string sender;
  delivery_settings settings;
  delivery_state state = delivery_state::editing;
  timestamp created{};
  timestamp last_modified{};
  std::optional<timestamp> analysed;
  std::optional<timestamp> started;
  std::optional<std::string> started_by;
  std::optional<timestamp> validity_end;
  std::optional<timestamp> finished;
  std::uint64_t initial_population = 0;  ///< recipients targeted before the analysis (no seeds)
  std::uint64_t rejected = 0;            ///< recipients excluded by the analysis (no seeds)
  message_summary messages;              ///< the delivery logs' messages, seeds included
  std::uint64_t revision = 0;
  friend bool operator==(const delivery&, const delivery&) = default;
};
BOOST_DESCRIBE_STRUCT(delivery, (),
                      (id, label, content, sender, settings, state, created, last_modified,
                       analysed, started, started_by, validity_end, finished, initial_population,
                       rejected, messages, revision))

SMSTRACK_END_NAMESPACE

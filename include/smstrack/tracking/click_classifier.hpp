// Click classification (SPEC §10): was a tracking link opened by a person, or by software that no
// person asked for?
//
// Link-preview fetchers of messaging apps, security scanners, crawlers and prefetches open the
// links of a message on their own; counted as people they about double the clicks, and on an
// opt-out link they would denylist someone who never asked. `classify_click` decides from what
// the tracking host knows of the request, in this order, the first rule that applies winning:
//   1. the user agent names a known link-preview fetcher (WhatsApp, iMessage and Facebook's
//      facebookexternalhit, Telegram, Slack, Discord, ...) -> link_preview;
//   2. it names a known security scanner (Google Safe Browsing, Barracuda, ClamAV, ...)
//      -> security_scanner;
//   3. it matches a pattern of the isbot list (the `isbot` npm package, compiled into tables by
//      cmake/generate-bot-patterns.py) -> crawler;
//   4. the HTTP method is not GET (HEAD, OPTIONS, ...: a person following a link sends GET)
//      -> crawler;
//   5. the host says the request came from a data-centre network (a browser run by a scanner in
//      the cloud) -> security_scanner;
//   6. it came less than `prefetch_window` (2 s) from the message's ack, either side (an ack may
//      be processed after the phone fetched): too soon for a person to read it -> prefetch;
//   7. otherwise -> human.
// Each verdict says why in words ("user agent matches isbot pattern \"bot\"", "HEAD request").
// The user agent is read as bytes, ASCII case-insensitively; an empty one is no evidence either
// way. Nothing is looked up but the compiled tables: no regular-expression engine, no I/O.
//
// Thread safety: pure functions; the tables are immutable (built once, thread-safely).
// Complexity: O(length of the user agent).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/time.hpp>
#include <smstrack/model/tracking.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// What the tracking host knows of the network a click came from (its own IP lookup).
enum class click_network : std::uint8_t {
  unknown = 0,      ///< no lookup: no evidence either way
  consumer = 1,     ///< a mobile or residential network
  data_centre = 2,  ///< a hosting or cloud provider: software, not a phone
};
BOOST_DESCRIBE_ENUM(click_network, unknown, consumer, data_centre)

/// What a click's request tells about who sent it.
struct click_facts {
  std::string_view user_agent;        ///< "" when the request had none
  std::string_view method;            ///< the HTTP method as sent ("GET", "HEAD"); "" when unknown, read as GET
  /// From the message's ack to the click; empty when it was not acknowledged. Negative when the
  /// click came before its ack was processed: the window holds either side of the ack.
  std::optional<duration> since_ack;
  click_network network = click_network::unknown;
};

struct click_classifier_settings {
  /// A click sooner than this after the ack is a prefetch (0 turns the rule off).
  duration prefetch_window = std::chrono::seconds(2);
  friend bool operator==(const click_classifier_settings&, const click_classifier_settings&) = default;
};
BOOST_DESCRIBE_STRUCT(click_classifier_settings, (), (prefetch_window))

struct click_verdict {
  click_class kind = click_class::human;
  std::string why;  ///< "" for human
  friend bool operator==(const click_verdict&, const click_verdict&) = default;
};
BOOST_DESCRIBE_STRUCT(click_verdict, (), (kind, why))

/// What a user agent alone says: the class and the name of the fetcher or pattern it matched.
struct user_agent_match {
  click_class kind = click_class::crawler;
  std::string_view name;  ///< a fetcher's name ("WhatsApp") or the isbot pattern; static storage
  friend bool operator==(const user_agent_match&, const user_agent_match&) = default;
};

/// The known fetcher, scanner or bot the user agent names; empty when it names none (a browser,
/// or no user agent).
[[nodiscard]] std::optional<user_agent_match> match_user_agent(std::string_view user_agent);

/// Classifies one click by the rules above.
/// Errors: invalid_argument (a method that is not an HTTP token (RFC 9110 §5.6.2) or longer than
/// 32 bytes; a negative prefetch_window).
[[nodiscard]] result<click_verdict> classify_click(const click_facts& facts,
                                                   const click_classifier_settings& settings = {});

SMSTRACK_END_NAMESPACE

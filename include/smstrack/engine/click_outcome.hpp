// A click on a tracking link as the tracking host hands it to the tracker, and what it resolved
// to (tracker::on_click).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/time.hpp>
#include <smstrack/model/tracking.hpp>
#include <smstrack/tracking/click_classifier.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// A click on a tracking link, as the tracking host received it.
struct incoming_click {
  std::string_view token;       ///< the last path segment of the link
  std::string_view user_agent;  ///< "" when unknown
  std::optional<timestamp> time;         ///< when it happened; now by the clock when absent
  std::optional<delivery_id> delivery;   ///< the delivery the link must belong to, when the host knows
  std::string_view method;               ///< the HTTP method ("GET", "HEAD"); "" when unknown, read as GET
  click_network network = click_network::unknown;  ///< the host's lookup of the client's network
};

/// What a click resolved to.
struct click_outcome {
  event_id click = 0;  ///< the stored click log
  delivery_id delivery = 0;
  log_id log = 0;
  url_id url = 0;
  std::string source_url;  ///< the registered URL as the content writes it, never anything from the request
  /// Where to redirect: the source URL, absolute — `http://` (or `https://`, per the delivery's
  /// `https_for_bare_links`) before a URL written without a scheme, which a browser would read
  /// as a path on the tracking host.
  std::string redirect_url;
  click_class kind = click_class::human;  ///< who clicked, as classified (SPEC §10)
  std::string why;                        ///< what decided it; "" for human
  /// An opt-out link made the number denylisted for the short code: a human click only.
  bool opted_out = false;
  friend bool operator==(const click_outcome&, const click_outcome&) = default;
};
BOOST_DESCRIBE_STRUCT(click_outcome, (), (click, delivery, log, url, source_url, redirect_url, kind, why, opted_out))

SMSTRACK_END_NAMESPACE

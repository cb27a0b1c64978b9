// Tracking: a delivery's tracked URLs with their clicks (per URL, and per label, URLs sharing a
// label being counted together), its click indicators, and a page of its click logs.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/engine/tracker.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// One tracked URL and its clicks.
struct url_clicks {
  tracked_url url;
  std::uint64_t clicks = 0;           ///< every click, human or not
  std::uint64_t distinct_clicks = 0;  ///< delivery logs with a human click on it
  click_class_counts by_class;
  friend bool operator==(const url_clicks&, const url_clicks&) = default;
};
BOOST_DESCRIBE_STRUCT(url_clicks, (), (url, clicks, distinct_clicks, by_class))

/// Which click logs a Tracking view shows: ascending by id after `after`.
struct click_query {
  event_id after = 0;
  std::size_t limit = 100;
};
BOOST_DESCRIBE_STRUCT(click_query, (), (after, limit))

struct tracking_view {
  delivery_id delivery = 0;
  std::uint64_t clicks = 0;           ///< every click, human or not
  std::uint64_t human_clicks = 0;
  std::uint64_t distinct_clicks = 0;  ///< logs with a human click
  double click_through_rate = 0;  ///< percent: distinct human clickers of counted links / success
  std::uint64_t opt_outs = 0;     ///< human clicks on opt-out links and STOP replies
  click_class_counts by_class;    ///< every click by class: previews, scanners, crawlers, prefetches apart
  std::vector<url_clicks> urls;                ///< by URL id
  std::vector<label_click_count> labels;       ///< by label, in order of first URL
  std::vector<click> click_logs;
  std::optional<event_id> next;  ///< pass as `after` for the next page; empty on the last
  friend bool operator==(const tracking_view&, const tracking_view&) = default;
};
BOOST_DESCRIBE_STRUCT(tracking_view, (),
                      (delivery, clicks, human_clicks, distinct_clicks, click_through_rate, opt_outs, by_class, urls,
                       labels, click_logs, next))

/// Errors: invalid_argument (limit 0 or above the tracker's max_page_size), unknown_delivery,
/// storage_failure.
[[nodiscard]] result<tracking_view> make_tracking_view(tracker& engine, delivery_id id, const click_query& query = {});

SMSTRACK_END_NAMESPACE

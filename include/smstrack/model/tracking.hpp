// Tracked URLs and clicks (SPEC §10): the links of a delivery's content that are replaced by
// tracking links, and one click record per resolved tracking link.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

enum class tracked_url_type : std::uint8_t {
  click = 1,
  open = 2,
  opt_out = 3,
  web = 4,
  transaction = 5,
  mirror = 6,
};
BOOST_DESCRIBE_ENUM(tracked_url_type, click, open, opt_out, web, transaction, mirror)

enum class tracking_mode : std::uint8_t {
  enabled = 0,
  not_tracked = 1,
  always = 2,
  never = 3,
  opt_out = 4,
  mirror = 5,
};
BOOST_DESCRIBE_ENUM(tracking_mode, enabled, not_tracked, always, never, opt_out, mirror)

struct tracked_url {
  delivery_id delivery = 0;
  url_id id = 0;
  std::string label;  ///< URLs with the same label are counted together
  tracked_url_type type = tracked_url_type::click;
  tracking_mode mode = tracking_mode::enabled;
  std::string source_url;
  friend bool operator==(const tracked_url&, const tracked_url&) = default;
};
BOOST_DESCRIBE_STRUCT(tracked_url, (), (delivery, id, label, type, mode, source_url))

/// Counted in click-through rate: every type but opt-out and mirror links (SPEC §10).
constexpr bool counts_in_click_through(tracked_url_type type) noexcept {
  return type != tracked_url_type::opt_out && type != tracked_url_type::mirror;
}

struct click {
  delivery_id delivery = 0;
  event_id id = 0;  ///< assigned by the store
  log_id log = 0;
  url_id url = 0;
  timestamp time{};
  std::optional<std::string> user_agent;
  friend bool operator==(const click&, const click&) = default;
};
BOOST_DESCRIBE_STRUCT(click, (), (delivery, id, log, url, time, user_agent))

/// Click counts of one tracked URL.
struct url_click_count {
  url_id url = 0;
  std::uint64_t clicks = 0;
  std::uint64_t distinct_clicks = 0;  ///< delivery logs with at least one click on it
  friend bool operator==(const url_click_count&, const url_click_count&) = default;
};
BOOST_DESCRIBE_STRUCT(url_click_count, (), (url, clicks, distinct_clicks))

/// Click counts of the URLs that share a label (counted together, SPEC §10).
struct label_click_count {
  std::string label;
  std::vector<url_id> urls;
  std::uint64_t clicks = 0;
  std::uint64_t distinct_clicks = 0;  ///< delivery logs with at least one click on one of them
  friend bool operator==(const label_click_count&, const label_click_count&) = default;
};
BOOST_DESCRIBE_STRUCT(label_click_count, (), (label, urls, clicks, distinct_clicks))

SMSTRACK_END_NAMESPACE

// Tracked URLs and clicks (SPEC §10): the links of a delivery's content that are replaced by
// tracking links, and one click record per resolved tracking link.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstddef>
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

/// Who opened a tracking link (SPEC §10): a person, or software that no person asked for — the
/// link-preview fetcher of a messaging app, a security scanner, a crawler or other bot, or a
/// prefetch right after the message arrived. Values are stable: stores keep them.
enum class click_class : std::uint8_t {
  human = 0,
  link_preview = 1,
  security_scanner = 2,
  crawler = 3,
  prefetch = 4,
};
BOOST_DESCRIBE_ENUM(click_class, human, link_preview, security_scanner, crawler, prefetch)
inline constexpr std::size_t click_class_count = 5;

/// Clicks counted by class.
struct click_class_counts {
  std::uint64_t human = 0;
  std::uint64_t link_preview = 0;
  std::uint64_t security_scanner = 0;
  std::uint64_t crawler = 0;
  std::uint64_t prefetch = 0;

  /// The counter of `kind`.
  constexpr std::uint64_t& operator[](click_class kind) noexcept { return counter(*this, kind); }
  constexpr std::uint64_t operator[](click_class kind) const noexcept { return counter(*this, kind); }
  [[nodiscard]] constexpr std::uint64_t non_human() const noexcept {
    return link_preview + security_scanner + crawler + prefetch;
  }
  [[nodiscard]] constexpr std::uint64_t total() const noexcept { return human + non_human(); }
  constexpr click_class_counts& operator+=(const click_class_counts& other) noexcept {
    human += other.human;
    link_preview += other.link_preview;
    security_scanner += other.security_scanner;
    crawler += other.crawler;
    prefetch += other.prefetch;
    return *this;
  }
  friend bool operator==(const click_class_counts&, const click_class_counts&) = default;

 private:
  template <class Counts>
  static constexpr auto counter(Counts& counts, click_class kind) noexcept -> decltype((counts.human)) {
    switch (kind) {
      case click_class::link_preview: return counts.link_preview;
      case click_class::security_scanner: return counts.security_scanner;
      case click_class::crawler: return counts.crawler;
      case click_class::prefetch: return counts.prefetch;
      case click_class::human: break;
    }
    return counts.human;
  }
};
BOOST_DESCRIBE_STRUCT(click_class_counts, (), (human, link_preview, security_scanner, crawler, prefetch))

/// What a click counts as (SPEC §10): every click counts in `clicks` and in its class; only a
/// person's makes a clicker, counts in the click-through rate (on a link counted there) and, on an
/// opt-out link, opts out. The one rule every count of clicks follows.
struct click_effects {
  bool clicker = false;        ///< its log counts among the distinct clickers
  bool click_through = false;  ///< its log counts among the clickers of the click-through rate
  bool opt_out = false;        ///< it asks to opt out
};

constexpr click_effects effects_of(click_class kind, tracked_url_type type) noexcept {
  const bool human = kind == click_class::human;
  return {human, human && counts_in_click_through(type), human && type == tracked_url_type::opt_out};
}

struct click {
  delivery_id delivery = 0;
  event_id id = 0;  ///< assigned by the store
  log_id log = 0;
  url_id url = 0;
  timestamp time{};
  std::optional<std::string> user_agent;
  click_class kind = click_class::human;  ///< who clicked, as the click classifier decided
  std::string why;  ///< what decided it ("user agent matches \"bot\"", "HEAD request"); "" for human
  friend bool operator==(const click&, const click&) = default;
};
BOOST_DESCRIBE_STRUCT(click, (), (delivery, id, log, url, time, user_agent, kind, why))

/// Click counts of one tracked URL.
struct url_click_count {
  url_id url = 0;
  std::uint64_t clicks = 0;           ///< every click, human or not
  std::uint64_t distinct_clicks = 0;  ///< delivery logs with at least one human click on it
  click_class_counts by_class;        ///< the clicks by class
  friend bool operator==(const url_click_count&, const url_click_count&) = default;
};
BOOST_DESCRIBE_STRUCT(url_click_count, (), (url, clicks, distinct_clicks, by_class))

/// Click counts of the URLs that share a label (counted together, SPEC §10).
struct label_click_count {
  std::string label;
  std::vector<url_id> urls;
  std::uint64_t clicks = 0;           ///< every click, human or not
  std::uint64_t distinct_clicks = 0;  ///< delivery logs with at least one human click on one of them
  click_class_counts by_class;
  friend bool operator==(const label_click_count&, const label_click_count&) = default;
};
BOOST_DESCRIBE_STRUCT(label_click_count, (), (label, urls, clicks, distinct_clicks, by_class))

SMSTRACK_END_NAMESPACE

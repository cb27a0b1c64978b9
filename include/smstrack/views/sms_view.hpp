// SMS: the message of a delivery as its author sees it — the content, read-only once the
// delivery left editing, its encoding and parts as written, the characters that force UCS-2
// (so a user interface can highlight them), its personalization fields and tracked URLs, and
// what the personalized messages of the last analysis cost.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/engine/tracker.hpp>
#include <smstrack/text/sms_encoding.hpp>

#include <boost/describe/class.hpp>

#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct sms_view {
  delivery_id delivery = 0;
  std::string content;
  std::string sender;
  bool frozen = false;  ///< the content can no longer change (the delivery left editing)
  /// The content as a recipient without fields would get it (links as written, transliterated
  /// when the delivery says so) and what it costs.
  std::string preview;
  segment_count preview_count;
  std::vector<text_character> outside_gsm7;  ///< characters of the preview that force UCS-2
  std::vector<std::string> fields;           ///< the personalization fields, in order of first use
  std::vector<tracked_url> urls;
  std::uint16_t max_parts = 0;
  bool transliterate = false;
  bool latin1 = false;
  std::string tracking_host;
  message_summary messages;  ///< the personalized messages of the last analysis
  friend bool operator==(const sms_view&, const sms_view&) = default;
};
BOOST_DESCRIBE_STRUCT(sms_view, (),
                      (delivery, content, sender, frozen, preview, preview_count, outside_gsm7, fields, urls,
                       max_parts, transliterate, latin1, tracking_host, messages))

/// Errors: unknown_delivery, storage_failure.
[[nodiscard]] result<sms_view> make_sms_view(tracker& engine, delivery_id id);

SMSTRACK_END_NAMESPACE

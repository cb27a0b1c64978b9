// The personalized message of each delivery log (SPEC §7, §10): the content with its
// `{{field}}` placeholders filled from the recipient's fields and each tracked link replaced by
// its tracking link `https://<tracking host>/<token>`, transliterated when the delivery says so,
// and what it costs: encoding, units and parts.
//
// The URLs of a content are found once (text/url_detection.hpp) in its literal text. Each
// distinct URL, in order of first appearance, is one tracked URL of the registry (ids 1..n);
// the label, type and mode a host configured for the same URL apply, else the URL itself, click
// and enabled. Links in mode never or not_tracked stay as written. A URL that touches a
// placeholder (`acme.example/p?c={{code}}`) is personalized: it stays as written, untracked,
// and is reported so the host can be told.
//
// Thread safety: a renderer is immutable; render may be called from several threads at once.
// Complexity: render is linear in the message (one token signature per tracked link).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/content/message_template.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/recipient.hpp>
#include <smstrack/model/tracking.hpp>
#include <smstrack/text/sms_encoding.hpp>
#include <smstrack/tracking/tracking_token.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// The URLs of a content.
struct content_links {
  std::vector<tracked_url> urls;          ///< the registry, ids 1..n in order of first appearance
  std::vector<std::string> personalized;  ///< URLs touching a placeholder: kept as written
  friend bool operator==(const content_links&, const content_links&) = default;
};

/// The registry of `content`'s URLs for `delivery`, with the settings `configured` holds for
/// the same source URLs (their ids are ignored).
[[nodiscard]] content_links links_of(delivery_id delivery, const message_template& content,
                                     std::span<const tracked_url> configured);

/// Whether a URL in this mode is replaced by a tracking link.
[[nodiscard]] constexpr bool is_tracked(tracking_mode mode) noexcept {
  return mode != tracking_mode::never && mode != tracking_mode::not_tracked;
}

struct rendering_options {
  encoding_options encoding;
  bool transliterate = false;
  std::string tracking_host;           ///< "" leaves every link as written
  std::optional<token_signer> signer;  ///< required when a link is tracked
};

/// Whether `host` can be a tracking host: a DNS name of letters, digits and hyphens, dotted,
/// at most 253 characters. Errors: invalid_settings naming the problem.
[[nodiscard]] result<void> check_tracking_host(std::string_view host);

class message_renderer {
 public:
  /// A renderer of `content` for `delivery` with the registry `urls` (as links_of made it).
  /// Errors: invalid_settings — a tracking host that check_tracking_host refuses, or tracked
  /// links without a signer.
  [[nodiscard]] static result<message_renderer> make(delivery_id delivery, const message_template& content,
                                                      std::span<const tracked_url> urls, rendering_options options);

  /// Appends the message of `log`, for a recipient with `fields`, to `out` and returns its
  /// encoding and parts. Field values must be valid UTF-8 (see check_fields).
  /// Errors: invalid_text when the rendered message is not valid UTF-8.
  [[nodiscard]] result<segment_count> render(log_id log, std::span<const recipient_field> fields,
                                             std::string& out) const;

  /// How many tracking links each message carries.
  [[nodiscard]] std::size_t tracked_links() const noexcept;
  [[nodiscard]] const message_template& content() const noexcept { return content_; }

 private:
  enum class kind : std::uint8_t { literal, field, link };
  struct piece {
    kind what = kind::literal;
    std::size_t offset = 0;  ///< literal: bytes of the content; field: the template piece's name
    std::size_t length = 0;
    url_id url = 0;          ///< link: the tracked URL
  };

  void append(log_id log, std::span<const recipient_field> fields, std::string& out) const;

  delivery_id delivery_ = 0;
  message_template content_;
  std::vector<piece> pieces_;
  rendering_options options_;
};

/// Checks a recipient's fields before rendering: names and values valid UTF-8 without NUL
/// bytes, each value at most `max_value_bytes`. Errors: invalid_text naming the field.
[[nodiscard]] result<void> check_fields(std::span<const recipient_field> fields, std::size_t max_value_bytes);

SMSTRACK_END_NAMESPACE

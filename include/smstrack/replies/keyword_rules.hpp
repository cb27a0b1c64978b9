// Keyword rules for incoming replies (MO, SPEC §9): what a reply such as "STOP" asks for.
//
// A reply's keyword is its first word: leading blanks and punctuation are skipped, then the
// word runs over letters, digits, hyphens inside it ("OPT-OUT") and any non-ASCII byte (so
// "ARRÊT" stays one word). Rules are tried top to bottom and the first that matches wins: a rule
// matches when the word starts with its keyword (ASCII letters compared without regard to
// case) and the reply arrived on its short code; an empty keyword or short code matches any.
//
// Thread safety: values and pure functions.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/reply.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct keyword_rule {
  std::string keyword;     ///< "" matches any reply
  std::string short_code;  ///< "" matches replies on any short code
  reply_action action = reply_action::none;
  std::string reply;  ///< text the host sends back ("" = none)
  friend bool operator==(const keyword_rule&, const keyword_rule&) = default;
};
BOOST_DESCRIBE_STRUCT(keyword_rule, (), (keyword, short_code, action, reply))

/// Keywords and reply texts longer than these are refused by validate.
inline constexpr std::size_t max_keyword_bytes = 32;
inline constexpr std::size_t max_reply_bytes = 640;

/// The standard opt-out words (STOP, ARRET, CANCEL, END, OPTOUT, OPT-OUT, QUIT, REMOVE, TD,
/// UNSUBSCRIBE) send to quarantine, START and UNSTOP remove from quarantine; every short code,
/// with an English confirmation text.
[[nodiscard]] std::vector<keyword_rule> default_keyword_rules();

/// Errors: invalid_settings naming the rule (1-based): a keyword that is not one word as
/// first_word reads it, or longer than max_keyword_bytes; a reply text longer than
/// max_reply_bytes or not valid UTF-8.
[[nodiscard]] result<void> validate(std::span<const keyword_rule> rules);

/// The first word of a reply ("" when it has none).
[[nodiscard]] std::string_view first_word(std::string_view text) noexcept;

/// The index of the first rule that matches a reply received on `short_code`, or nothing.
[[nodiscard]] std::optional<std::size_t> match_keyword(std::span<const keyword_rule> rules,
                                                       std::string_view short_code, std::string_view text) noexcept;

SMSTRACK_END_NAMESPACE

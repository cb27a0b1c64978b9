#include "bot_patterns.hpp"

#include "../text/ascii.hpp"

SMSTRACK_BEGIN_NAMESPACE
namespace tracking_detail {
namespace {

#include "bot_patterns.inc"

using ascii::is_alpha;
using ascii::is_digit;
using ascii::lower;
/// \w of a JavaScript regular expression: [A-Za-z0-9_].
constexpr bool is_word(char c) noexcept { return ascii::is_alnum(c) || c == '_'; }
/// \s, as far as ASCII goes.
constexpr bool is_space(char c) noexcept { return ascii::is_blank(c); }

/// A word character at `at` (false beyond either end).
bool word_at(std::string_view s, std::size_t at) noexcept { return at < s.size() && is_word(s[at]); }
/// \b before position `at`.
bool boundary_at(std::string_view s, std::size_t at) noexcept {
  return (at > 0 && is_word(s[at - 1])) != word_at(s, at);
}

/// `s` at `at` holds `lower_text`, ASCII case-insensitively.
bool holds_at(std::string_view s, std::size_t at, std::string_view lower_text) noexcept {
  if (at > s.size() || s.size() - at < lower_text.size()) return false;
  for (std::size_t i = 0; i < lower_text.size(); ++i) {
    if (lower(s[at + i]) != lower_text[i]) return false;
  }
  return true;
}

bool edge_holds(edge e, std::string_view s, std::size_t at, bool after) noexcept {
  switch (e) {
    case edge::any: return true;
    case edge::word_boundary: return boundary_at(s, at);
    case edge::word_boundary_or_underscore: return boundary_at(s, at) || (after && at < s.size() && s[at] == '_');
    case edge::digit: return after && at < s.size() && is_digit(s[at]);
  }
  return false;
}

/// The end of the run of characters from `at` that `in_run` accepts.
template <typename Predicate>
std::size_t run_end(std::string_view s, std::size_t at, Predicate in_run) noexcept {
  while (at < s.size() && in_run(s[at])) ++at;
  return at;
}

bool at_domain(std::string_view s) noexcept {
  for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    if (at + 1 >= s.size() || !is_alpha(s[at + 1])) continue;
    const std::size_t end = run_end(s, at + 2, [](char c) { return is_word(c) || c == '-'; });
    if (end > at + 2 && end < s.size() && s[end] == '.') return true;
  }
  return false;
}

// "name 1.2" or "name/v1.2.3" alone, or before a comma.
bool name_and_version_only(std::string_view s) noexcept {
  const auto in_name = [](char c) {
    return is_word(c) || c == ' ' || c == '.' || c == '-' || c == '(' || c == '?' || c == ':' || c == ')' || c == '%';
  };
  std::size_t at = run_end(s, 0, in_name);
  if (at == 0) return false;
  if (at == s.size() || s[at] == ',') return true;
  if (s[at] != '/') return false;
  ++at;
  if (at < s.size() && lower(s[at]) == 'v') ++at;
  // Digit groups separated by dots: the first two of any length, the others of 1 to 10 digits.
  for (int group = 0;; ++group) {
    const std::size_t end = run_end(s, at, is_digit);
    if (end == at || (group >= 2 && end - at > 10)) return false;
    at = end;
    if (at == s.size() || s[at] == ',') return true;
    if (s[at] != '.') return false;
    ++at;
  }
}

bool long_without_space(std::string_view s) noexcept {
  return s.size() >= 50 && s.find(' ') == std::string_view::npos;
}

bool leading_number(std::string_view s) noexcept {
  const std::size_t end = run_end(s, 0, is_digit);
  return end > 0 && !word_at(s, end);
}

bool first_word_ends_in_search(std::string_view s) noexcept {
  constexpr std::string_view search = "search";
  const std::size_t end = run_end(s, 0, is_word);
  return end >= search.size() && holds_at(s, end - search.size(), search);
}

bool single_product_token(std::string_view s) noexcept {
  const std::size_t name = run_end(s, 0, is_word);
  if (name == 0 || name == s.size() || s[name] != '/') return false;
  return run_end(s, name + 1, [](char c) { return is_word(c) || c == '(' || c == ')'; }) == s.size();
}

/// The position after "mozilla/<d>.<d><space>" at the start, or 0.
std::size_t after_mozilla_version(std::string_view s) noexcept {
  constexpr std::string_view mozilla = "mozilla/";
  const std::size_t at = mozilla.size();
  if (!ascii::starts_with_nocase(s, mozilla) || s.size() < at + 4) return 0;
  const bool version = is_digit(s[at]) && s[at + 1] == '.' && is_digit(s[at + 2]) && is_space(s[at + 3]);
  return version ? at + 4 : 0;
}

bool mozilla_and_one_word(std::string_view s) noexcept {
  const std::size_t at = after_mozilla_version(s);
  return at > 0 && at < s.size() && run_end(s, at, [](char c) { return is_word(c) || c == '.' || c == '-'; }) == s.size();
}

// "Mozilla/5.0 (compatible)", "Mozilla/5.0 (compatible; Name/1.2)".
bool mozilla_compatible_bare(std::string_view s) noexcept {
  constexpr std::string_view compatible = "(compatible";
  std::size_t at = after_mozilla_version(s);
  if (at == 0 || !holds_at(s, at, compatible)) return false;
  at += compatible.size();
  if (at < s.size() && s[at] == ';') ++at;
  if (at + 1 == s.size() && s[at] == ')') return true;
  if (at == s.size() || !is_space(s[at])) return false;
  const std::size_t name = run_end(s, at + 1, is_word);
  if (name == at + 1 || name == s.size() || s[name] != '/') return false;
  const std::size_t major = run_end(s, name + 1, is_digit);
  if (major == name + 1 || major == s.size() || s[major] != '.') return false;
  const std::size_t minor = run_end(s, major + 1, is_digit);
  return minor > major + 1 && minor + 1 == s.size() && s[minor] == ')';
}

bool template_placeholder(std::string_view s) noexcept {
  return s.size() >= 4 && s.starts_with("{{") && s.ends_with("}}") && s.find_first_of("\n\r") == std::string_view::npos;
}

}  // namespace

std::span<const bot_literal> isbot_literal_table() noexcept { return isbot_literals; }
std::span<const bot_shape> isbot_shape_table() noexcept { return isbot_shapes; }

bool meets_conditions(const bot_literal& literal, std::string_view agent, std::size_t start, std::size_t end) noexcept {
  if (literal.at_start && start != 0) return false;
  if (!edge_holds(literal.before, agent, start, false) || !edge_holds(literal.after, agent, end, true)) return false;
  for (std::string_view before : literal.not_preceded_by) {
    if (!before.empty() && start >= before.size() && holds_at(agent, start - before.size(), before)) return false;
  }
  for (std::string_view after : literal.not_followed_by) {
    if (!after.empty() && holds_at(agent, end, after)) return false;
  }
  return true;
}

bool has_shape(bot_shape_kind kind, std::string_view agent) noexcept {
  switch (kind) {
    case bot_shape_kind::at_domain: return at_domain(agent);
    case bot_shape_kind::name_and_version_only: return name_and_version_only(agent);
    case bot_shape_kind::long_without_space: return long_without_space(agent);
    case bot_shape_kind::leading_number: return leading_number(agent);
    case bot_shape_kind::first_word_ends_in_search: return first_word_ends_in_search(agent);
    case bot_shape_kind::single_product_token: return single_product_token(agent);
    case bot_shape_kind::mozilla_and_one_word: return mozilla_and_one_word(agent);
    case bot_shape_kind::mozilla_compatible_bare: return mozilla_compatible_bare(agent);
    case bot_shape_kind::template_placeholder: return template_placeholder(agent);
  }
  return false;
}

}  // namespace tracking_detail
SMSTRACK_END_NAMESPACE

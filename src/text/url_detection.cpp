#include <smstrack/text/url_detection.hpp>

#include "ascii.hpp"
#include "host_name.hpp"
#include "utf8_decode.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr std::string_view top_level_domains[] = {
#include "top_level_domains.inc"
};
constexpr bool is_host_char(char c) noexcept { return host_name::is_label_char(c) || c == '.'; }

// Unicode spaces and quotation marks, which end a URL and may precede one.
constexpr bool is_unicode_delimiter(char32_t c) noexcept {
  return c == 0x00A0 || c == 0x00AB || c == 0x00BB || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0x3001 || c == 0x3002 ||
         (c >= 0x2018 && c <= 0x201F) || c == 0x2026 || c == 0x2039 || c == 0x203A;
}

// ASCII bytes that end a URL wherever they appear.
constexpr std::array<bool, 128> url_terminators = [] {
  std::array<bool, 128> table{};
  for (int c = 0; c <= 0x20; ++c) table[static_cast<std::size_t>(c)] = true;
  table[0x7F] = true;
  for (const char c : {'<', '>', '"', '\\', '^', '{', '}', '|', '`'}) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

// Characters a URL must not start right after (the host would be part of a larger word).
constexpr bool glues_to_host(char c) noexcept {
  return is_host_char(c) || c == '@' || c == '/' || c == '\\' || c == '_' || c == ':' || c == '%' ||
         c == '#' || c == '&' || c == '+' || c == '~' || c == '$' || c == '=';
}

constexpr bool is_trailing_punctuation(char c) noexcept {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '"';
}

// The character that ends at `end` (exclusive), decoded, or bytes == 0.
utf8::decoded character_before(std::string_view text, std::size_t end) noexcept {
  std::size_t start = end;
  while (start > 0 && end - start < 4) {
    --start;
    if ((static_cast<unsigned char>(text[start]) & 0xC0) != 0x80) break;
  }
  const utf8::decoded c = utf8::decode(text, start);
  return start + c.bytes == end ? c : utf8::decoded{};
}

// Whether a URL may start at `at`: at the start, after a blank or punctuation that does not
// glue, or after a Unicode space or quotation mark.
bool starts_cleanly(std::string_view text, std::size_t at) noexcept {
  if (at == 0) return true;
  const char before = text[at - 1];
  if (static_cast<unsigned char>(before) < 0x80) return !glues_to_host(before);
  const utf8::decoded c = character_before(text, at);
  return c.bytes != 0 && is_unicode_delimiter(c.code_point);
}

bool equals_nocase(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && ascii::starts_with_nocase(a, b);
}

bool all_digits(std::string_view s) noexcept { return std::all_of(s.begin(), s.end(), ascii::is_digit); }

struct candidate {
  std::size_t start = 0;      ///< of the URL (its scheme, or its host)
  std::size_t host_start = 0;
  std::size_t host_end = 0;
  bool has_scheme = false;
};

// The scheme before `host_start` ("http://"): nullopt when there is none, false when it is one
// a URL may not have.
std::optional<bool> http_scheme_before(std::string_view text, std::size_t host_start, std::size_t from,
                                       std::size_t& scheme_start) noexcept {
  if (host_start < from + 3 || text.substr(host_start - 3, 3) != "://") return std::nullopt;
  std::size_t start = host_start - 3;
  while (start > from && ascii::is_alpha(text[start - 1])) --start;
  const std::string_view scheme = text.substr(start, host_start - 3 - start);
  scheme_start = start;
  return (equals_nocase(scheme, "http") || equals_nocase(scheme, "https")) && starts_cleanly(text, start);
}

bool host_is_acceptable(std::string_view host, bool has_scheme) noexcept {
  if (host_name::label_count(host) < 2) return false;
  if (has_scheme || (host.size() > 4 && ascii::starts_with_nocase(host, "www."))) return true;
  const std::string_view tld = host.substr(host.rfind('.') + 1);
  return !all_digits(tld) && is_top_level_domain(tld);
}

// The end of the port, path, query and fragment after the host, before trailing punctuation.
std::size_t end_of_url(std::string_view text, std::size_t at) noexcept {
  if (at + 1 < text.size() && text[at] == ':' && ascii::is_digit(text[at + 1])) {
    std::size_t digits = at + 1;
    while (digits < text.size() && ascii::is_digit(text[digits])) ++digits;
    if (digits - at - 1 > 5) return at;
    at = digits;
  }
  if (at >= text.size() || (text[at] != '/' && text[at] != '?' && text[at] != '#')) return at;
  int parentheses = 0;
  int brackets = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const utf8::decoded u = utf8::decode(text, at);
      if (u.bytes == 0 || is_unicode_delimiter(u.code_point)) break;
      at += u.bytes;
      continue;
    }
    if (url_terminators[static_cast<unsigned char>(c)]) break;
    if (c == '(') ++parentheses;
    if (c == '[') ++brackets;
    if (c == ')' && --parentheses < 0) break;
    if (c == ']' && --brackets < 0) break;
    ++at;
  }
  return at;
}

std::size_t without_trailing_punctuation(std::string_view text, std::size_t start, std::size_t end) noexcept {
  constexpr std::string_view ellipsis = "\xE2\x80\xA6";
  while (end > start) {
    if (is_trailing_punctuation(text[end - 1])) {
      --end;
    } else if (end - start >= ellipsis.size() && text.substr(end - ellipsis.size(), ellipsis.size()) == ellipsis) {
      end -= ellipsis.size();
    } else {
      break;
    }
  }
  return end;
}

// The URL whose host contains the dot at `dot`, if any; `resume` is set past the examined host.
std::optional<url_match> url_around(std::string_view text, std::size_t dot, std::size_t from,
                                    std::size_t& resume) noexcept {
  std::size_t host_start = dot;
  while (host_start > from && is_host_char(text[host_start - 1])) --host_start;
  std::size_t host_end = dot;
  while (host_end < text.size() && is_host_char(text[host_end])) ++host_end;
  resume = host_end;
  while (host_end > host_start && (text[host_end - 1] == '.' || text[host_end - 1] == '-')) --host_end;
  while (host_start < host_end && text[host_start] == '.') ++host_start;
  if (host_end <= dot || host_start >= dot) return std::nullopt;
  if (host_end < text.size() && text[host_end] == '@') return std::nullopt;  // an e-mail's local part

  std::size_t start = host_start;
  const std::optional<bool> scheme = http_scheme_before(text, host_start, from, start);
  if (scheme == false) return std::nullopt;
  const bool has_scheme = scheme.has_value();
  if (!has_scheme && !starts_cleanly(text, host_start)) return std::nullopt;
  if (!host_is_acceptable(text.substr(host_start, host_end - host_start), has_scheme)) return std::nullopt;

  const std::size_t end = without_trailing_punctuation(text, start, end_of_url(text, host_end));
  resume = std::max(resume, end);
  return url_match{start, end - start, has_scheme};
}

}  // namespace

bool is_top_level_domain(std::string_view label) noexcept {
  std::array<char, host_name::max_label> lowered{};
  if (label.empty() || label.size() > lowered.size()) return false;
  std::transform(label.begin(), label.end(), lowered.begin(), ascii::lower);
  const std::string_view key(lowered.data(), label.size());
  return std::binary_search(std::begin(top_level_domains), std::end(top_level_domains), key);
}

std::optional<url_match> find_url(std::string_view text, std::size_t from) noexcept {
  for (std::size_t at = from; at < text.size();) {
    const std::size_t dot = text.find('.', at);
    if (dot == std::string_view::npos) return std::nullopt;
    std::size_t resume = dot + 1;
    if (auto found = url_around(text, dot, from, resume)) return found;
    at = std::max(resume, dot + 1);
  }
  return std::nullopt;
}

std::vector<url_match> find_urls(std::string_view text) {
  std::vector<url_match> found;
  for (std::size_t at = 0; auto url = find_url(text, at);) {
    found.push_back(*url);
    at = url->offset + url->length;
  }
  return found;
}

SMSTRACK_END_NAMESPACE

#include <smstrack/text/url_detection.hpp>

#include "ascii.hpp"
#include "host_name.hpp"
#include "punycode.hpp"
#include "utf8_decode.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr std::string_view top_level_domains[] = {
#include "top_level_domains.inc"
};

struct code_point_range {
  char32_t first;
  char32_t last;
};
constexpr code_point_range url_letters[] = {
#include "url_letters.inc"
};

// Non-ASCII letters, marks and digits: part of a host label or a path. CJK and kana are not,
// nor are spaces, punctuation, symbols, emoji, format characters and invalid bytes: they end a
// URL (url_letters.inc says which).
bool is_url_letter(char32_t c) noexcept {
  const auto* after = std::upper_bound(std::begin(url_letters), std::end(url_letters), c,
                                       [](char32_t v, const code_point_range& r) { return v < r.first; });
  return after != std::begin(url_letters) && c <= std::prev(after)->last;
}

// A character of a text, as URL detection reads it.
struct character {
  char32_t code_point = 0;
  std::size_t bytes = 0;  ///< 0: no character (the text's end, or an invalid sequence)
  [[nodiscard]] bool is_ascii() const noexcept { return bytes == 1; }
  [[nodiscard]] char ascii() const noexcept { return static_cast<char>(code_point); }
  /// A letter or digit of a host label: ASCII, or a non-ASCII letter, mark or digit.
  [[nodiscard]] bool is_label_letter() const noexcept {
    if (bytes == 0) return false;
    return is_ascii() ? ascii::is_alnum(ascii()) : is_url_letter(code_point);
  }
  [[nodiscard]] bool is_host_char() const noexcept {
    return is_label_letter() || (is_ascii() && (ascii() == '-' || ascii() == '.'));
  }
};

character character_at(std::string_view text, std::size_t at) noexcept {
  if (at >= text.size()) return {};
  const utf8::decoded c = utf8::decode(text, at);
  return {c.code_point, c.bytes};
}

// The character that ends at `end` (exclusive), not before `floor`; none at `floor`.
character character_before(std::string_view text, std::size_t end, std::size_t floor) noexcept {
  if (end <= floor) return {};
  if (static_cast<unsigned char>(text[end - 1]) < 0x80) return {static_cast<unsigned char>(text[end - 1]), 1};
  std::size_t start = end - 1;
  while (start > floor && end - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  const utf8::decoded c = utf8::decode(text, start);
  return start + c.bytes == end ? character{c.code_point, c.bytes} : character{};
}

// ASCII bytes that end a URL wherever they appear.
constexpr std::array<bool, 128> url_terminators = [] {
  std::array<bool, 128> table{};
  for (int c = 0; c <= 0x20; ++c) table[static_cast<std::size_t>(c)] = true;
  table[0x7F] = true;
  for (const char c : {'<', '>', '"', '\\', '^', '{', '}', '|', '`'}) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

constexpr bool is_trailing_punctuation(char c) noexcept {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '"';
}

// Characters of an e-mail address's local part (RFC 5322 atext and dots): a URL followed by
// them up to an `@` is part of an address.
constexpr bool is_local_part_char(char c) noexcept {
  return ascii::is_alnum(c) || std::string_view(".!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

// Characters that, right after a URL's end, would have extended it: a URL that touches one did
// not end there (and a tracking link put in its place would run into it).
constexpr bool extends_url(char c) noexcept { return ascii::is_alnum(c) || c == '_' || c == '-'; }

bool equals_nocase(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && ascii::starts_with_nocase(a, b);
}

bool all_digits(std::string_view s) noexcept { return std::all_of(s.begin(), s.end(), ascii::is_digit); }

// The labels of `host` are 1 to 63 characters that neither start nor end with a hyphen; the
// number of labels, or 0 when one is not.
std::size_t label_count(std::string_view host) noexcept {
  std::size_t labels = 0;
  for (std::size_t start = 0; start <= host.size();) {
    const std::size_t dot = std::min(host.find('.', start), host.size());
    const std::string_view label = host.substr(start, dot - start);
    const auto characters = static_cast<std::size_t>(
        std::count_if(label.begin(), label.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    if (label.empty() || characters > host_name::max_label || label.front() == '-' || label.back() == '-') return 0;
    ++labels;
    start = dot + 1;
  }
  return labels;
}

bool host_is_acceptable(std::string_view host, bool has_scheme) noexcept {
  if (label_count(host) < 2) return false;
  if (has_scheme || (host.size() > 4 && ascii::starts_with_nocase(host, "www."))) return true;
  const std::string_view tld = host.substr(host.rfind('.') + 1);
  return !all_digits(tld) && is_top_level_domain(tld);
}

// The scheme before `host_start` ("http://"): nullopt when there is none, false when it is one a
// URL may not have or it is glued to an ASCII letter or digit. `scheme_start` is set to its start.
std::optional<bool> http_scheme_before(std::string_view text, std::size_t host_start, std::size_t from,
                                       std::size_t& scheme_start) noexcept {
  if (host_start < from + 3 || text.substr(host_start - 3, 3) != "://") return std::nullopt;
  std::size_t start = host_start - 3;
  while (start > from && ascii::is_alpha(text[start - 1])) --start;
  const std::string_view scheme = text.substr(start, host_start - 3 - start);
  scheme_start = start;
  const bool glued = start > from && ascii::is_digit(text[start - 1]);
  return (equals_nocase(scheme, "http") || equals_nocase(scheme, "https")) && !glued;
}

// Whether a host without a scheme may start at `at`: not after a letter, digit, `.`, `-`, `_`,
// `@` or `/` (the host would be part of a word, an address or a path).
bool bare_host_starts_cleanly(std::string_view text, std::size_t at, std::size_t from) noexcept {
  const character before = character_before(text, at, from);
  if (before.bytes == 0) return true;
  if (before.is_label_letter()) return false;
  return !before.is_ascii() || std::string_view(".-_@/").find(before.ascii()) == std::string_view::npos;
}

// Tracks the brackets of a path, nested: a bracket closed by its own kind belongs to it; a
// closing bracket that does not close the innermost open one ends the path; and the path ends
// before the outermost bracket still open at its end, so what it keeps is balanced.
class bracket_balance {
 public:
  // Whether the path goes on after `c` at `at`.
  bool take(char c, std::size_t at) noexcept {
    if (c == '(' || c == '[') {
      if (depth_ == max_depth) return false;
      if (depth_ == 0) first_open_ = at;
      square_ = square_ << 1 | (c == '[' ? 1u : 0u);
      ++depth_;
    } else if (c == ')' || c == ']') {
      if (depth_ == 0 || (square_ & 1u) != (c == ']' ? 1u : 0u)) return false;
      square_ >>= 1;
      --depth_;
    }
    return true;
  }
  // Where a path that reached `end` really ends.
  [[nodiscard]] std::size_t cut(std::size_t end) const noexcept { return depth_ > 0 ? std::min(end, first_open_) : end; }

 private:
  static constexpr unsigned max_depth = 64;
  std::uint64_t square_ = 0;  // one bit per open bracket, innermost lowest: 1 for `[`, 0 for `(`
  unsigned depth_ = 0;
  std::size_t first_open_ = 0;
};

// The end of the port, path, query and fragment after the host, before trailing punctuation.
std::size_t end_of_url(std::string_view text, std::size_t at) noexcept {
  if (at + 1 < text.size() && text[at] == ':' && ascii::is_digit(text[at + 1])) {
    std::size_t digits = at + 1;
    while (digits < text.size() && ascii::is_digit(text[digits])) ++digits;
    if (digits - at - 1 > 5) return at;
    at = digits;
  }
  if (at >= text.size() || (text[at] != '/' && text[at] != '?' && text[at] != '#')) return at;
  bracket_balance brackets;
  while (at < text.size()) {
    const char c = text[at];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const character u = character_at(text, at);
      if (!u.is_label_letter()) break;
      at += u.bytes;
      continue;
    }
    if (url_terminators[static_cast<unsigned char>(c)] || !brackets.take(c, at)) break;
    ++at;
  }
  return brackets.cut(at);
}

std::size_t without_trailing_punctuation(std::string_view text, std::size_t start, std::size_t end) noexcept {
  while (end > start && is_trailing_punctuation(text[end - 1])) --end;
  return end;
}

// Whether the URL ending at `end` is the start of an e-mail address: local-part characters up
// to an `@` that a host follows (an address's local part has at most 64 characters).
bool runs_into_address(std::string_view text, std::size_t start, std::size_t end) noexcept {
  const std::size_t limit = std::min(text.size(), start + 64);
  std::size_t at = end;
  while (at < limit && text[at] != '@' && is_local_part_char(text[at])) ++at;
  return at < limit && text[at] == '@' && character_at(text, at + 1).is_label_letter();
}

// The extent of the host run around the dot at `dot`: letters, digits, hyphens and dots.
struct host_run {
  std::size_t start = 0;
  std::size_t end = 0;
};

constexpr bool is_ascii_host_char(char c) noexcept { return host_name::is_label_char(c) || c == '.'; }

// ASCII bytes are looked at alone; only the rest is decoded.
host_run host_around(std::string_view text, std::size_t dot, std::size_t from) noexcept {
  host_run run{dot, dot};
  while (run.start > from) {
    const char b = text[run.start - 1];
    if (static_cast<unsigned char>(b) < 0x80) {
      if (!is_ascii_host_char(b)) break;
      --run.start;
      continue;
    }
    const character c = character_before(text, run.start, from);
    if (!c.is_label_letter()) break;
    run.start -= c.bytes;
  }
  while (run.end < text.size()) {
    const char b = text[run.end];
    if (static_cast<unsigned char>(b) < 0x80) {
      if (!is_ascii_host_char(b)) break;
      ++run.end;
      continue;
    }
    const character c = character_at(text, run.end);
    if (!c.is_label_letter()) break;
    run.end += c.bytes;
  }
  return run;
}

// The URL whose host contains the dot at `dot`, if any; `resume` is set past what was examined.
std::optional<url_match> url_around(std::string_view text, std::size_t dot, std::size_t from,
                                    std::size_t& resume) noexcept {
  host_run host = host_around(text, dot, from);
  resume = host.end;
  while (host.end > host.start && (text[host.end - 1] == '.' || text[host.end - 1] == '-')) --host.end;
  while (host.start < host.end && text[host.start] == '.') ++host.start;
  if (host.end <= dot || host.start >= dot) return std::nullopt;
  if (host.end < text.size() && text[host.end] == '@') return std::nullopt;  // an e-mail's local part

  std::size_t start = host.start;
  const std::optional<bool> scheme = http_scheme_before(text, host.start, from, start);
  if (scheme == false) {
    resume = std::max(resume, end_of_url(text, host.end));  // nothing of another scheme's URL
    return std::nullopt;
  }
  const bool has_scheme = scheme.has_value();
  if (!has_scheme && !bare_host_starts_cleanly(text, host.start, from)) return std::nullopt;
  if (!host_is_acceptable(text.substr(host.start, host.end - host.start), has_scheme)) return std::nullopt;

  const std::size_t end = without_trailing_punctuation(text, start, end_of_url(text, host.end));
  resume = std::max(resume, end);
  if (end < text.size() && extends_url(text[end])) return std::nullopt;
  if (!has_scheme && runs_into_address(text, start, end)) return std::nullopt;
  return url_match{start, end - start, has_scheme};
}

}  // namespace

bool is_top_level_domain(std::string_view label) noexcept {
  const bool ascii_only = std::all_of(label.begin(), label.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii_only && !(label.size() > 4 && ascii::starts_with_nocase(label, "xn--"))) {
    std::array<char, host_name::max_label> lowered{};
    if (label.empty() || label.size() > lowered.size()) return false;
    std::transform(label.begin(), label.end(), lowered.begin(), ascii::lower);
    return std::binary_search(std::begin(top_level_domains), std::end(top_level_domains),
                              std::string_view(lowered.data(), label.size()));
  }
  std::optional<punycode::utf8_label> key;
  if (label.size() > 4 && ascii::starts_with_nocase(label, "xn--")) {
    key = punycode::decode(label.substr(4));
    if (key) key = punycode::lower(key->view());
  } else {
    key = punycode::lower(label);
  }
  if (!key || key->size == 0) return false;
  return std::binary_search(std::begin(top_level_domains), std::end(top_level_domains), key->view());
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

std::string absolute_url(std::string_view url, bool https) {
  if (ascii::starts_with_nocase(url, "http://") || ascii::starts_with_nocase(url, "https://")) return std::string(url);
  return (https ? "https://" : "http://") + std::string(url);
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

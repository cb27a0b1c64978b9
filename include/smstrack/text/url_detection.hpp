// URL detection in SMS text (SPEC §10): the links a delivery's content carries, which tracking
// replaces with tracking links. A URL is found whole or not at all: replacing part of one would
// leave the rest dangling in the recipient's message.
//
// A URL is one of:
// - `http://` or `https://` (scheme in any case) followed by a dotted host name or IPv4 address;
// - a host starting with `www.` followed by at least one more label;
// - a bare `host.tld`, whose last label is a real top-level domain (the ICANN section of the
//   Public Suffix List, compiled in), in Unicode (`рф`) or Punycode (`xn--p1ai`), any case.
// Host labels are letters, digits and inner hyphens, Unicode letters and digits included
// (`münchen.de`, `пример.рф`, `ELPAÍS.com`). Then an optional port (`:` and 1 to 5 digits) and a
// path, query or fragment (after `/`, `?` or `#`).
//
// Left boundary: a URL with a scheme starts after any character but an ASCII letter or digit
// (`Infos:https://…`, `🎁https://…`, `いまなにしてるhttp://…`); a bare or `www.` host after any
// character but a letter, digit, `.`, `-`, `_`, `@` or `/` (`👉acme.fr/soldes`, `Offre•acme.fr`).
// Right boundary: a blank, a control character, `< > " \ ^ { } |` and backquote, and any
// non-ASCII character that is not a letter, mark or digit — spaces and quotation marks,
// punctuation, emoji and symbols, invisible format and bidi characters — or is a CJK ideograph,
// kana or a fullwidth form. Trailing `. , ; : ! ? ' "` are not part of a URL. Balanced `(...)` and
// `[...]` belong to the path; a closing bracket without its opening ends the URL, and an opening
// one not closed within it is not part of it (`acme.fr/promo(offre limitée)` → `acme.fr/promo`).
// So a URL may be delimited by `( ) [ ] { }`.
//
// Not URLs: anything of an e-mail address (`jean.de+promo@gmail.com`), other schemes (`ftp://`,
// `file://`, nothing of their URL), numbers and versions (`3.14`, `1.2.3`), abbreviations
// (`e.g.`), file names whose extension is not a top-level domain (`report.pdf`; but `notes.zip`
// is one, `.zip` being a top-level domain), and a URL whose end touches a letter, digit, `_` or
// `-` (`acme.com_now`): it did not end there, and a tracking link in its place would run on into
// that character. A host needs a dot: `http://localhost` is not detected.
//
// Thread safety: pure functions. Complexity: linear in the text (candidates are found by their
// dots, an e-mail address is looked for at most 64 bytes ahead); find_url allocates nothing.
#pragma once

#include <smstrack/config.hpp>

#include <boost/describe/class.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// A URL found in a text: its bytes [offset, offset + length).
struct url_match {
  std::size_t offset = 0;
  std::size_t length = 0;
  bool has_scheme = false;  ///< starts with http:// or https://
  friend bool operator==(const url_match&, const url_match&) = default;
};
BOOST_DESCRIBE_STRUCT(url_match, (), (offset, length, has_scheme))

/// The first URL that starts at or after `from`, or nullopt. A text that is not valid UTF-8 is
/// read as bytes (a byte that is not part of a valid sequence ends a URL).
[[nodiscard]] std::optional<url_match> find_url(std::string_view text, std::size_t from = 0) noexcept;

/// Every URL of `text`, in order of appearance.
[[nodiscard]] std::vector<url_match> find_urls(std::string_view text);

/// `url` (as find_url found it) as an absolute URL: unchanged when it starts with `http://` or
/// `https://` (any case), otherwise with `https://` prepended when `https` is true and
/// `http://` when it is false.
[[nodiscard]] std::string absolute_url(std::string_view url, bool https);

/// Whether `label` (without dots; ASCII, UTF-8 or Punycode `xn--…`, any case) is a top-level
/// domain of the compiled list.
[[nodiscard]] bool is_top_level_domain(std::string_view label) noexcept;

SMSTRACK_END_NAMESPACE

// URL detection in SMS text (SPEC §10): the links a delivery's content carries, which tracking
// replaces with tracking links.
//
// A URL is one of:
// - `http://` or `https://` (scheme in any case) followed by a dotted host name or IPv4 address;
// - a host starting with `www.` followed by at least one more label;
// - a bare `host.tld`, whose last label is a real top-level domain (the ICANN section of the
//   Public Suffix List, compiled in; internationalized top-level domains are not recognised
//   bare, only after a scheme).
// Then an optional port (`:` and 1 to 5 digits) and a path, query or fragment (after `/`, `?` or
// `#`). A URL ends at a blank, a control character, `< > " \ ^ { } |` and backquote, a Unicode
// space or quotation mark, or a closing bracket that has no opening partner inside the URL;
// balanced `(...)` and `[...]` belong to the path. Trailing `. , ; : ! ? ' "` and `…` are not part
// of it. So a URL may be delimited by `( ) [ ] { }`.
// Not URLs: e-mail addresses (a host touching `@`), other schemes (`ftp://`, `file://`), numbers
// and versions (`3.14`, `1.2.3`), abbreviations (`e.g.`), file names whose extension is not a
// top-level domain (`report.pdf`; but `notes.zip` is one, `.zip` being a top-level domain), and a
// host glued to a preceding word character, `/`, `_`, `@` or `:`.
// A host needs a dot: `http://localhost` is not detected.
//
// Thread safety: pure functions. Complexity: linear in the text (candidates are found by their
// dots); find_url allocates nothing.
#pragma once

#include <smstrack/config.hpp>

#include <boost/describe/class.hpp>

#include <cstddef>
#include <optional>
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

/// Whether `label` (ASCII, any case, without dots) is a top-level domain of the compiled list.
[[nodiscard]] bool is_top_level_domain(std::string_view label) noexcept;

SMSTRACK_END_NAMESPACE

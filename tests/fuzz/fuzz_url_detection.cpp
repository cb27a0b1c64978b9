// URL detection: the URLs found lie inside the text, in order, without overlapping, start and
// end on UTF-8 character boundaries, hold no blank or control character, do not end with
// sentence punctuation, and are each found whole again on their own; find_url from any URL's
// start finds that URL; absolute_url gives an http(s) URL.
#include <smstrack/text/url_detection.hpp>
#include <smstrack/text/utf8.hpp>

#include "fuzz_check.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace smstrack;

bool continuation_byte(std::string_view text, std::size_t at) {
  return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
}

bool starts_with_scheme(std::string_view url) {
  const auto lower_prefix = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      const char c = url[i] >= 'A' && url[i] <= 'Z' ? static_cast<char>(url[i] - 'A' + 'a') : url[i];
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return lower_prefix("http://") || lower_prefix("https://");
}

void check_url(std::string_view text, const url_match& m, bool valid_utf8) {
  FUZZ_CHECK(m.length > 0 && m.offset <= text.size() && m.length <= text.size() - m.offset);
  const std::string_view url = text.substr(m.offset, m.length);
  if (valid_utf8) FUZZ_CHECK(!continuation_byte(text, m.offset) && !continuation_byte(text, m.offset + m.length));
  FUZZ_CHECK(m.has_scheme == starts_with_scheme(url));
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    FUZZ_CHECK(byte > 0x20 && byte != 0x7F && c != '<' && c != '>' && c != '"');
  }
  FUZZ_CHECK(std::string_view(".,;:!?'\"").find(url.back()) == std::string_view::npos);
  const auto found = find_url(text, m.offset);
  FUZZ_CHECK(found && *found == m);
  const auto alone = find_urls(url);
  FUZZ_CHECK(alone.size() == 1 && alone[0] == (url_match{0, m.length, m.has_scheme}));
  const std::string absolute = absolute_url(url, m.offset % 2 == 0);
  FUZZ_CHECK(starts_with_scheme(absolute) && absolute.ends_with(url));
  FUZZ_CHECK(!m.has_scheme || absolute == url);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool valid_utf8 = is_valid_utf8(text);
  const auto urls = find_urls(text);
  std::size_t end = 0;
  for (const url_match& m : urls) {
    FUZZ_CHECK(m.offset >= end);
    check_url(text, m, valid_utf8);
    end = m.offset + m.length;
  }
  const auto first = find_url(text);
  FUZZ_CHECK(first.has_value() == !urls.empty());
  FUZZ_CHECK(!first || *first == urls.front());
  return 0;
}

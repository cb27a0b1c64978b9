// DNS host names as URLs and tracking links use them (RFC 1123): dotted labels of 1 to 63
// ASCII letters, digits and inner hyphens, 253 characters at most. Shared by URL detection and
// the check of a delivery's tracking host.
#pragma once

#include <smstrack/config.hpp>

#include "ascii.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace host_name {

inline constexpr std::size_t max_label = 63;
inline constexpr std::size_t max_name = 253;

constexpr bool is_label_char(char c) noexcept { return ascii::is_alnum(c) || c == '-'; }

/// The number of labels of `host`, or 0 when a label is empty, too long, or starts or ends with
/// a hyphen (characters are not checked here).
constexpr std::size_t label_count(std::string_view host) noexcept {
  std::size_t labels = 0;
  for (std::size_t start = 0; start <= host.size();) {
    const std::size_t dot = std::min(host.find('.', start), host.size());
    const std::string_view label = host.substr(start, dot - start);
    if (label.empty() || label.size() > max_label || label.front() == '-' || label.back() == '-') return 0;
    ++labels;
    start = dot + 1;
  }
  return labels;
}

}  // namespace host_name
SMSTRACK_END_NAMESPACE

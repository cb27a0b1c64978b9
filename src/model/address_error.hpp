// The invalid_address error both address parsers give: the text (cut to 32 bytes) and why.
#pragma once

#include <smstrack/error.hpp>

#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

inline error invalid_address_error(std::string_view text, std::string_view why) {
  constexpr std::size_t shown = 32;
  std::string detail = "'";
  detail.append(text.substr(0, shown));
  if (text.size() > shown) detail += "...";
  detail += "': ";
  detail += why;
  return error{errc::invalid_address, std::move(detail)};
}

SMSTRACK_END_NAMESPACE

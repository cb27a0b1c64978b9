#include <smstrack/content/sender_id.hpp>

#include "../text/ascii.hpp"
#include "../text/quote_input.hpp"

#include <algorithm>
#include <string>

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr bool is_alphanumeric_sender_char(char c) noexcept {
  return ascii::is_alnum(c) || c == ' ' || c == '.' ||
         c == '-' || c == '_' || c == '&' || c == '\'';
}

error refused(std::string_view sender, std::string why) {
  return error{errc::invalid_sender, "sender id " + quote_input(sender) + ": " + std::move(why)};
}

result<void> check_number(std::string_view sender) {
  const std::string_view digits = sender.substr(sender.front() == '+' ? 1 : 0);
  if (digits.empty()) return refused(sender, "a number needs digits");
  if (sender.size() > max_numeric_sender) {
    return refused(sender, "a number has at most " + std::to_string(max_numeric_sender) + " characters");
  }
  return {};
}

}  // namespace

result<void> check_sender(std::string_view sender) {
  if (sender.empty()) return {};
  if (sender.front() == '+' || std::all_of(sender.begin(), sender.end(), ascii::is_digit)) {
    if (const auto bad = std::find_if_not(sender.begin() + 1, sender.end(), ascii::is_digit); bad != sender.end()) {
      return refused(sender, "a number holds only digits after '+' (byte " + std::to_string(bad - sender.begin()) + ")");
    }
    return check_number(sender);
  }
  if (const auto bad = std::find_if_not(sender.begin(), sender.end(), is_alphanumeric_sender_char); bad != sender.end()) {
    return refused(sender, "character not allowed in an alphanumeric sender id (byte " +
                               std::to_string(bad - sender.begin()) + ")");
  }
  if (sender.size() > max_alphanumeric_sender) {
    return refused(sender, "an alphanumeric sender id has at most " + std::to_string(max_alphanumeric_sender) +
                               " characters");
  }
  if (sender.front() == ' ' || sender.back() == ' ') return refused(sender, "starts or ends with a space");
  return {};
}

SMSTRACK_END_NAMESPACE

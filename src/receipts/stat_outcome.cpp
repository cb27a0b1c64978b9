#include <smstrack/receipts/stat_outcome.hpp>

#include <smstrack/receipts/receipt_text.hpp>

#include "../text/ascii.hpp"

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace {

using ascii::starts_with_nocase;

bool any_prefix(std::string_view stat, const std::vector<std::string>& prefixes) noexcept {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& prefix) { return starts_with_nocase(stat, prefix); });
}

result<void> check_prefixes(const std::vector<std::string>& prefixes, std::string_view set) {
  for (const std::string& prefix : prefixes) {
    if (prefix.empty()) return error{errc::invalid_settings, "an empty " + std::string(set) + " prefix matches every stat"};
    if (prefix.size() > receipt_text::max_stat_size) {
      return error{errc::invalid_settings, "the " + std::string(set) + " prefix \"" + prefix + "\" is longer than any stat"};
    }
  }
  return {};
}

}  // namespace

result<void> validate(const outcome_matchers& matchers) {
  if (auto ok = check_prefixes(matchers.success, "success"); !ok) return ok;
  if (auto ok = check_prefixes(matchers.error, "error"); !ok) return ok;
  for (const std::string& prefix : matchers.success) {
    if (std::any_of(matchers.error.begin(), matchers.error.end(), [&](const std::string& other) {
          return prefix.size() == other.size() && starts_with_nocase(prefix, other);
        })) {
      return error{errc::invalid_settings, "the prefix \"" + prefix + "\" is both a success and an error"};
    }
  }
  return {};
}

stat_outcome classify_stat(std::string_view stat, const outcome_matchers& matchers) noexcept {
  if (stat.empty()) return stat_outcome::intermediate;
  if (any_prefix(stat, matchers.success)) return stat_outcome::success;
  if (any_prefix(stat, matchers.error)) return stat_outcome::error;
  return stat_outcome::intermediate;
}

SMSTRACK_END_NAMESPACE

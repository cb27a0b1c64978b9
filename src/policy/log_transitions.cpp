#include <smstrack/policy/log_transitions.hpp>

#include <smstrack/model/json.hpp>

#include <array>
#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr std::uint8_t bit(log_status s) noexcept {
  return static_cast<std::uint8_t>(1U << static_cast<unsigned>(s));
}

// For each status (by value), the set of statuses it may move to, as a bit mask.
constexpr std::array<std::uint8_t, log_status_count> legal_successors = [] {
  using ls = log_status;
  std::array<std::uint8_t, log_status_count> masks{};
  masks[static_cast<std::size_t>(ls::pending)] =
      bit(ls::sent_to_provider) | bit(ls::taken_into_account) | bit(ls::received_on_mobile) |
      bit(ls::failed) | bit(ls::ignored) | bit(ls::canceled) | bit(ls::not_applicable);
  masks[static_cast<std::size_t>(ls::sent_to_provider)] =
      bit(ls::pending) | bit(ls::taken_into_account) | bit(ls::received_on_mobile) |
      bit(ls::failed) | bit(ls::canceled);
  masks[static_cast<std::size_t>(ls::taken_into_account)] = bit(ls::received_on_mobile) | bit(ls::failed);
  masks[static_cast<std::size_t>(ls::received_on_mobile)] = bit(ls::failed);  // another part failed
  masks[static_cast<std::size_t>(ls::failed)] = bit(ls::pending);
  return masks;
}();

std::string status_name(log_status s) {
  const std::string_view name = detail::enum_name(s);
  return name.empty() ? std::to_string(static_cast<unsigned>(s)) : std::string(name);
}

}  // namespace

bool is_legal_log_transition(log_status from, log_status to) noexcept {
  const auto index = static_cast<std::size_t>(from);
  if (index >= log_status_count || static_cast<std::size_t>(to) >= log_status_count) return false;
  return (legal_successors[index] & bit(to)) != 0;
}

result<void> check_log_transition(log_status from, log_status to) {
  if (is_legal_log_transition(from, to)) return {};
  return error{errc::illegal_transition, status_name(from) + " -> " + status_name(to)};
}

SMSTRACK_END_NAMESPACE

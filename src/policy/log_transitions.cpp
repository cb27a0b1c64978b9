#include <smstrack/policy/log_transitions.hpp>

#include <smstrack/model/json.hpp>

#include <array>
#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE
namespace {

std::string status_name(log_status s) {
  const std::string_view name = detail::enum_name(s);
  return name.empty() ? std::to_string(static_cast<unsigned>(s)) : std::string(name);
}

}  // namespace

result<void> check_log_transition(log_status from, log_status to) {
  if (is_legal_log_transition(from, to)) return {};
  return error{errc::illegal_transition, status_name(from) + " -> " + status_name(to)};
}

SMSTRACK_END_NAMESPACE

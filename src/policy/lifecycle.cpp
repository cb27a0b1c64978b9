#include <smstrack/policy/lifecycle.hpp>

#include <smstrack/model/json.hpp>

#include <array>

SMSTRACK_BEGIN_NAMESPACE
namespace {

using ds = delivery_state;

struct state_successors {
  ds from;
  std::span<const ds> to;
};

constexpr ds from_editing[] = {ds::targeting_pending};
constexpr ds from_targeting_pending[] = {ds::counting, ds::preparation_failed, ds::stopped};
constexpr ds from_counting[] = {ds::arbitration, ds::target_ready, ds::preparation_failed, ds::stopped};
constexpr ds from_arbitration[] = {ds::target_ready, ds::preparation_failed, ds::stopped};
constexpr ds from_target_ready[] = {ds::personalization_pending, ds::preparation_failed, ds::stopped};
constexpr ds from_personalization_pending[] = {ds::personalization, ds::preparation_failed, ds::stopped};
constexpr ds from_personalization[] = {ds::message_ready, ds::preparation_failed, ds::stopped};
constexpr ds from_message_ready[] = {ds::ready, ds::preparation_failed, ds::stopped};
constexpr ds from_preparation_failed[] = {ds::editing, ds::targeting_pending, ds::stopped};
constexpr ds from_ready[] = {ds::editing, ds::targeting_pending, ds::start_pending, ds::stopped};
constexpr ds from_start_pending[] = {ds::in_progress, ds::pause_requested, ds::stopped, ds::failed,
                                     ds::finished};
constexpr ds from_in_progress[] = {ds::retry_pending, ds::pause_requested, ds::stopped, ds::failed,
                                   ds::finished};
constexpr ds from_retry_pending[] = {ds::retry_in_progress, ds::pause_requested, ds::stopped,
                                     ds::failed, ds::finished};
constexpr ds from_retry_in_progress[] = {ds::retry_pending, ds::pause_requested, ds::stopped,
                                         ds::failed, ds::finished};
constexpr ds from_pause_requested[] = {ds::pause_in_progress, ds::stopped, ds::failed, ds::finished};
constexpr ds from_pause_in_progress[] = {ds::paused, ds::stopped, ds::failed, ds::finished};
constexpr ds from_paused[] = {ds::in_progress, ds::stopped, ds::finished};
constexpr ds from_finished[] = {ds::retry_pending};  // a late failure with a retry ahead

constexpr std::array<state_successors, 18> table{{
    {ds::editing, from_editing},
    {ds::targeting_pending, from_targeting_pending},
    {ds::counting, from_counting},
    {ds::arbitration, from_arbitration},
    {ds::target_ready, from_target_ready},
    {ds::personalization_pending, from_personalization_pending},
    {ds::personalization, from_personalization},
    {ds::message_ready, from_message_ready},
    {ds::preparation_failed, from_preparation_failed},
    {ds::ready, from_ready},
    {ds::start_pending, from_start_pending},
    {ds::in_progress, from_in_progress},
    {ds::retry_pending, from_retry_pending},
    {ds::retry_in_progress, from_retry_in_progress},
    {ds::pause_requested, from_pause_requested},
    {ds::pause_in_progress, from_pause_in_progress},
    {ds::paused, from_paused},
    {ds::finished, from_finished},
}};

std::string state_name(ds s) {
  const std::string_view name = detail::enum_name(s);
  return name.empty() ? std::to_string(static_cast<unsigned>(s)) : std::string(name);
}

}  // namespace

std::span<const delivery_state> successors(delivery_state from) noexcept {
  for (const state_successors& row : table) {
    if (row.from == from) return row.to;
  }
  return {};
}

bool is_legal_transition(delivery_state from, delivery_state to) noexcept {
  for (const ds next : successors(from)) {
    if (next == to) return true;
  }
  return false;
}

result<void> check_transition(delivery_state from, delivery_state to) {
  if (is_legal_transition(from, to)) return {};
  return error{errc::illegal_transition, state_name(from) + " -> " + state_name(to)};
}

result<void> check_path(delivery_state from, std::initializer_list<delivery_state> path) {
  for (const ds next : path) {
    if (auto step = check_transition(from, next); !step) return step;
    from = next;
  }
  return {};
}

SMSTRACK_END_NAMESPACE

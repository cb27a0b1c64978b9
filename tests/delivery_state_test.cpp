#include <smstrack/model/delivery_state.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(delivery_state, keeps_the_reference_values) {
  const std::pair<delivery_state, int> expected[] = {
      {delivery_state::editing, 0},        {delivery_state::targeting_pending, 11}, {delivery_state::counting, 12},
      {delivery_state::arbitration, 13},   {delivery_state::target_ready, 15},
      {delivery_state::personalization_pending, 21}, {delivery_state::personalization, 22},
      {delivery_state::message_ready, 25}, {delivery_state::preparation_failed, 37}, {delivery_state::ready, 45},
      {delivery_state::start_pending, 51}, {delivery_state::in_progress, 55}, {delivery_state::retry_pending, 61},
      {delivery_state::retry_in_progress, 62}, {delivery_state::pause_requested, 71},
      {delivery_state::pause_in_progress, 72}, {delivery_state::paused, 75}, {delivery_state::stopped, 85},
      {delivery_state::failed, 87},        {delivery_state::finished, 95}};
  for (const auto& [state, value] : expected) EXPECT_EQ(static_cast<int>(state), value);
  EXPECT_EQ(boost::mp11::mp_size<boost::describe::describe_enumerators<delivery_state>>::value, 20U);
}

TEST(delivery_state, approval_modes_round_trip_by_name) {
  EXPECT_EQ(to_json_text(approval_mode::semi_automatic), "\"semi_automatic\"");
  EXPECT_EQ(from_json<approval_mode>(boost::json::value("automatic")).value(), approval_mode::automatic);
  EXPECT_EQ(from_json<delivery_state>(boost::json::value("in_progres")).error(), errc::unknown_enum_name);
}

}  // namespace
}  // namespace smstrack

#include <smstrack/policy/lifecycle.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

#include <vector>

namespace smstrack {
namespace {

std::vector<delivery_state> all_states() {
  std::vector<delivery_state> states;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<delivery_state>>(
      [&](auto d) { states.push_back(d.value); });
  return states;
}

TEST(lifecycle, final_states_have_no_successor_but_a_finished_delivery_may_wait_for_retries) {
  for (const delivery_state s : all_states()) {
    if (s == delivery_state::finished) continue;
    EXPECT_EQ(is_final(s), successors(s).empty()) << static_cast<int>(s);
  }
  EXPECT_TRUE(is_final(delivery_state::finished));
  EXPECT_EQ(std::vector(successors(delivery_state::finished).begin(), successors(delivery_state::finished).end()),
            std::vector<delivery_state>{delivery_state::retry_pending});
  EXPECT_TRUE(is_final(delivery_state::stopped));
  EXPECT_FALSE(is_legal_transition(delivery_state::stopped, delivery_state::in_progress)) << "stop is final";
}

TEST(lifecycle, every_state_but_editing_is_reachable_from_editing) {
  std::vector<delivery_state> reached{delivery_state::editing};
  for (std::size_t i = 0; i < reached.size(); ++i) {
    for (const delivery_state next : successors(reached[i])) {
      if (std::find(reached.begin(), reached.end(), next) == reached.end()) reached.push_back(next);
    }
  }
  EXPECT_EQ(reached.size(), all_states().size());
}

TEST(lifecycle, analysis_start_pause_resume_and_finish_paths_are_legal) {
  using ds = delivery_state;
  EXPECT_TRUE(check_path(ds::editing, {ds::targeting_pending, ds::counting, ds::target_ready, ds::personalization_pending,
                                       ds::personalization, ds::message_ready, ds::ready}));
  EXPECT_TRUE(check_path(ds::ready, {ds::start_pending, ds::in_progress, ds::pause_requested, ds::pause_in_progress,
                                     ds::paused, ds::in_progress, ds::finished}));
  EXPECT_TRUE(check_path(ds::ready, {ds::targeting_pending}));
  EXPECT_TRUE(check_path(ds::in_progress, {ds::retry_pending, ds::retry_in_progress, ds::finished}));
}

TEST(lifecycle, illegal_transitions_name_both_states) {
  const auto refused = check_transition(delivery_state::paused, delivery_state::ready);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(), errc::illegal_transition);
  EXPECT_EQ(refused.error().detail(), "paused -> ready");
  const auto path = check_path(delivery_state::ready, {delivery_state::start_pending, delivery_state::editing});
  ASSERT_FALSE(path.has_value());
  EXPECT_EQ(path.error().detail(), "start_pending -> editing");
  EXPECT_EQ(check_transition(static_cast<delivery_state>(3), delivery_state::ready).error().detail(), "3 -> ready");
}

TEST(lifecycle, state_classes) {
  EXPECT_TRUE(is_content_editable(delivery_state::editing));
  EXPECT_FALSE(is_content_editable(delivery_state::ready));
  EXPECT_TRUE(is_sending(delivery_state::start_pending));
  EXPECT_TRUE(is_sending(delivery_state::paused));
  EXPECT_FALSE(is_sending(delivery_state::ready));
  EXPECT_FALSE(is_sending(delivery_state::stopped));
  EXPECT_TRUE(can_analyse(delivery_state::preparation_failed));
  EXPECT_FALSE(can_analyse(delivery_state::in_progress));
}

}  // namespace
}  // namespace smstrack

#include <smstrack/views/summary_view.hpp>

#include <smstrack/model/json.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using summary_view_test = testing::engine_test;

TEST_F(summary_view_test, shows_state_indicators_and_three_throughput_scales) {
  const delivery_id id = started(10);
  ASSERT_TRUE(change(id, {{1, log_status::taken_into_account}, {2, log_status::failed, failure_type::hard,
                                                                 failure_reason::user_unknown}})
                  .has_value());
  const summary_view view = make_summary_view(engine, id).value();
  EXPECT_EQ(view.delivery, id);
  EXPECT_EQ(view.label, "Test delivery");
  EXPECT_EQ(view.channel, "sms");
  EXPECT_EQ(view.state, delivery_state::in_progress);
  EXPECT_EQ(view.figures.success, 1U);
  EXPECT_EQ(view.figures.errors, 1U);
  EXPECT_DOUBLE_EQ(view.figures.processed_rate, 20.0);
  ASSERT_EQ(view.throughput.size(), 3U);
  EXPECT_EQ(view.throughput[0].scale, throughput_scale::one_hour);
  EXPECT_EQ(view.throughput[2].scale, throughput_scale::twenty_four_hours);
  EXPECT_EQ(view.throughput[0].points.back().success_per_hour, 12.0);
  const auto back = from_json<summary_view>(to_json(view));
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_EQ(back->figures, view.figures);
}

TEST_F(summary_view_test, unknown_delivery) { EXPECT_EQ(make_summary_view(engine, 404).error(), errc::unknown_delivery); }

}  // namespace
}  // namespace smstrack

#include <smstrack/views/dashboard.hpp>

#include <smstrack/model/json.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using dashboard_test = testing::engine_test;

TEST_F(dashboard_test, gathers_every_view_and_round_trips_through_json) {
  const delivery_id id = started(25);
  ASSERT_TRUE(change(id, {{3, log_status::received_on_mobile, {}, {}, "msg-3"}}).has_value());
  dashboard_options options;
  options.logs.limit = 10;
  const dashboard board = make_dashboard(engine, id, options).value();
  EXPECT_EQ(board.summary.figures.delivered, 1U);
  ASSERT_EQ(board.delivery_logs.logs.size(), 10U);
  EXPECT_EQ(board.delivery_logs.next, 10U);
  EXPECT_EQ(board.delivery_logs.logs[2].provider_id, "msg-3");
  EXPECT_FALSE(board.journal.events.empty());
  EXPECT_TRUE(board.exclusions.exclusions.empty());
  EXPECT_EQ(board.causes.causes.size(), 6U) << "the default typology's rules, each with volume 0";
  const auto back = parse_json<dashboard>(to_json_text(board));
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_EQ(back->delivery_logs.logs, board.delivery_logs.logs);
  EXPECT_EQ(back->journal.events, board.journal.events);
  EXPECT_EQ(back->causes, board.causes);
}

TEST_F(dashboard_test, the_last_log_page_has_no_cursor) {
  const delivery_id id = started(5);
  const delivery_logs_view page = make_delivery_logs_view(engine, id, {std::nullopt, 0, 10}).value();
  EXPECT_EQ(page.logs.size(), 5U);
  EXPECT_FALSE(page.next.has_value());
  EXPECT_EQ(make_delivery_logs_view(engine, id, {std::nullopt, 0, 0}).error(), errc::invalid_argument);
}

}  // namespace
}  // namespace smstrack

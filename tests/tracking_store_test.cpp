#include <smstrack/ports/tracking_store.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using tracking_store_port = testing::engine_test;

TEST_F(tracking_store_port, recompute_reads_clicks_distinct_clickers_ctr_and_opt_outs) {
  const delivery_id id = started(10);
  std::vector<status_change> success;
  for (log_id log = 1; log <= 4; ++log) success.push_back({log, log_status::taken_into_account});
  ASSERT_TRUE(change(id, success).has_value());
  const tracked_url urls[] = {{id, 1, "offer", tracked_url_type::click, tracking_mode::enabled, "https://a.example/o"},
                              {id, 2, "stop", tracked_url_type::opt_out, tracking_mode::opt_out, "https://a.example/s"},
                              {id, 3, "mirror", tracked_url_type::mirror, tracking_mode::mirror, "https://a.example/m"}};
  ASSERT_TRUE(store.tracking().upsert_urls(id, urls).has_value());
  const timestamp now = clock.now();
  const click clicks[] = {{id, 0, 1, 1, now, std::nullopt}, {id, 0, 1, 1, now, std::nullopt},
                          {id, 0, 2, 1, now, std::nullopt}, {id, 0, 3, 2, now, std::nullopt},
                          {id, 0, 4, 3, now, std::nullopt}};
  ASSERT_TRUE(store.tracking().add_clicks(clicks).has_value());
  const indicators figures = engine.recompute(id).value();
  EXPECT_EQ(figures.clicks, 5U);
  EXPECT_EQ(figures.distinct_clicks, 4U);
  EXPECT_EQ(figures.opt_outs, 1U);
  EXPECT_DOUBLE_EQ(figures.click_through_rate, 100.0 * 2 / 4) << "opt-out and mirror clicks left out";
  EXPECT_EQ(engine.indicators_of(id).value(), figures);
}

}  // namespace
}  // namespace smstrack

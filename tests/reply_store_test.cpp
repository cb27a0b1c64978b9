#include <smstrack/ports/reply_store.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using reply_store_port = testing::engine_test;

TEST_F(reply_store_port, the_tracker_pages_stored_replies_by_delivery) {
  const delivery_id id = started(3);
  for (log_id log = 1; log <= 3; ++log) {
    ASSERT_TRUE(change(id, {{log, log_status::taken_into_account, {}, {}, {}, {}}}).has_value());
  }
  ASSERT_TRUE(engine.on_reply({"+33600000000", "", "STOP", std::nullopt}).has_value());
  ASSERT_TRUE(engine.on_reply({"+33699999999", "", "hello", std::nullopt}).has_value());  // no delivery
  ASSERT_TRUE(engine.on_reply({"+33600000002", "", "thanks", std::nullopt}).has_value());
  const auto all = engine.replies({std::nullopt, 0, 10}).value();
  ASSERT_EQ(all.size(), 3U);
  EXPECT_FALSE(all[1].delivery.has_value());
  const auto of_delivery = engine.replies({id, 0, 10}).value();
  ASSERT_EQ(of_delivery.size(), 2U);
  EXPECT_EQ(of_delivery[0].text, "STOP");
  EXPECT_EQ(of_delivery[0].action, reply_action::send_to_quarantine);
  EXPECT_EQ(engine.replies({std::nullopt, all[0].id, 1}).value().at(0).id, all[1].id);
  EXPECT_EQ(store.inner.replies().count_opt_outs(id).value(), 1U);
}

TEST_F(reply_store_port, pages_out_of_bounds_and_store_failures_are_reported) {
  EXPECT_EQ(engine.replies({std::nullopt, 0, 0}).error(), errc::invalid_argument);
  EXPECT_EQ(engine.replies({std::nullopt, 0, 10'001}).error(), errc::invalid_argument);
  store.faults.arm(testing::part::replies, testing::fault::error);
  EXPECT_EQ(engine.replies({}).error(), errc::storage_failure);
  store.faults.disarm();
}

}  // namespace
}  // namespace smstrack

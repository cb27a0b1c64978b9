#include <smstrack/ports/delivery_store.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using delivery_store_port = testing::engine_test;

TEST_F(delivery_store_port, a_concurrent_writer_is_detected_by_revision_and_nothing_changes) {
  const delivery_id id = create();
  ASSERT_TRUE(engine.analyse(id, testing::make_target(3)).has_value());
  delivery other_writer = store.inner.deliveries().get(id).value();
  other_writer.label = "changed elsewhere";
  ASSERT_TRUE(store.inner.deliveries().update(other_writer).has_value());
  const auto refused = engine.start(id, "op");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(), errc::revision_conflict);
  EXPECT_EQ(store.inner.deliveries().get(id).value().state, delivery_state::ready);
  EXPECT_TRUE(engine.start(id, "op").has_value()) << "the tracker refreshed its copy";
  EXPECT_EQ(engine.get_delivery(id).value().label, "changed elsewhere");
}

TEST_F(delivery_store_port, a_failed_state_write_changes_nothing) {
  const delivery_id id = create();
  ASSERT_TRUE(engine.analyse(id, testing::make_target(3)).has_value());
  store.faults.arm(testing::part::deliveries, testing::fault::error);
  EXPECT_EQ(engine.start(id, "op").error(), errc::storage_failure);
  store.faults.disarm();
  EXPECT_EQ(state_of(id), delivery_state::ready);
}

}  // namespace
}  // namespace smstrack

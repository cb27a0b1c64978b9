#include <smstrack/ports/exclusion_store.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using exclusion_store_port = testing::engine_test;

TEST_F(exclusion_store_port, a_failed_analysis_write_leaves_nothing_behind) {
  const delivery_id id = create();
  auto target = testing::make_target(20);
  target.push_back({99, "", false});
  store.faults.arm(testing::part::exclusions, testing::fault::exception);
  const auto failed = engine.analyse(id, target);
  store.faults.disarm();
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error(), errc::storage_failure);
  EXPECT_EQ(state_of(id), delivery_state::preparation_failed);
  EXPECT_TRUE(store.inner.logs().scan_digests(id, 0, 100).value().empty());
  EXPECT_TRUE(store.inner.exclusions().page(id, {}).value().empty());
  const auto retried = engine.analyse(id, target);
  ASSERT_TRUE(retried.has_value()) << "a failed analysis can run again";
  EXPECT_EQ(retried->rejected, 1U);
}

TEST_F(exclusion_store_port, causes_count_the_rules_the_analysis_ran_in_its_order) {
  const delivery_id id = create();
  auto target = testing::make_target(5);
  target.push_back({6, target[0].address, false});
  target.push_back({7, "+12", false});
  ASSERT_TRUE(engine.analyse(id, target).has_value());
  const auto causes = store.inner.exclusions().causes(id).value();
  ASSERT_EQ(causes.size(), 6U);
  EXPECT_EQ(causes[0], (exclusion_cause{"address not specified", failure_reason::address_not_specified, 0}));
  EXPECT_EQ(causes[1], (exclusion_cause{"invalid phone number", failure_reason::invalid_phone_number, 1}));
  EXPECT_EQ(causes[5], (exclusion_cause{"deduplication", failure_reason::duplicate, 1}));
}

}  // namespace
}  // namespace smstrack

#include <smstrack/ports/quarantine_store.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using quarantine_store_port = testing::engine_test;

TEST_F(quarantine_store_port, recompute_counts_the_quarantines_a_delivery_caused) {
  const delivery_id id = started(10);
  std::vector<quarantine_entry> entries;
  for (std::uint64_t i = 0; i < 3; ++i) {
    quarantine_entry e = conformance::make_entry(33'600'000'000ULL + i, "", quarantine_status::quarantine);
    e.quarantined_by = id;
    entries.push_back(e);
  }
  entries.push_back(conformance::make_entry(33'600'000'009ULL, "", quarantine_status::with_errors));
  ASSERT_TRUE(store.quarantine().upsert(entries).has_value());
  const indicators figures = engine.recompute(id).value();
  EXPECT_EQ(figures.new_quarantines, 3U);
  EXPECT_DOUBLE_EQ(figures.new_quarantine_rate, 30.0);
}

TEST_F(quarantine_store_port, a_failing_quarantine_store_fails_the_recompute) {
  const delivery_id id = started(2);
  store.faults.arm(testing::part::quarantine, testing::fault::exception);
  EXPECT_EQ(engine.recompute(id).error(), errc::storage_failure);
  store.faults.disarm();
  EXPECT_TRUE(engine.recompute(id).has_value());
}

TEST_F(quarantine_store_port, queries_default_to_every_entry) {
  const quarantine_query query;
  EXPECT_FALSE(query.status.has_value());
  EXPECT_FALSE(query.after.has_value());
  EXPECT_EQ(query.limit, 100U);
}

}  // namespace
}  // namespace smstrack

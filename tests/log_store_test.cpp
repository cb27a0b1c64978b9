#include <smstrack/ports/log_store.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace smstrack {
namespace {

using log_store_port = testing::engine_test;

TEST_F(log_store_port, queries_have_safe_defaults) {
  const log_page_query query;
  EXPECT_EQ(query.after, 0U);
  EXPECT_EQ(query.limit, 100U);
  EXPECT_FALSE(query.status.has_value());
  const log_update update;
  EXPECT_TRUE(update.provider_id.empty());
  EXPECT_TRUE(update.text.empty());
}

TEST_F(log_store_port, a_log_changed_by_another_writer_is_reported_as_a_conflict) {
  const delivery_id id = started(2);
  const log_update elsewhere = conformance::status_update(1, log_status::pending, log_status::sent_to_provider);
  write_outcome out[1];
  ASSERT_TRUE(store.inner.logs().update(id, std::span<const log_update>(&elsewhere, 1), out).has_value());
  std::vector<change_outcome> outcomes;
  // The tracker's read sees sent_to_provider now, so the change chains on it.
  ASSERT_TRUE(change(id, {{1, log_status::taken_into_account}}, &outcomes).has_value());
  EXPECT_EQ(outcomes[0], change_outcome::applied);
  const indicators incremental = engine.indicators_of(id).value();
  EXPECT_EQ(incremental.success, 1U);
  EXPECT_EQ(incremental.pending, 1U) << "the counters noticed the drift and were rebuilt";
  const indicators recomputed = engine.recompute(id).value();
  EXPECT_EQ(incremental, recomputed);
  const auto codes = journal_codes(id);
  EXPECT_NE(std::find(codes.begin(), codes.end(), audit_code::indicators_recomputed), codes.end());
}

TEST_F(log_store_port, recompute_pages_through_large_deliveries) {
  tracker small_pages(store, clock, {10'000, 7});
  const delivery_id id = create();
  ASSERT_TRUE(small_pages.analyse(id, testing::make_target(100)).has_value());
  EXPECT_EQ(small_pages.recompute(id).value().pending, 100U);
  EXPECT_EQ(store.inner.logs().scan_digests(id, 0, 1000).value().size(), 100U);
}

}  // namespace
}  // namespace smstrack

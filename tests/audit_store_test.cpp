#include <smstrack/ports/audit_store.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using audit_store_port = testing::engine_test;

TEST_F(audit_store_port, journal_lines_the_store_refused_are_written_with_the_next_operation) {
  const delivery_id id = started(3);
  store.faults.arm(testing::part::audit, testing::fault::error);
  const auto paused = engine.pause(id);
  store.faults.disarm();
  ASSERT_FALSE(paused.has_value());
  EXPECT_EQ(paused.error(), errc::storage_failure);
  EXPECT_EQ(state_of(id), delivery_state::paused) << "the state change itself was stored";
  ASSERT_TRUE(engine.resume(id).has_value());
  const auto codes = journal_codes(id);
  EXPECT_NE(std::find(codes.begin(), codes.end(), audit_code::delivery_paused), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), audit_code::delivery_resumed), codes.end());
}

TEST_F(audit_store_port, the_journal_is_newest_first_and_filterable) {
  const delivery_id id = create();
  clock.advance(std::chrono::minutes{1});
  ASSERT_TRUE(engine.analyse(id, {}).has_value());  // an empty target warns
  audit_query warnings;
  warnings.min_severity = audit_severity::warning;
  const auto severe = engine.journal(id, warnings).value();
  ASSERT_FALSE(severe.empty());
  for (const auto& e : severe) EXPECT_EQ(e.severity, audit_severity::warning);
  const auto all = engine.journal(id, {}).value();
  EXPECT_EQ(all.back().code, audit_code::delivery_created);
  audit_query before_analysis;
  before_analysis.to = clock.now();
  EXPECT_EQ(engine.journal(id, before_analysis).value().size(), 1U);
}

}  // namespace
}  // namespace smstrack

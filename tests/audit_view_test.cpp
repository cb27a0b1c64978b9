#include <smstrack/views/audit_view.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using audit_view_test = testing::engine_test;

TEST_F(audit_view_test, pages_the_journal_newest_first_with_a_cursor) {
  const delivery_id id = started(5);
  ASSERT_TRUE(engine.pause(id).has_value());
  ASSERT_TRUE(engine.resume(id).has_value());
  std::vector<audit_event> all;
  audit_query query;
  query.limit = 3;
  for (int guard = 0; guard < 100; ++guard) {
    const audit_view page = make_audit_view(engine, id, query).value();
    all.insert(all.end(), page.events.begin(), page.events.end());
    if (!page.next) break;
    query.before = page.next;
  }
  EXPECT_EQ(all.size(), engine.journal(id, {audit_severity::info, std::nullopt, std::nullopt, std::nullopt, 1000}).value().size());
  for (std::size_t i = 1; i < all.size(); ++i) {
    EXPECT_GE(std::tie(all[i - 1].time, all[i - 1].id), std::tie(all[i].time, all[i].id));
  }
  EXPECT_EQ(all.front().code, audit_code::delivery_resumed);
  EXPECT_EQ(all.back().code, audit_code::delivery_created);
}

TEST_F(audit_view_test, rejects_a_zero_limit) {
  const delivery_id id = create();
  audit_query query;
  query.limit = 0;
  EXPECT_EQ(make_audit_view(engine, id, query).error(), errc::invalid_argument);
}

}  // namespace
}  // namespace smstrack

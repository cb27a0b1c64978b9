#include <smstrack/views/exclusions_view.hpp>

#include <smstrack/model/json.hpp>

#include "engine_fixture.hpp"

namespace smstrack {
namespace {

using exclusions_view_test = testing::engine_test;

// 10 recipients: 3 without an address, 2 invalid, 2 duplicates, 3 kept.
std::vector<recipient> mixed_target() {
  std::vector<recipient> target = testing::make_target(3);
  for (std::uint64_t k = 0; k < 3; ++k) target.push_back({10 + k, "", false});
  target.push_back({20, "12", false});
  target.push_back({21, "+0612", false});
  target.push_back({30, target[0].address, false});
  target.push_back({31, target[1].address, false});
  return target;
}

TEST_F(exclusions_view_test, pages_through_the_exclusions_and_filters_by_reason) {
  const delivery_id id = create();
  ASSERT_TRUE(engine.analyse(id, mixed_target()).has_value());
  const exclusions_view first = make_exclusions_view(engine, id, {std::nullopt, 0, 4}).value();
  ASSERT_EQ(first.exclusions.size(), 4U);
  EXPECT_EQ(first.next, 4U);
  const exclusions_view rest = make_exclusions_view(engine, id, {std::nullopt, *first.next, 4}).value();
  EXPECT_EQ(rest.exclusions.size(), 3U);
  EXPECT_FALSE(rest.next.has_value());
  const exclusions_view missing =
      make_exclusions_view(engine, id, {failure_reason::address_not_specified, 0, 100}).value();
  EXPECT_EQ(missing.reason, failure_reason::address_not_specified);
  ASSERT_EQ(missing.exclusions.size(), 3U);
  for (const exclusion_log& row : missing.exclusions) {
    EXPECT_EQ(row.reason, failure_reason::address_not_specified);
    EXPECT_EQ(row.rule, "address not specified");
  }
  const auto back = parse_json<exclusions_view>(to_json_text(first));
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_EQ(back->exclusions, first.exclusions);
}

TEST_F(exclusions_view_test, refuses_bad_pages_and_unknown_deliveries) {
  const delivery_id id = create();
  EXPECT_EQ(make_exclusions_view(engine, id, {std::nullopt, 0, 0}).error(), errc::invalid_argument);
  EXPECT_EQ(make_exclusions_view(engine, id, {std::nullopt, 0, 10'001}).error(), errc::invalid_argument);
  EXPECT_EQ(make_exclusions_view(engine, 999, {}).error(), errc::unknown_delivery);
  store.faults.arm(testing::part::exclusions, testing::fault::exception);
  EXPECT_EQ(make_exclusions_view(engine, id, {}).error(), errc::storage_failure);
  store.faults.disarm();
}

}  // namespace
}  // namespace smstrack

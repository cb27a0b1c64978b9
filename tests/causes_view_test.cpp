#include <smstrack/views/causes_view.hpp>

#include <smstrack/model/json.hpp>

#include "engine_fixture.hpp"

namespace smstrack {
namespace {

using causes_view_test = testing::engine_test;

TEST_F(causes_view_test, lists_every_rule_of_the_last_analysis_zero_volumes_included) {
  const delivery_id id = create();
  std::vector<recipient> target = testing::make_target(20);
  target.push_back({90, "", false});
  target.push_back({91, target[0].address, false});
  target.push_back({92, "", true});  // a seed: in the volumes, not in rejected
  typology rules;
  rules.control.size = 2;
  ASSERT_TRUE(engine.analyse(id, target, rules).has_value());
  const causes_view view = make_causes_view(engine, id).value();
  EXPECT_EQ(view.initial_population, 22U);
  EXPECT_EQ(view.rejected, 4U);
  EXPECT_EQ(view.excluded, 5U);
  const std::vector<exclusion_cause> expected = {
      {"address not specified", failure_reason::address_not_specified, 2},
      {"invalid phone number", failure_reason::invalid_phone_number, 0},
      {"denylisted address", failure_reason::denylisted_address, 0},
      {"quarantined address", failure_reason::quarantined_address, 0},
      {"opted out", failure_reason::opted_out, 0},
      {"deduplication", failure_reason::duplicate, 1},
      {"control group", failure_reason::control_address, 2}};
  EXPECT_EQ(view.causes, expected);
  const auto back = parse_json<causes_view>(to_json_text(view));
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_EQ(back->causes, view.causes);
}

TEST_F(causes_view_test, a_reanalysis_replaces_the_rules_and_a_reopen_clears_them) {
  const delivery_id id = create();
  typology rules;
  rules.filters.push_back(make_filter_rule("first filter", [](const recipient&, phone_number) { return false; }));
  ASSERT_TRUE(engine.analyse(id, testing::make_target(3), rules).has_value());
  rules.filters = {make_filter_rule("second filter", [](const recipient&, phone_number) { return true; })};
  ASSERT_TRUE(engine.analyse(id, testing::make_target(3), rules).has_value());
  const causes_view view = make_causes_view(engine, id).value();
  const auto named = [&](std::string_view rule) {
    return std::count_if(view.causes.begin(), view.causes.end(), [&](const auto& c) { return c.rule == rule; });
  };
  EXPECT_EQ(named("first filter"), 0);
  EXPECT_EQ(named("second filter"), 1);
  EXPECT_EQ(view.rejected, 3U);
  ASSERT_TRUE(engine.reopen(id).has_value());
  EXPECT_TRUE(make_causes_view(engine, id).value().causes.empty());
}

TEST_F(causes_view_test, reports_unknown_deliveries_and_store_failures) {
  EXPECT_EQ(make_causes_view(engine, 999).error(), errc::unknown_delivery);
  const delivery_id id = create();
  store.faults.arm(testing::part::exclusions, testing::fault::error);
  EXPECT_EQ(make_causes_view(engine, id).error(), errc::storage_failure);
  store.faults.disarm();
}

}  // namespace
}  // namespace smstrack

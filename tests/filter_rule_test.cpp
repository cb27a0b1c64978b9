#include <smstrack/targeting/filter_rule.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(filter_rule, a_predicate_becomes_a_named_rule) {
  const auto rule = make_filter_rule("segment 7", [](const recipient& r, phone_number address) {
    return r.key == 7 || address.digits() == 33600000001ULL;
  });
  EXPECT_EQ(rule->name(), "segment 7");
  EXPECT_EQ(rule->reason(), failure_reason::excluded_by_rule);
  EXPECT_TRUE(rule->excludes({7, "+33600000009", false}, phone_number::parse("+33600000009").value()));
  EXPECT_TRUE(rule->excludes({8, "0600000001", false}, phone_number::parse("+33600000001").value()));
  EXPECT_FALSE(rule->excludes({8, "+33600000009", false}, phone_number::parse("+33600000009").value()));
}

TEST(filter_rule, a_rule_may_name_another_analysis_reason) {
  const auto rule = make_filter_rule("minors", [](const recipient&, phone_number) { return true; },
                                     failure_reason::not_eligible);
  EXPECT_EQ(rule->reason(), failure_reason::not_eligible);
}

}  // namespace
}  // namespace smstrack

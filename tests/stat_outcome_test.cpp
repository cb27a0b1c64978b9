#include <smstrack/receipts/stat_outcome.hpp>

#include <gtest/gtest.h>

namespace {

using namespace smstrack;

TEST(stat_outcome, the_defaults_follow_the_spec) {
  const outcome_matchers defaults;
  for (const char* stat : {"DELIVRD", "DELIVERED", "deliv"}) {
    EXPECT_EQ(classify_stat(stat, defaults), stat_outcome::success) << stat;
  }
  for (const char* stat : {"EXPIRED", "DELETED", "UNDELIV", "UNDELIVERABLE", "UNKNOWN", "REJECTD", "FAILED", "SKIPPED"}) {
    EXPECT_EQ(classify_stat(stat, defaults), stat_outcome::error) << stat;
  }
  for (const char* stat : {"ACCEPTD", "ENROUTE", "BUFFRED", "BUFFERD", "ACKED", "NOROUTE", "SCHEDULED", ""}) {
    EXPECT_EQ(classify_stat(stat, defaults), stat_outcome::intermediate) << stat;
  }
}

TEST(stat_outcome, a_connector_may_configure_its_prefixes) {
  const outcome_matchers custom{.success = {"OK"}, .error = {"KO", "NOROUTE"}};
  ASSERT_TRUE(validate(custom));
  EXPECT_EQ(classify_stat("OK", custom), stat_outcome::success);
  EXPECT_EQ(classify_stat("NOROUTE", custom), stat_outcome::error);
  EXPECT_EQ(classify_stat("DELIVRD", custom), stat_outcome::intermediate);
}

TEST(stat_outcome, invalid_matchers_are_refused) {
  const auto refused = [](const outcome_matchers& m) {
    const auto checked = validate(m);
    EXPECT_FALSE(checked);
    return checked ? std::string{} : checked.error().detail();
  };
  EXPECT_TRUE(validate(outcome_matchers{}));
  EXPECT_EQ(refused({.success = {""}, .error = {}}), "an empty success prefix matches every stat");
  EXPECT_EQ(refused({.success = {}, .error = {std::string(33, 'X')}}).substr(0, 20), "the error prefix \"XX");
  EXPECT_EQ(refused({.success = {"deliv"}, .error = {"DELIV"}}), "the prefix \"deliv\" is both a success and an error");
  EXPECT_EQ(validate(outcome_matchers{.success = {""}}).error(), errc::invalid_settings);
}

}  // namespace

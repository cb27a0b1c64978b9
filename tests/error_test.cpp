#include <smstrack/error.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace smstrack {
namespace {

std::vector<errc> all_codes() {
  std::vector<errc> codes;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<errc>>([&](auto d) { codes.push_back(d.value); });
  return codes;
}

std::vector<condition> all_conditions() {
  std::vector<condition> conditions;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<condition>>(
      [&](auto d) { conditions.push_back(d.value); });
  return conditions;
}

TEST(error, every_code_has_a_distinct_message_and_exactly_one_condition) {
  std::set<std::string> messages;
  for (const errc code : all_codes()) {
    const boost::system::error_code ec = code;
    EXPECT_STREQ(ec.category().name(), "smstrack");
    EXPECT_NE(ec.message(), "unknown smstrack error") << static_cast<int>(code);
    EXPECT_TRUE(messages.insert(ec.message()).second) << ec.message();
    int matching = 0;
    for (const condition cond : all_conditions()) matching += (error{code} == cond) ? 1 : 0;
    EXPECT_EQ(matching, 1) << ec.message();
  }
  EXPECT_EQ(all_codes().size(), 25U);
  EXPECT_EQ(boost::system::error_code(static_cast<errc>(999)).message(), "unknown smstrack error");
}

TEST(error, codes_map_to_the_documented_conditions) {
  EXPECT_TRUE(error(errc::invalid_receipt) == condition::invalid_input);
  EXPECT_TRUE(error(errc::unknown_log) == condition::not_found);
  EXPECT_TRUE(error(errc::illegal_transition) == condition::conflict);
  EXPECT_TRUE(error(errc::content_frozen) == condition::conflict);
  EXPECT_TRUE(error(errc::storage_failure) == condition::permanent);
}

TEST(error, storage_failure_condition_follows_the_retry_hint) {
  const error transient{errc::storage_failure, "database is locked", retry_hint::transient};
  EXPECT_TRUE(transient == condition::transient);
  EXPECT_TRUE(transient.code() == condition::transient) << "its own code maps to the condition";
  EXPECT_EQ(transient.code(), errc::storage_unavailable);
  EXPECT_TRUE(transient == errc::storage_failure) << "storage_unavailable refines storage_failure";
  EXPECT_FALSE(error(errc::storage_failure) == errc::storage_unavailable);
  EXPECT_EQ(transient.hint(), retry_hint::transient);
  EXPECT_FALSE(transient == condition::permanent);
  const error permanent{errc::storage_failure, "disk full"};
  EXPECT_TRUE(permanent == condition::permanent);
  EXPECT_FALSE(permanent == condition::transient);
}

TEST(error, conditions_have_their_own_category_and_messages) {
  EXPECT_EQ(all_conditions().size(), 5U);
  for (const condition cond : all_conditions()) {
    const boost::system::error_condition ec = cond;
    EXPECT_STREQ(ec.category().name(), "smstrack.condition");
    EXPECT_NE(ec.message(), "unknown smstrack condition");
  }
}

TEST(error, message_joins_code_and_detail) {
  EXPECT_EQ(error(errc::illegal_transition, "paused -> ready").message(), "illegal transition: paused -> ready");
  EXPECT_EQ(error(errc::unknown_log).message(), "unknown delivery log");
}

TEST(error, value_of_a_failed_result_throws_with_the_detail) {
  const result<int> failed = fail(errc::unknown_delivery, "delivery 9");
  try {
    (void)failed.value();
    FAIL() << "value() must throw";
  } catch (const system_error& e) {
    EXPECT_EQ(e.error(), errc::unknown_delivery);
    EXPECT_EQ(e.error().detail(), "delivery 9");
    EXPECT_EQ(e.code(), errc::unknown_delivery);
  }
}

}  // namespace
}  // namespace smstrack

#include <smstrack/content/sender_id.hpp>

#include <gtest/gtest.h>

#include <string>

namespace smstrack {
namespace {

TEST(sender_id, accepts_empty_alphanumeric_and_numeric_sender_ids) {
  for (const char* good : {"", "ACME", "Acme Shop", "ACME-FR", "M&S", "O'Neil", "Shop_2026", "A1234567890",
                           "36180", "+33612345678", "123456789012345678901", "+12345678901234567890"}) {
    EXPECT_TRUE(check_sender(good).has_value()) << good;
  }
}

TEST(sender_id, refuses_each_broken_rule_with_its_reason) {
  const struct {
    const char* sender;
    const char* reason;
  } cases[] = {
      {"ACME Shop Ltd", "at most 11 characters"},
      {"1234567890123456789012", "a number has at most 21 characters"},
      {"+123456789012345678901", "a number has at most 21 characters"},
      {"+", "a number needs digits"},
      {"+33 6 12", "only digits after '+' (byte 3)"},
      {"ACME!", "not allowed in an alphanumeric sender id (byte 4)"},
      {"Café", "not allowed in an alphanumeric sender id (byte 3)"},
      {" ACME", "starts or ends with a space"},
      {"ACME ", "starts or ends with a space"},
  };
  for (const auto& c : cases) {
    const auto checked = check_sender(c.sender);
    ASSERT_FALSE(checked.has_value()) << c.sender;
    EXPECT_EQ(checked.error(), errc::invalid_sender) << c.sender;
    EXPECT_NE(checked.error().detail().find(c.reason), std::string::npos) << checked.error().detail();
  }
}

}  // namespace
}  // namespace smstrack

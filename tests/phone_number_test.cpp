#include <smstrack/model/phone_number.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(phone_number, parses_e164_into_an_integer) {
  const phone_number n = phone_number::parse("+33612345678").value();
  EXPECT_EQ(n.digits(), 33612345678ULL);
  EXPECT_EQ(n.to_string(), "+33612345678");
  EXPECT_EQ(phone_number::parse("+12025550123").value(), phone_number::from_digits(12025550123ULL).value());
  EXPECT_EQ(phone_number::parse("+123456789012345").value().digits(), 123456789012345ULL);
  EXPECT_TRUE(phone_number{}.empty());
  EXPECT_EQ(phone_number{}.to_string(), "");
}

TEST(phone_number, rejects_invalid_addresses_with_the_reason) {
  const struct {
    const char* text;
    const char* reason;
  } cases[] = {{"", "empty"},
               {"33612345678", "no leading '+'"},
               {"+336-12345678", "non-digit"},
               {"+33 612345678", "non-digit"},
               {"+3361234", "too short"},
               {"+1234567890123456", "too long"},
               {"+1234567890123456789012345", "too long"},
               {"+03612345678", "leading zero"},
               {"+", "too short"}};
  for (const auto& c : cases) {
    const auto parsed = phone_number::parse(c.text);
    ASSERT_FALSE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed.error(), errc::invalid_address);
    EXPECT_NE(parsed.error().detail().find(c.reason), std::string::npos) << parsed.error().detail();
  }
  EXPECT_EQ(phone_number::from_digits(1234567).error(), errc::invalid_address);
  EXPECT_EQ(phone_number::from_digits(0).error(), errc::invalid_address);
  EXPECT_EQ(phone_number::from_digits(1234567890123456ULL).error(), errc::invalid_address);
}

TEST(phone_number, from_digits_takes_exactly_8_to_15_digits) {
  EXPECT_EQ(phone_number::from_digits(9'999'999).error(), errc::invalid_address);
  EXPECT_EQ(phone_number::from_digits(10'000'000).value().digits(), 10'000'000U);
  EXPECT_EQ(phone_number::from_digits(999'999'999'999'999ULL).value().digits(), 999'999'999'999'999ULL);
  EXPECT_EQ(phone_number::from_digits(1'000'000'000'000'000ULL).error(), errc::invalid_address);
  EXPECT_EQ(phone_number::from_digits(~std::uint64_t{0}).error(), errc::invalid_address);
}

TEST(phone_number, orders_by_number) {
  EXPECT_LT(phone_number::parse("+3161234567").value(), phone_number::parse("+33612345678").value());
}

}  // namespace
}  // namespace smstrack

#include <smstrack/model/numbering_plan.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

address_normalizer french() { return address_normalizer::make({"33", "0", "00"}).value(); }

std::uint64_t digits_of(const address_normalizer& n, std::string_view text) {
  const auto number = n.normalize(text);
  EXPECT_TRUE(number.has_value()) << text << ": " << (number ? "" : number.error().message());
  return number ? number->digits() : 0;
}

TEST(numbering_plan, writes_of_one_number_normalize_to_the_same_e164_key) {
  const address_normalizer n = french();
  for (const char* text : {"+33612345678", "+33 6 12 34 56 78", "0033 6 12 34 56 78", "0033.6.12.34.56.78",
                           "06 12 34 56 78", "06-12-34-56-78", "06.12.34.56.78", "(06) 12 34 56 78",
                           "+33 (0)6 12 34 56 78", "612345678", "\t+33-6-12-34-56-78 ", "0612345678"}) {
    EXPECT_EQ(digits_of(n, text), 33612345678ULL) << text;
  }
}

TEST(numbering_plan, national_numbers_take_the_plans_country_code) {
  const auto uk = address_normalizer::make({"44", "0", "00"}).value();
  EXPECT_EQ(digits_of(uk, "020 7946 0958"), 442079460958ULL);
  EXPECT_EQ(digits_of(uk, "+44 (0)20 7946 0958"), 442079460958ULL);
  const auto us = address_normalizer::make({"1", "1", "011"}).value();
  EXPECT_EQ(digits_of(us, "(202) 555-0123"), 12025550123ULL);
  EXPECT_EQ(digits_of(us, "1 202 555 0123"), 12025550123ULL);
  EXPECT_EQ(digits_of(us, "011 33 6 12 34 56 78"), 33612345678ULL);
  const auto italy = address_normalizer::make({"39", "", "00"}).value();  // no trunk prefix: the 0 stays
  EXPECT_EQ(digits_of(italy, "06 1234 5678"), 390612345678ULL);
}

TEST(numbering_plan, the_default_normalizer_takes_international_numbers_only) {
  const address_normalizer n;
  EXPECT_EQ(digits_of(n, "+49 151 1234 5678"), 4915112345678ULL);
  EXPECT_EQ(digits_of(n, "0049 151 1234 5678"), 4915112345678ULL);
  const auto national = n.normalize("0612345678");
  ASSERT_FALSE(national);
  EXPECT_EQ(national.error(), errc::invalid_address);
  EXPECT_NE(national.error().detail().find("no country code"), std::string::npos);
}

TEST(numbering_plan, refuses_invalid_numbers_with_the_reason) {
  const address_normalizer n = french();
  const struct {
    std::string text;
    const char* reason;
  } cases[] = {{"", "empty"},
               {" - . ", "empty"},
               {"+", "empty"},
               {"06 12 AB 56 78", "non-digit character at byte 6"},
               {"+33 6 12 34 56 78 ext", "non-digit"},
               {"33+612345678", "non-digit character at byte 2"},
               {"++33612345678", "non-digit"},
               {"06/12/34/56/78", "non-digit"},
               {std::string("06\0" "12345678", 11), "non-digit"},
               {"\xc3\xa9" "0612345678", "non-digit character at byte 0"},
               {"+33 6 12", "too short"},
               {"1234", "too short"},
               {"+1234567890123456", "too long"},
               {"0012345678901234567890", "too long"},
               {std::string(65, '1'), "too long (more than 64 bytes)"},
               {std::string(40, '9'), "too long"},
               {"+0612345678", "leading zero"},
               {"000612345678", "leading zero"}};
  for (const auto& c : cases) {
    const auto number = n.normalize(c.text);
    ASSERT_FALSE(number.has_value()) << c.text;
    EXPECT_EQ(number.error(), errc::invalid_address);
    EXPECT_NE(number.error().detail().find(c.reason), std::string::npos) << c.text << " -> " << number.error().detail();
  }
}

TEST(numbering_plan, the_longest_and_shortest_valid_numbers_pass) {
  const address_normalizer n = french();
  EXPECT_EQ(digits_of(n, "+123456789012345"), 123456789012345ULL);
  EXPECT_EQ(digits_of(n, "00123456789012345"), 123456789012345ULL);
  EXPECT_EQ(digits_of(n, "+12345678"), 12345678ULL);
  EXPECT_EQ(digits_of(n, "0123456"), 33123456ULL);  // 6 national digits make 8 with the country code
  EXPECT_FALSE(n.normalize("012345").has_value());
}

TEST(numbering_plan, refuses_plans_that_are_not_digit_prefixes) {
  const struct {
    numbering_plan plan;
    const char* field;
  } cases[] = {{{"0033", "0", "00"}, "country_code"},
               {{"3a", "0", "00"}, "country_code"},
               {{"03", "0", "00"}, "country_code must not start with 0"},
               {{"33", "000", "00"}, "trunk_prefix"},
               {{"33", "x", "00"}, "trunk_prefix"},
               {{"33", "0", ""}, "international_prefix"},
               {{"33", "0", "00000"}, "international_prefix"},
               {{"33", "0", "+"}, "international_prefix"}};
  for (const auto& c : cases) {
    const auto made = address_normalizer::make(c.plan);
    ASSERT_FALSE(made.has_value()) << c.field;
    EXPECT_EQ(made.error(), errc::invalid_settings);
    EXPECT_NE(made.error().detail().find(c.field), std::string::npos) << made.error().detail();
  }
  EXPECT_TRUE(address_normalizer::make({}).has_value());
}

}  // namespace
}  // namespace smstrack

// User input quoted in error details (src/text/quote_input.hpp): bounded and always valid UTF-8.
#include "text/quote_input.hpp"

#include <smstrack/content/sender_id.hpp>
#include <smstrack/model/time.hpp>
#include <smstrack/receipts/provider_key.hpp>
#include <smstrack/text/utf8.hpp>

#include <gtest/gtest.h>

#include <string>

namespace smstrack {
namespace {

using namespace std::string_literals;

TEST(quote_input, keeps_printable_text_and_letters_of_any_script) {
  EXPECT_EQ(quote_input("ACME"), "\"ACME\"");
  EXPECT_EQ(quote_input("Анна café"), "\"Анна café\"");
  EXPECT_EQ(quote_input(""), "\"\"");
}

TEST(quote_input, escapes_controls_quotes_invisible_characters_and_bytes_that_are_not_utf8) {
  EXPECT_EQ(quote_input("a\"b\\c\n\x7f"), "\"a\\x22b\\x5cc\\x0a\\x7f\"");
  EXPECT_EQ(quote_input("\x80\xff\xc3"), "\"\\x80\\xff\\xc3\"") << "a cut sequence is escaped byte by byte";
  EXPECT_EQ(quote_input("ab\xe2\x80\xae" "cd"), "\"ab\\u{202e}cd\"") << "right-to-left override";
  EXPECT_EQ(quote_input("\xef\xbb\xbfx"), "\"\\u{feff}x\"") << "byte order mark";
  EXPECT_EQ(quote_input("\xc2\x85"), "\"\\u{85}\"") << "C1 control";
  EXPECT_EQ(quote_input("\0x"s), "\"\\x00x\"");
}

TEST(quote_input, shows_the_first_characters_only) {
  EXPECT_EQ(quote_input(std::string(41, 'x')), "\"" + std::string(40, 'x') + "...\"");
  EXPECT_EQ(quote_input(std::string(40, 'x')), "\"" + std::string(40, 'x') + "\"");
  EXPECT_EQ(quote_input("ééé", 2), "\"éé...\"") << "counted in characters, never cut inside one";
}

// Every error detail that quotes user input stays valid UTF-8 and bounded, whatever the input.
TEST(quote_input, error_details_quoting_user_input_are_valid_utf8_and_bounded) {
  const std::string hostile = "\xff\xfe" + std::string(5000, 'A') + "\xe2\x80\xae";
  for (const std::string& detail : {check_sender(hostile).error().detail(),
                                    parse_duration(hostile).error().detail(),
                                    normalize_provider_id("\xc3(" + std::string(70, '9'), id_normalization::decimal)
                                        .error()
                                        .detail()}) {
    EXPECT_TRUE(is_valid_utf8(detail)) << detail;
    EXPECT_LT(detail.size(), 200u) << detail;
  }
  EXPECT_EQ(check_sender("AC\xffME").error().detail(),
            "sender id \"AC\\xffME\": character not allowed in an alphanumeric sender id (byte 2)");
}

}  // namespace
}  // namespace smstrack

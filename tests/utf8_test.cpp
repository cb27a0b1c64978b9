#include <smstrack/text/utf8.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace smstrack {
namespace {

TEST(utf8, accepts_valid_text_in_every_length_class) {
  for (const char* good : {"", "plain ASCII", "Résumé", "Ausschlüsse", "€ and ΔΦΓ", "emoji \xF0\x9F\x98\x80",
                           "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(is_valid_utf8(good)) << good;
  }
}

TEST(utf8, rejects_each_kind_of_invalid_sequence_at_its_offset) {
  const struct {
    std::string text;
    std::size_t offset;
  } cases[] = {{"ab\x80", 2},                // stray continuation
               {"\xC0\xAF", 0},              // overlong 2-byte
               {"x\xE0\x80\xAF", 1},         // overlong 3-byte
               {"\xF0\x80\x80\xAF", 0},      // overlong 4-byte
               {"\xED\xA0\x80", 0},          // surrogate
               {"\xF4\x90\x80\x80", 0},      // above U+10FFFF
               {"\xF5\x80\x80\x80", 0},      // invalid lead
               {"abc\xE2\x82", 3},           // truncated
               {"\xC3(", 0},                 // bad continuation
               {"\xFF", 0}};
  for (const auto& c : cases) EXPECT_EQ(first_invalid_utf8(c.text), c.offset) << c.offset;
}

TEST(utf8, finds_the_first_invalid_byte_after_long_ascii_runs) {
  for (std::size_t run = 0; run < 40; ++run) {
    const std::string ascii(run, 'a');
    EXPECT_EQ(first_invalid_utf8(ascii), run);
    EXPECT_EQ(first_invalid_utf8(ascii + "\x80" + ascii), run) << run;
    EXPECT_EQ(first_invalid_utf8(ascii + "\xC3\xA9" + ascii + "\xFF"), 2 * run + 2) << run;
    EXPECT_EQ(first_invalid_utf8(ascii + "\xE2\x82\xAC" + ascii), 2 * run + 3) << run;
  }
}

TEST(utf8, random_bytes_never_crash_and_agree_with_a_reencoding_check) {
  std::mt19937 random(11);
  for (int i = 0; i < 20000; ++i) {
    std::string bytes(static_cast<std::size_t>(random() % 12), '\0');
    for (char& b : bytes) b = static_cast<char>(random() % 256);
    const std::size_t bad = first_invalid_utf8(bytes);
    ASSERT_LE(bad, bytes.size());
    EXPECT_TRUE(is_valid_utf8(bytes.substr(0, bad))) << "everything before the first bad byte is valid";
    EXPECT_EQ(is_valid_utf8(bytes), bad == bytes.size());
  }
}

TEST(utf8, check_text_names_the_field_and_the_problem) {
  EXPECT_TRUE(check_text("label", "ok", 10).has_value());
  const auto too_long = check_text("label", "abcdefghijk", 10);
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error(), errc::invalid_text);
  EXPECT_EQ(too_long.error().detail(), "label has 11 bytes, more than the limit of 10");
  const auto invalid = check_text("content", "ok\xC3", 10);
  EXPECT_EQ(invalid.error(), errc::invalid_text);
  EXPECT_EQ(invalid.error().detail(), "content is not valid UTF-8 (byte 2)");
  const auto nul = check_text("sender", std::string_view("AC\0ME", 5), 10);
  EXPECT_EQ(nul.error(), errc::invalid_text);
  EXPECT_EQ(nul.error().detail(), "sender contains a NUL byte (byte 2)");
}

}  // namespace
TEST(utf8, storable_utf8_replaces_invalid_bytes_and_cuts_on_a_character_boundary) {
  EXPECT_EQ(storable_utf8("plain", 100), "plain");
  EXPECT_EQ(storable_utf8("a\xff" "b", 100), "a\xef\xbf\xbd" "b");
  EXPECT_EQ(storable_utf8("\xc3", 100), "\xef\xbf\xbd");           // truncated sequence
  EXPECT_EQ(storable_utf8("caf\xc3\xa9", 4), "caf");                 // no half character
  EXPECT_EQ(storable_utf8("ab\xff", 4), "ab");                       // no half replacement
  EXPECT_EQ(storable_utf8("", 4), "");
  EXPECT_TRUE(is_valid_utf8(storable_utf8("\xed\xa0\x80\xf4\x90\x80\x80", 100)));
}

}  // namespace smstrack

#include <smstrack/text/transliteration.hpp>

#include <smstrack/text/sms_encoding.hpp>

#include <gtest/gtest.h>

#include <string>

namespace smstrack {
namespace {

std::string transliterated(std::string_view text) {
  auto out = transliterate_to_gsm7(text);
  EXPECT_TRUE(out.has_value()) << text;
  return out ? *out : std::string{};
}

TEST(transliteration, replaces_the_look_alikes_named_by_the_specification) {
  EXPECT_EQ(transliterated("ê"), "e");
  EXPECT_EQ(transliterated("ç"), "Ç");
  EXPECT_EQ(transliterated("“quoted” ‘single’"), "\"quoted\" 'single'");
  EXPECT_EQ(transliterated("a\xC2\xA0" "b"), "a b");
}

TEST(transliteration, keeps_gsm7_characters_and_characters_without_a_look_alike) {
  EXPECT_EQ(transliterated("Prix: 10€ [promo] à é ñ"), "Prix: 10€ [promo] à é ñ");
  EXPECT_EQ(transliterated("Привет 😀"), "Привет 😀");
  EXPECT_EQ(transliterated(""), "");
}

TEST(transliteration, a_french_and_a_polish_text_stay_in_gsm7) {
  const std::string french = transliterated("Forêt, château, garçon — l’œuvre… « très » cher");
  EXPECT_EQ(french, "Foret, chateau, garÇon - l'oeuvre... \" très \" cher");
  EXPECT_EQ(count_segments(french)->encoding, sms_encoding::gsm7);
  const std::string polish = transliterated("Zażółć gęślą jaźń");
  EXPECT_EQ(polish, "Zazolc gesla jazn");
  EXPECT_EQ(count_segments(polish)->encoding, sms_encoding::gsm7);
}

TEST(transliteration, upper_case_greek_fits_gsm7) {
  const std::string greek = transliterated("ΚΑΛΗΜΕΡΑ ΑΘΗΝΑ ΠΡΟΣΦΟΡΑ");
  EXPECT_EQ(greek, "KAΛHMEPA AΘHNA ΠPOΣΦOPA");
  EXPECT_EQ(count_segments(greek)->encoding, sms_encoding::gsm7);
}

TEST(transliteration, removes_invisible_characters) {
  EXPECT_EQ(transliterated("\xEF\xBB\xBFhel\xC2\xADlo\xE2\x80\x8B"), "hello");
}

TEST(transliteration, every_look_alike_is_gsm7_and_replaces_only_characters_outside_it) {
  for (char32_t c = 0; c < 0x10000; ++c) {
    const char* replacement = gsm7_look_alike(c);
    if (replacement == nullptr) continue;
    EXPECT_EQ(gsm7_cost(c), 0u) << "U+" << std::hex << static_cast<unsigned>(c);
    const auto counted = count_segments(replacement);
    ASSERT_TRUE(counted.has_value());
    EXPECT_EQ(counted->encoding, sms_encoding::gsm7) << "U+" << std::hex << static_cast<unsigned>(c);
  }
}

TEST(transliteration, invalid_utf8_is_refused_with_its_offset) {
  const auto out = transliterate_to_gsm7("ok \xE2\x80");
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error(), errc::invalid_text);
  EXPECT_NE(out.error().detail().find("(byte 3)"), std::string::npos) << out.error().detail();
}

}  // namespace
}  // namespace smstrack

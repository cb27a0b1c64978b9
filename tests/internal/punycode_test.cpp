// Punycode decoding and the case folding of top-level domains (src/text/punycode.hpp).
#include "text/punycode.hpp"

#include <gtest/gtest.h>

namespace smstrack::punycode {
namespace {

std::string decoded(std::string_view encoded) {
  const auto label = decode(encoded);
  return label ? std::string(label->view()) : std::string("<invalid>");
}

// The sample strings of RFC 3492 §7.1 and labels of real internationalized domains.
TEST(punycode, decodes_the_samples_of_rfc_3492_and_real_labels) {
  EXPECT_EQ(decoded("p1ai"), "рф");
  EXPECT_EQ(decoded("e1afmkfd"), "пример");
  EXPECT_EQ(decoded("mnchen-3ya"), "münchen");
  EXPECT_EQ(decoded("fiqs8s"), "中国");
  EXPECT_EQ(decoded("egbpdaj6bu4bxfgehfvwxn"), "ليهمابتكلموشعربي؟");
  EXPECT_EQ(decoded("ihqwcrb4cv8a8dqg056pqjye"), "他们为什么不说中文");
  EXPECT_EQ(decoded("Proprostnemluvesky-uyb24dma41a"), "Pročprostěnemluvíčesky");
  EXPECT_EQ(decoded("3B-ww4c5e180e575a65lsy2b"), "3年B組金八先生");
  EXPECT_EQ(decoded("abc-"), "abc");
  EXPECT_EQ(decoded(""), "");
  EXPECT_EQ(decoded("a"), "\u0080");  // the smallest non-basic code point
}

TEST(punycode, refuses_what_is_not_punycode) {
  for (const char* bad : {"99999999", "é-abc", "zzzzzzzzzzzzzzzzzzzz", "p1a!", "8"}) {
    EXPECT_EQ(decoded(bad), "<invalid>") << bad;
  }
  EXPECT_FALSE(decode(std::string(200, 'a') + "-b").has_value());  // more than 63 code points
}

TEST(punycode, folds_the_capitals_of_top_level_domain_scripts) {
  EXPECT_EQ(lower("РФ")->view(), "рф");
  EXPECT_EQ(lower("ЁЖ")->view(), "ёж");
  EXPECT_EQ(lower("ΕΛ")->view(), "ελ");
  EXPECT_EQ(lower("ՀԱՅ")->view(), "հայ");
  EXPECT_EQ(lower("ÉCOLE×")->view(), "école×");
  EXPECT_EQ(lower("中国")->view(), "中国");
  EXPECT_FALSE(lower("\xFF").has_value());
  EXPECT_FALSE(lower(std::string(64, 'a')).has_value());
}

}  // namespace
}  // namespace smstrack::punycode

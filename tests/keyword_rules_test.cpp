#include <smstrack/replies/keyword_rules.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(keyword_rules, the_first_word_skips_blanks_and_punctuation) {
  EXPECT_EQ(first_word("STOP"), "STOP");
  EXPECT_EQ(first_word("  ...stop please"), "stop");
  EXPECT_EQ(first_word("\"Stop!\""), "Stop");
  EXPECT_EQ(first_word("opt-out now"), "opt-out");
  EXPECT_EQ(first_word("stop- now"), "stop");
  EXPECT_EQ(first_word("ARR\xc3\x8aT merci"), "ARR\xc3\x8aT");
  EXPECT_EQ(first_word("   "), "");
  EXPECT_EQ(first_word(""), "");
  EXPECT_EQ(first_word("?!"), "");
}

TEST(keyword_rules, the_defaults_cover_the_standard_opt_out_and_resubscribe_words) {
  const auto rules = default_keyword_rules();
  for (const char* text : {"STOP", "stop", "Arret", "cancel", "END", "optout", "OPT-OUT", "quit", "REMOVE", "td",
                           "Unsubscribe me", "STOPALL", " stop."}) {
    const auto hit = match_keyword(rules, "36111", text);
    ASSERT_TRUE(hit.has_value()) << text;
    EXPECT_EQ(rules[*hit].action, reply_action::send_to_quarantine) << text;
  }
  for (const char* text : {"START", "unstop", "Start again"}) {
    const auto hit = match_keyword(rules, "36111", text);
    ASSERT_TRUE(hit.has_value()) << text;
    EXPECT_EQ(rules[*hit].action, reply_action::remove_from_quarantine) << text;
  }
  for (const char* text : {"", "Hello", "thanks", "ST", "please stop"}) {
    EXPECT_FALSE(match_keyword(rules, "36111", text).has_value()) << text;
  }
  EXPECT_TRUE(validate(rules).has_value());
}

TEST(keyword_rules, the_first_matching_rule_wins_and_empty_fields_are_wildcards) {
  const std::vector<keyword_rule> rules = {
      {"STOP", "36111", reply_action::send_to_quarantine, "bye"},
      {"STOP", "", reply_action::none, "wrong short code"},
      {"INFO", "", reply_action::none, "Call us"},
      {"", "36222", reply_action::none, "Anything on 36222"},
  };
  EXPECT_EQ(match_keyword(rules, "36111", "stop"), 0U);
  EXPECT_EQ(match_keyword(rules, "38000", "stop"), 1U);
  EXPECT_EQ(match_keyword(rules, "36222", "info"), 2U);
  EXPECT_EQ(match_keyword(rules, "36222", "hello"), 3U);
  EXPECT_EQ(match_keyword(rules, "36222", ""), 3U) << "an empty keyword matches a reply without a word";
  EXPECT_FALSE(match_keyword(rules, "38000", "hello").has_value());
}

TEST(keyword_rules, validate_refuses_keywords_that_cannot_match_and_bad_reply_texts) {
  const struct {
    keyword_rule rule;
    const char* detail;
  } cases[] = {{{"STOP NOW", "", reply_action::none, ""}, "not one word"},
               {{"!STOP", "", reply_action::none, ""}, "not one word"},
               {{std::string(33, 'A'), "", reply_action::none, ""}, "longer than 32"},
               {{"STOP", "", reply_action::none, std::string(641, 'x')}, "longer than 640"},
               {{"STOP", "", reply_action::none, "\xff"}, "UTF-8"}};
  for (const auto& c : cases) {
    const std::vector<keyword_rule> rules = {{"OK", "", reply_action::none, ""}, c.rule};
    const auto checked = validate(rules);
    ASSERT_FALSE(checked.has_value()) << c.detail;
    EXPECT_EQ(checked.error(), errc::invalid_settings);
    EXPECT_NE(checked.error().detail().find("keyword rule 2"), std::string::npos) << checked.error().detail();
    EXPECT_NE(checked.error().detail().find(c.detail), std::string::npos) << checked.error().detail();
  }
  const std::vector<keyword_rule> wildcard = {{"", "", reply_action::none, ""}};
  EXPECT_TRUE(validate(wildcard).has_value());
}

}  // namespace
}  // namespace smstrack

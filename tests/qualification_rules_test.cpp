#include <smstrack/policy/qualification_rules.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace smstrack;
using namespace std::string_literals;

const timestamp noon = from_unix_ms(1'795'000'000'000);

TEST(qualification_rules, the_key_names_the_connector_the_stat_and_the_error) {
  EXPECT_EQ(qualification_key("smpp-fr", "UNDELIV", "001"), "SR smpp-fr UNDELIV 001");
  EXPECT_EQ(qualification_key("smpp-fr", "REJECTD", ""), "SR smpp-fr REJECTD");
}

TEST(qualification_rules, an_unseen_key_is_provisioned_from_the_settings) {
  const auto item = provision("SR c UNDELIV 001", "id:1 stat:UNDELIV err:001", noon, {});
  EXPECT_EQ(item.count, 1U);
  EXPECT_EQ(item.provision.key, "SR c UNDELIV 001");
  EXPECT_EQ(item.provision.type, failure_type::soft);
  EXPECT_EQ(item.provision.reason, failure_reason::refused);
  EXPECT_EQ(item.provision.status, qualification_status::to_qualify);
  EXPECT_EQ(item.provision.first_text, "id:1 stat:UNDELIV err:001");
  EXPECT_EQ(item.provision.last_modified, noon);

  const qualification_settings hard{.provision_type = failure_type::hard,
                                    .provision_reason = failure_reason::user_unknown,
                                    .provision_status = qualification_status::keep};
  const auto strict = provision("SR c X", "raw", noon, hard);
  EXPECT_EQ(strict.provision.type, failure_type::hard);
  EXPECT_EQ(strict.provision.reason, failure_reason::user_unknown);
  EXPECT_EQ(strict.provision.status, qualification_status::keep);
}

TEST(qualification_rules, the_first_text_is_bounded_and_valid_utf8) {
  const auto item = provision("SR c X", "id:1 \xff stat:X text:caf\xc3\xa9", noon, {.max_first_text_bytes = 25});
  EXPECT_EQ(item.provision.first_text, "id:1 \xef\xbf\xbd stat:X text:caf");  // é would cross the bound
}

TEST(qualification_rules, ignore_entries_never_quarantine) {
  qualification_entry entry;
  entry.type = failure_type::hard;
  entry.reason = failure_reason::user_unknown;
  entry.status = qualification_status::keep;
  EXPECT_EQ(failure_of(entry), (qualified_failure{failure_type::hard, failure_reason::user_unknown, true}));
  entry.status = qualification_status::ignore;
  EXPECT_FALSE(failure_of(entry).may_quarantine);
}

TEST(qualification_rules, settings_and_requalifications_are_checked) {
  EXPECT_TRUE(validate(qualification_settings{}));
  EXPECT_EQ(validate(qualification_settings{.provision_type = failure_type::not_defined}).error().detail(),
            "the provision type of new qualification entries must be defined");
  EXPECT_EQ(validate(qualification_settings{.provision_reason = failure_reason::not_defined}).error(),
            errc::invalid_settings);
  EXPECT_EQ(validate(qualification_settings{.occurrence_cap = 0}).error().detail(), "the occurrence cap must be positive");

  qualification_entry entry{.key = "SR c UNDELIV 001", .type = failure_type::hard, .reason = failure_reason::user_unknown};
  EXPECT_TRUE(check_requalification(entry));
  entry.key = "UNDELIV";
  EXPECT_EQ(check_requalification(entry).error().detail(),
            "a qualification key has the form \"SR <connector> <stat> <err>\", not \"UNDELIV\"");
  entry.key = "SR c X";
  entry.type = failure_type::not_defined;
  EXPECT_EQ(check_requalification(entry).error().detail(), "requalifying \"SR c X\" needs a failure type");
  entry.type = failure_type::soft;
  entry.reason = failure_reason::not_defined;
  EXPECT_EQ(check_requalification(entry).error(), errc::invalid_argument);
}

}  // namespace

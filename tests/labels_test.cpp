#include <smstrack/views/labels.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace smstrack {
namespace {

using labelled_enums =
    boost::mp11::mp_list<delivery_state, approval_mode, log_status, failure_type, failure_reason, quarantine_status,
                         qualification_status, tracked_url_type, tracking_mode, click_class, number_type, sms_encoding, reply_action, audit_severity, audit_code, view_name,
                         sub_view_name, throughput_scale, language>;

constexpr language all_languages[] = {language::en, language::de, language::fr,
                                      language::it, language::es, language::nl};

TEST(labels, every_enumerator_has_a_label_in_every_language) {
  std::size_t checked = 0;
  boost::mp11::mp_for_each<labelled_enums>([&](auto type) {
    using E = decltype(type);
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
      for (const language lang : all_languages) {
        EXPECT_FALSE(label(d.value, lang).empty()) << d.name << " in language " << static_cast<int>(lang);
        ++checked;
      }
    });
  });
  EXPECT_GT(checked, 700U);
}

TEST(labels, labels_of_one_type_are_distinct_per_language) {
  boost::mp11::mp_for_each<labelled_enums>([&](auto type) {
    using E = decltype(type);
    if constexpr (!std::is_same_v<E, tracking_mode> && !std::is_same_v<E, failure_type>) {
      for (const language lang : all_languages) {
        std::set<std::string_view> seen;
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
          if (std::is_same_v<E, view_name> || std::is_same_v<E, sub_view_name>) return;
          EXPECT_TRUE(seen.insert(label(d.value, lang)).second) << d.name << ": " << label(d.value, lang);
        });
      }
    }
  });
}

TEST(labels, view_names_follow_the_reference_documentation) {
  EXPECT_EQ(label(view_name::summary, language::de), "Zusammenfassung");
  EXPECT_EQ(label(view_name::delivery, language::de), "Versand");
  EXPECT_EQ(label(view_name::exclusions, language::de), "Ausschlüsse");
  EXPECT_EQ(label(view_name::summary, language::fr), "Résumé");
  EXPECT_EQ(label(view_name::delivery, language::fr), "Diffusion");
  for (const language lang : {language::en, language::it, language::es, language::nl}) {
    EXPECT_EQ(label(view_name::summary, lang), "Summary");
    EXPECT_EQ(label(view_name::delivery, lang), "Delivery");
    EXPECT_EQ(label(view_name::audit, lang), "Audit");
  }
}

TEST(labels, values_outside_the_enumeration_have_no_label) {
  EXPECT_TRUE(label(static_cast<delivery_state>(3), language::en).empty());
  EXPECT_TRUE(label(log_status::pending, static_cast<language>(17)).empty());
}

TEST(labels, languages_parse_from_their_codes) {
  EXPECT_EQ(parse_language("nl").value(), language::nl);
  EXPECT_EQ(parse_language("de").value(), language::de);
  const auto unknown = parse_language("pt");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error(), errc::invalid_argument);
  EXPECT_EQ(parse_language("EN").error(), errc::invalid_argument);
}

}  // namespace
}  // namespace smstrack

#include <smstrack/content/message_template.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smstrack {
namespace {

std::string render(std::string_view content, const std::vector<recipient_field>& fields) {
  auto parsed = message_template::parse(content);
  EXPECT_TRUE(parsed.has_value()) << content;
  std::string out;
  if (parsed) parsed->render(fields, out);
  return out;
}

TEST(message_template, fills_each_placeholder_from_the_recipient_fields) {
  const std::vector<recipient_field> anna = {{"first_name", "Anaïs"}, {"code", "X42"}};
  EXPECT_EQ(render("Hi {{first_name}}, use {{ code }} today. Bye {{first_name}}!", anna),
            "Hi Anaïs, use X42 today. Bye Anaïs!");
  EXPECT_EQ(render("{{code}}", anna), "X42");
  EXPECT_EQ(render("no fields", anna), "no fields");
  EXPECT_EQ(render("", anna), "");
}

TEST(message_template, a_missing_field_renders_as_nothing_and_the_first_value_wins) {
  EXPECT_EQ(render("Hi {{first_name}}!", {}), "Hi !");
  EXPECT_EQ(render("{{a}}", {{"a", "1"}, {"a", "2"}}), "1");
}

TEST(message_template, single_braces_are_literal_text) {
  EXPECT_EQ(render("{x} } { }}", {}), "{x} } { }}");
}

TEST(message_template, lists_its_fields_once_in_order_of_first_use) {
  const auto parsed = message_template::parse("{{b}} {{a}} {{b}} {{c.d-e_1}}");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->fields(), (std::vector<std::string_view>{"b", "a", "c.d-e_1"}));
  EXPECT_TRUE(parsed->personalized());
  EXPECT_FALSE(message_template::parse("plain")->personalized());
  EXPECT_EQ(parsed->pieces().size(), 7u);
}

TEST(message_template, a_copied_or_moved_template_renders_the_same) {
  auto parsed = message_template::parse("Hi {{n}}");
  ASSERT_TRUE(parsed.has_value());
  const message_template copy = *parsed;
  const message_template moved = std::move(*parsed);
  std::string a;
  std::string b;
  copy.render(std::vector<recipient_field>{{"n", "Jo"}}, a);
  moved.render(std::vector<recipient_field>{{"n", "Jo"}}, b);
  EXPECT_EQ(a, "Hi Jo");
  EXPECT_EQ(b, "Hi Jo");
}

TEST(message_template, refuses_malformed_placeholders_and_text_naming_the_offset) {
  const struct {
    std::string content;
    const char* reason;
  } cases[] = {
      {"Hi {{name", "'{{' without '}}' (byte 3)"},
      {"Hi {{}}", "placeholder without a field name (byte 3)"},
      {"Hi {{  }}", "placeholder without a field name (byte 3)"},
      {"x {{1st}}", "field name \"1st\" is not a letter"},
      {"x {{first name}}", "field name \"first name\""},
      {"bad \xFF", "not valid UTF-8 (byte 4)"},
      {std::string("nul \0 byte", 10), "NUL byte (byte 4)"},
  };
  for (const auto& c : cases) {
    const auto parsed = message_template::parse(c.content);
    ASSERT_FALSE(parsed.has_value()) << c.content;
    EXPECT_EQ(parsed.error(), errc::invalid_text);
    EXPECT_NE(parsed.error().detail().find(c.reason), std::string::npos) << parsed.error().detail();
  }
}

}  // namespace
}  // namespace smstrack

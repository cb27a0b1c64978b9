#include <smstrack/content/message_renderer.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smstrack {
namespace {

message_template parse(std::string_view content) { return message_template::parse(content).value(); }

token_signer signer() {
  return token_signer::make(make_tracking_key(2, "00112233445566778899aabbccddeeff").value()).value();
}

rendering_options tracking_options() {
  rendering_options options;
  options.tracking_host = "t.acme.example";
  options.signer = signer();
  return options;
}

TEST(message_renderer, links_of_numbers_distinct_urls_in_order_and_applies_configured_settings) {
  const auto content = parse("Sale https://acme.example/sale! Again https://acme.example/sale. Stop: acme.com/stop");
  const tracked_url configured[] = {
      {0, 9, "Opt-out", tracked_url_type::opt_out, tracking_mode::opt_out, "acme.com/stop"}};
  const content_links links = links_of(5, content, configured);
  ASSERT_EQ(links.urls.size(), 2u);
  EXPECT_EQ(links.urls[0], (tracked_url{5, 1, "https://acme.example/sale", tracked_url_type::click,
                                        tracking_mode::enabled, "https://acme.example/sale"}));
  EXPECT_EQ(links.urls[1], (tracked_url{5, 2, "Opt-out", tracked_url_type::opt_out, tracking_mode::opt_out,
                                        "acme.com/stop"}));
  EXPECT_TRUE(links.personalized.empty());
}

TEST(message_renderer, urls_touching_a_placeholder_are_personalized_and_left_alone) {
  const auto content = parse("Your code: acme.com/p?c={{code}} or www.acme.example");
  const content_links links = links_of(5, content, {});
  EXPECT_EQ(links.personalized, std::vector<std::string>{"acme.com/p?c="});
  ASSERT_EQ(links.urls.size(), 1u);
  EXPECT_EQ(links.urls[0].source_url, "www.acme.example");
  const auto renderer = message_renderer::make(5, content, links.urls, tracking_options()).value();
  std::string out;
  const std::vector<recipient_field> fields = {{"code", "X1"}};
  ASSERT_TRUE(renderer.render(1, fields, out).has_value());
  EXPECT_EQ(out.rfind("Your code: acme.com/p?c=X1 or https://t.acme.example/", 0), 0u) << out;
}

TEST(message_renderer, replaces_tracked_links_with_signed_tracking_links_and_counts_them) {
  const auto content = parse("Hi {{name}}, shop https://acme.example/sale now");
  const content_links links = links_of(5, content, {});
  const auto renderer = message_renderer::make(5, content, links.urls, tracking_options()).value();
  EXPECT_EQ(renderer.tracked_links(), 1u);
  std::string out;
  const std::vector<recipient_field> fields = {{"name", "Ann"}};
  const segment_count counted = renderer.render(1500, fields, out).value();
  const std::string token = signer().sign({5, 1500, 1});
  EXPECT_EQ(out, "Hi Ann, shop https://t.acme.example/" + token + " now");
  EXPECT_EQ(counted, (segment_count{sms_encoding::gsm7, out.size(), 1}));
  EXPECT_EQ(signer().verify(token).value(), (token_fields{5, 1500, 1}));
}

TEST(message_renderer, links_in_mode_never_and_without_a_tracking_host_stay_as_written) {
  const auto content = parse("See https://acme.example/a and https://acme.example/b");
  const tracked_url configured[] = {{0, 0, "b", tracked_url_type::click, tracking_mode::never, "https://acme.example/b"}};
  const content_links links = links_of(5, content, configured);
  const auto renderer = message_renderer::make(5, content, links.urls, tracking_options()).value();
  EXPECT_EQ(renderer.tracked_links(), 1u);
  std::string out;
  ASSERT_TRUE(renderer.render(1, {}, out).has_value());
  EXPECT_NE(out.find("https://acme.example/b"), std::string::npos);
  EXPECT_EQ(out.find("https://acme.example/a"), std::string::npos);

  const auto untracked = message_renderer::make(5, content, links.urls, {}).value();
  EXPECT_EQ(untracked.tracked_links(), 0u);
  out.clear();
  ASSERT_TRUE(untracked.render(1, {}, out).has_value());
  EXPECT_EQ(out, content.content());
}

TEST(message_renderer, the_token_length_counts_in_the_parts) {
  // 150 septets of text, then a link: the message passes 160 septets only because of the link.
  const auto content = parse(std::string(130, 'a') + " https://acme.example/x");
  const content_links links = links_of(5, content, {});
  const auto renderer = message_renderer::make(5, content, links.urls, tracking_options()).value();
  std::string out;
  const segment_count counted = renderer.render(1, {}, out).value();
  EXPECT_GT(out.size(), 160u);
  EXPECT_EQ(counted.segments, 2u);
}

TEST(message_renderer, transliterates_and_chooses_the_encoding_per_message) {
  const auto content = parse("Bonjour {{name}}, forêt");
  rendering_options options;
  options.transliterate = true;
  const auto renderer = message_renderer::make(5, content, {}, options).value();
  std::string out;
  const std::vector<recipient_field> french = {{"name", "Anaïs"}};
  EXPECT_EQ(renderer.render(1, french, out).value().encoding, sms_encoding::gsm7);
  EXPECT_EQ(out, "Bonjour Anais, foret");
  out.clear();
  const std::vector<recipient_field> russian = {{"name", "Анна"}};
  EXPECT_EQ(renderer.render(2, russian, out).value().encoding, sms_encoding::ucs2);
}

TEST(message_renderer, refuses_a_bad_tracking_host_and_tracked_links_without_a_signer) {
  const auto content = parse("https://acme.example");
  const content_links links = links_of(5, content, {});
  rendering_options no_signer;
  no_signer.tracking_host = "t.acme.example";
  EXPECT_EQ(message_renderer::make(5, content, links.urls, no_signer).error(), errc::invalid_settings);
  for (const char* bad : {"t.acme.example/path", "-t.acme.example", "t..acme", "t_acme.example", "h\xC3\xA9.example"}) {
    rendering_options options = tracking_options();
    options.tracking_host = bad;
    EXPECT_EQ(message_renderer::make(5, content, links.urls, options).error(), errc::invalid_settings) << bad;
  }
  EXPECT_TRUE(check_tracking_host("").has_value());
  EXPECT_TRUE(check_tracking_host("localhost").has_value());
  EXPECT_EQ(check_tracking_host(std::string(254, 'a')).error(), errc::invalid_settings);
}

TEST(message_renderer, check_fields_names_the_bad_field) {
  const std::vector<recipient_field> good = {{"name", "Anaïs"}};
  EXPECT_TRUE(check_fields(good, 100).has_value());
  const std::vector<recipient_field> bad = {{"name", "Ana\xFF"}};
  const auto checked = check_fields(bad, 100);
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error(), errc::invalid_text);
  EXPECT_NE(checked.error().detail().find("field 'name'"), std::string::npos) << checked.error().detail();
  const std::vector<recipient_field> long_value = {{"name", std::string(101, 'a')}};
  EXPECT_EQ(check_fields(long_value, 100).error(), errc::invalid_text);
}

}  // namespace
}  // namespace smstrack

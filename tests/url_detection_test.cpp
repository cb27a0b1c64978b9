#include <smstrack/text/url_detection.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace smstrack {
namespace {

std::vector<std::string> urls_in(std::string_view text) {
  std::vector<std::string> out;
  for (const url_match& url : find_urls(text)) out.emplace_back(text.substr(url.offset, url.length));
  return out;
}

using list = std::vector<std::string>;

TEST(url_detection, finds_scheme_www_and_bare_hosts) {
  EXPECT_EQ(urls_in("Go to https://example.com/sale now"), list{"https://example.com/sale"});
  EXPECT_EQ(urls_in("HTTP://EXAMPLE.COM/A"), list{"HTTP://EXAMPLE.COM/A"});
  EXPECT_EQ(urls_in("see www.shop.example"), list{"www.shop.example"});
  EXPECT_EQ(urls_in("bare example.fr/promo?id=3#top"), list{"example.fr/promo?id=3#top"});
  EXPECT_EQ(urls_in("Shop.Example.COM"), list{"Shop.Example.COM"});
  EXPECT_EQ(urls_in("http://192.168.0.1:8080/x"), list{"http://192.168.0.1:8080/x"});
  EXPECT_EQ(urls_in("example.com:8080"), list{"example.com:8080"});
}

TEST(url_detection, reports_offsets_and_whether_a_scheme_was_written) {
  const std::string text = "a https://x.org b y.com";
  EXPECT_EQ(find_urls(text), (std::vector<url_match>{{2, 13, true}, {18, 5, false}}));
  EXPECT_EQ(find_url(text, 3), (url_match{18, 5, false}));
  EXPECT_EQ(find_url(text, 23), std::nullopt);
  EXPECT_EQ(find_url(""), std::nullopt);
}

TEST(url_detection, trailing_punctuation_is_not_part_of_a_url) {
  for (const char* tail : {".", ",", ";", ":", "!", "?", "'", "\"", "…", "...", "!?", ".\""}) {
    EXPECT_EQ(urls_in(std::string("Visit example.com/a") + tail), list{"example.com/a"}) << tail;
    EXPECT_EQ(urls_in(std::string("Visit example.com") + tail), list{"example.com"}) << tail;
  }
  EXPECT_EQ(urls_in("example.com/a.b"), list{"example.com/a.b"});
}

TEST(url_detection, brackets_delimit_urls_and_balanced_ones_belong_to_the_path) {
  EXPECT_EQ(urls_in("(see example.com/a)"), list{"example.com/a"});
  EXPECT_EQ(urls_in("[example.com/a]"), list{"example.com/a"});
  EXPECT_EQ(urls_in("{example.com/a}"), list{"example.com/a"});
  EXPECT_EQ(urls_in("(example.com)"), list{"example.com"});
  EXPECT_EQ(urls_in("wiki en.wikipedia.org/wiki/Foo_(bar) ok"), list{"en.wikipedia.org/wiki/Foo_(bar)"});
  EXPECT_EQ(urls_in("(en.wikipedia.org/wiki/Foo_(bar))."), list{"en.wikipedia.org/wiki/Foo_(bar)"});
  EXPECT_EQ(urls_in("x.com/a[1]"), list{"x.com/a[1]"});
  EXPECT_EQ(urls_in("<https://x.com/a>"), list{"https://x.com/a"});
  EXPECT_EQ(urls_in("\"x.com/a\""), list{"x.com/a"});
}

TEST(url_detection, unicode_spaces_and_quotes_end_a_url_but_letters_do_not) {
  EXPECT_EQ(urls_in("«example.com/a» ok"), list{"example.com/a"});
  EXPECT_EQ(urls_in("“example.com/a”"), list{"example.com/a"});
  EXPECT_EQ(urls_in("example.com/a\xC2\xA0next"), list{"example.com/a"});
  EXPECT_EQ(urls_in("example.com/café ok"), list{"example.com/café"});
}

TEST(url_detection, refuses_what_only_looks_like_a_url) {
  for (const char* text : {"mail john.doe@example.com", "ftp://files.example.com/x", "file://host.com/a",
                           "pi is 3.14", "version 1.2.3", "e.g. this", "i.e. that", "see report.pdf",
                           "photo.jpg", "a.b", "..com", "example.", ".com", "under_score.com",
                           "path/to/site.com", "C:\\dir\\x.com", "word:host.com", "mailto:a@b.com",
                           "-bad.com", "bad-.com", "no space.c", "1.2.3.4", "http://localhost/x",
                           "example..com"}) {
    EXPECT_EQ(urls_in(text), list{}) << text;
  }
}

TEST(url_detection, a_file_name_whose_extension_is_a_top_level_domain_is_a_url) {
  EXPECT_EQ(urls_in("get notes.zip"), list{"notes.zip"});
}

TEST(url_detection, finds_several_urls_in_order) {
  EXPECT_EQ(urls_in("1) a.com, 2) https://b.org/x; 3) www.c.net/y."),
            (list{"a.com", "https://b.org/x", "www.c.net/y"}));
}

TEST(url_detection, top_level_domains_come_from_the_public_suffix_list) {
  for (const char* tld : {"com", "fr", "DE", "uk", "io", "shop", "paris", "zip"}) {
    EXPECT_TRUE(is_top_level_domain(tld)) << tld;
  }
  for (const char* not_tld : {"", "pdf", "jpg", "exe", "txt", "notatld", "c", "14"}) {
    EXPECT_FALSE(is_top_level_domain(not_tld)) << not_tld;
  }
  EXPECT_FALSE(is_top_level_domain(std::string(64, 'a')));
}

TEST(url_detection, arbitrary_bytes_never_crash_and_matches_stay_inside_the_text) {
  std::mt19937 random(7);
  const std::string alphabet = "ab.:/wchtps()[]@ \xC3\xA9\xE2\x80\xA6\xFF-_?#0";
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = std::uniform_int_distribution<int>(0, 40)(random);
    for (int i = 0; i < length; ++i) {
      text += alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(random)];
    }
    std::size_t previous_end = 0;
    for (const url_match& url : find_urls(text)) {
      ASSERT_GE(url.offset, previous_end) << text;
      ASSERT_LE(url.offset + url.length, text.size()) << text;
      ASSERT_GT(url.length, 0u) << text;
      previous_end = url.offset + url.length;
    }
  }
}

}  // namespace
}  // namespace smstrack

#include <smstrack/text/url_detection.hpp>

#include <gtest/gtest.h>

#include <cctype>
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
                           "path/to/site.com", "mailto:a@b.com",
                           "-bad.com", "bad-.com", "no space.c", "1.2.3.4", "http://localhost/x",
                           "example..com"}) {
    EXPECT_EQ(urls_in(text), list{}) << text;
  }
}

// Hosts with Unicode letters are found whole, never cut at their first non-ASCII letter.
TEST(url_detection, internationalized_hosts_are_found_whole) {
  EXPECT_EQ(urls_in("Abstimmen: http://www.bürgerentscheid-krankenhäuser.de jetzt"),
            list{"http://www.bürgerentscheid-krankenhäuser.de"});
  EXPECT_EQ(urls_in("https://www.crème-brûlée.fr/promo"), list{"https://www.crème-brûlée.fr/promo"});
  EXPECT_EQ(urls_in("Акция: https://пример.рф/акция!"), list{"https://пример.рф/акция"});
  EXPECT_EQ(urls_in("https://münchen.de/veranstaltungen"), list{"https://münchen.de/veranstaltungen"});
  EXPECT_EQ(urls_in("http://über.de"), list{"http://über.de"});
  EXPECT_EQ(urls_in("Bio: www.öko.de."), list{"www.öko.de"});
  EXPECT_EQ(urls_in("сайт президент.рф"), list{"президент.рф"});
  EXPECT_EQ(urls_in("Lea ELPAÍS.com hoy"), list{"ELPAÍS.com"});
  EXPECT_EQ(urls_in("ΠΑΡΆΔΕΙΓΜΑ.ΕΛ/α"), list{"ΠΑΡΆΔΕΙΓΜΑ.ΕΛ/α"});
  EXPECT_EQ(urls_in("xn--e1afmkfd.xn--p1ai/x"), list{"xn--e1afmkfd.xn--p1ai/x"});
  EXPECT_EQ(urls_in("ünknown.notatld"), list{});
}

TEST(url_detection, unicode_and_punycode_top_level_domains_are_known_in_any_case) {
  for (const char* tld : {"рф", "РФ", "xn--p1ai", "XN--P1AI", "ελ", "中国", "xn--fiqs8s", "한국", "xn--3e0b707e"}) {
    EXPECT_TRUE(is_top_level_domain(tld)) << tld;
  }
  for (const char* not_tld : {"xn--", "xn--zzzzzzzzz", "xn--a-ecp.ru", "пример", "xn--e1afmkfd"}) {
    EXPECT_FALSE(is_top_level_domain(not_tld)) << not_tld;
  }
}

TEST(url_detection, nothing_of_an_e_mail_address_is_a_url) {
  for (const char* text : {"jean.de+promo@gmail.com", "info.shop+news@gmail.com", "Écrivez à jean.de_promo@acme.fr",
                           "first.last@example.com", "x+shop.fr@mail.com", "contact: a.b.c@acme.fr."}) {
    EXPECT_EQ(urls_in(text), list{}) << text;
  }
  EXPECT_EQ(urls_in("acme.fr or sales@acme.fr"), list{"acme.fr"});
}

// Marketing SMS glues links to what precedes them.
TEST(url_detection, a_url_glued_to_punctuation_emoji_or_cjk_text_is_found) {
  EXPECT_EQ(urls_in("Infos:https://acme.fr/promo"), list{"https://acme.fr/promo"});
  EXPECT_EQ(urls_in("🎁https://acme.fr/promo"), list{"https://acme.fr/promo"});
  EXPECT_EQ(urls_in("👉acme.fr/soldes"), list{"acme.fr/soldes"});
  EXPECT_EQ(urls_in("Soldes➡️https://acme.fr/x"), list{"https://acme.fr/x"});
  EXPECT_EQ(urls_in("Soldes➡️acme.fr/x"), list{"acme.fr/x"});
  EXPECT_EQ(urls_in("Offre•acme.fr/x"), list{"acme.fr/x"});
  EXPECT_EQ(urls_in("text:http://example.com"), list{"http://example.com"});
  EXPECT_EQ(urls_in("いまなにしてるhttp://example.com"), list{"http://example.com"});
  EXPECT_EQ(urls_in("（http://example.com）"), list{"http://example.com"});
  EXPECT_EQ(urls_in("詳しくはacme.jp/xで"), list{"acme.jp/x"});
  EXPECT_EQ(urls_in("Infos:acme.fr"), list{"acme.fr"});
  EXPECT_EQ(urls_in("1️⃣acme.fr"), list{"acme.fr"});
}

TEST(url_detection, a_scheme_or_host_glued_to_a_word_is_not_a_url) {
  for (const char* text : {"xhttp://acme.fr", "9https://acme.fr", "path/acme.fr", "user_acme.fr",
                           "a-.acme.fr", "ftp://acme.fr/?u=shop.fr"}) {
    EXPECT_EQ(urls_in(text), list{}) << text;
  }
}

// Emoji, CJK text, fullwidth punctuation and invisible characters end a URL.
TEST(url_detection, a_url_ends_where_emoji_cjk_or_format_characters_start) {
  EXPECT_EQ(urls_in("https://example.com/go👉 now"), list{"https://example.com/go"});
  EXPECT_EQ(urls_in("http://twitter.com/これは日本語です。"), list{"http://twitter.com/"});
  EXPECT_EQ(urls_in("acme.frです"), list{"acme.fr"});
  EXPECT_EQ(urls_in("acme.fr/x，y"), list{"acme.fr/x"});
  // U+200B, U+200D, U+200E, U+200F, U+202A, U+202E, U+2066, U+2069, U+FEFF, as bytes.
  for (const char* format : {"\xE2\x80\x8B", "\xE2\x80\x8D", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x80\xAA", "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA9", "\xEF\xBB\xBF"}) {
    EXPECT_EQ(urls_in(std::string("acme.fr/x") + format + "y"), list{"acme.fr/x"}) << format;
    EXPECT_EQ(urls_in(std::string("https://acme.fr") + format + "/y"), list{"https://acme.fr"}) << format;
  }
  EXPECT_EQ(urls_in("acme.fr/a→b"), list{"acme.fr/a"});
}

TEST(url_detection, an_opening_bracket_not_closed_within_the_url_is_not_part_of_it) {
  EXPECT_EQ(urls_in("acme.fr/promo(offre limitée)"), list{"acme.fr/promo"});
  EXPECT_EQ(urls_in("acme.fr/a[b c]"), list{"acme.fr/a"});
  EXPECT_EQ(urls_in("acme.fr/a(b)c(d e"), list{"acme.fr/a(b)c"});
  EXPECT_EQ(urls_in("acme.fr/a_(b)"), list{"acme.fr/a_(b)"});
}

// Brackets nest: what a URL keeps is balanced, so the URL reads the same alone (found by fuzzing:
// `(` counted apart from `[` kept the `(` of `b_(c[)e`).
TEST(url_detection, brackets_nest_and_a_closing_bracket_of_the_wrong_kind_ends_the_url) {
  EXPECT_EQ(urls_in("acme.fr/a([b])c"), list{"acme.fr/a([b])c"});
  EXPECT_EQ(urls_in("acme.fr/a([)]"), list{"acme.fr/a"});
  EXPECT_EQ(urls_in("(https://acme.fr/b_(c[)e/[www.x.org]"), (list{"https://acme.fr/b_", "www.x.org"}));
  EXPECT_EQ(urls_in("acme.fr/" + std::string(100, '(') + std::string(100, ')')), list{"acme.fr/"})
      << "nesting deeper than 64 ends the URL before its first bracket";
}

// A URL that touches a letter, digit, `_` or `-` did not end there: found whole or not at all.
TEST(url_detection, a_url_whose_end_touches_a_word_character_is_not_a_url) {
  for (const char* text : {"Visit acme.com_now", "Visit acme.com-", "acme.fr:123456x", "https://acme.fr/a(b_"}) {
    for (const url_match& url : find_urls(text)) {
      const std::size_t end = url.offset + url.length;
      ASSERT_TRUE(end == std::string_view(text).size() ||
                  (text[end] != '_' && text[end] != '-' && !std::isalnum(static_cast<unsigned char>(text[end]))))
          << text;
    }
  }
  EXPECT_EQ(urls_in("Visit acme.com_now"), list{});
  EXPECT_EQ(urls_in("Visit acme.com- now"), list{});
}

TEST(url_detection, a_url_without_a_scheme_is_made_absolute_for_a_redirect) {
  EXPECT_EQ(absolute_url("acme.fr/soldes", false), "http://acme.fr/soldes");
  EXPECT_EQ(absolute_url("www.acme.fr", true), "https://www.acme.fr");
  EXPECT_EQ(absolute_url("HTTPS://acme.fr/x", false), "HTTPS://acme.fr/x");
  EXPECT_EQ(absolute_url("http://acme.fr", true), "http://acme.fr");
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

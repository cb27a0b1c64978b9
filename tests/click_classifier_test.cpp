#include <smstrack/tracking/click_classifier.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace smstrack {
namespace {

using namespace std::chrono_literals;

// Real user agents, as phones and fetchers send them (several from isbot's own fixtures).
const std::vector<std::string> people = {
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1.2 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 "
    "Chrome/115.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "GSA/282.0.565744440 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/117.0.0.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/435.0.0.41.109;]",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
    "Safari/537.36 Edg/120.0.0.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 "
    "Safari/605.1.15",
    "Opera/9.80 (Android; Opera Mini/36.2.2254/119.132; U; id) Presto/2.12.423 Version/12.16",
    "Dalvik/2.1.0 (Linux; U; Android 9; SM-G965U Build/PPR1.180610.011)",
    // "google" after " Channel/" is TikTok's install channel, not Google (a look-behind of the list)
    "Mozilla/5.0 (Linux; Android 10; SM-G973F Build/QQ3A.200805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/85.0.4183.101 Mobile Safari/537.36 trill_2021806060 JsSdk/1.0 NetType/WIFI "
    "Channel/googleplay AppName/musical_ly app_version/18.6.6 ByteLocale/fr ByteFullLocale/fr Region/FR",
    // "bot" after " cu" is a Cubot phone
    "Mozilla/5.0 (Linux; Android 6.0; CUBOT MAX Build/MRA58K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/51.0.2704.81 Mobile Safari/537.36",
    // "google" before " pixel" is the phone
    "Mozilla/5.0 (Linux; Android 12; Google Pixel 4a) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0 Mobile Safari/537.36",
};

struct agent_case {
  std::string agent;
  click_class kind;
  std::string name;  ///< the fetcher or isbot pattern it must be matched by
};

const std::vector<agent_case> fetchers = {
    {"WhatsApp/2.23.20.0 A", click_class::link_preview, "WhatsApp (and Signal, which borrows its name)"},
    {"WhatsApp/2.2337.7 i", click_class::link_preview, "WhatsApp (and Signal, which borrows its name)"},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 "
     "Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
     click_class::link_preview, "Facebook, Messenger, iMessage and LINE previews"},
    {"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", click_class::link_preview,
     "Facebook, Messenger, iMessage and LINE previews"},
    {"facebookexternalhit/1.1;line-poker/1.0", click_class::link_preview, "Facebook, Messenger, iMessage and LINE previews"},
    {"TelegramBot (like TwitterBot)", click_class::link_preview, "Telegram"},
    {"Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", click_class::link_preview, "Slack"},
    {"Slack-ImgProxy (+https://api.slack.com/robots)", click_class::link_preview, "Slack image proxy"},
    {"Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", click_class::link_preview, "Discord"},
    {"Twitterbot/1.0", click_class::link_preview, "Twitter / X"},
    {"LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", click_class::link_preview,
     "LinkedIn"},
    {"Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
     click_class::link_preview, "Skype"},
    {"Mozilla/5.0 (compatible; Snap URL Preview Service; bot; snapchat; https://developers.snap.com/robots)",
     click_class::link_preview, "Snapchat"},
    {"Mozilla/5.0 (compatible; Google-Safety; +http://www.google.com/bot.html)", click_class::security_scanner,
     "Google Safe Browsing"},
    {"Barracuda Sentinel (EE)", click_class::security_scanner, "Barracuda"},
    {"ClamAV/0.103.8 (OS: linux-gnu, ARCH: x86_64, CPU: x86_64)", click_class::security_scanner, "ClamAV"},
    {"Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)", click_class::security_scanner, "Censys"},
    {"Mozilla/5.0 (compatible; NetcraftSurveyAgent/1.0; +info@netcraft.com)", click_class::security_scanner, "Netcraft"},
};

const std::vector<agent_case> bots = {
    {"Googlebot/2.1 (+http://www.google.com/bot.html)", click_class::crawler,
     "(?<! (?:channel/|google/))google(?!(app|/google| pixel))"},
    {"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", click_class::crawler,
     "(?<! cu)bots?(?:\\b|_)"},
    {"GOOGLEBOT/2.1", click_class::crawler, "(?<! (?:channel/|google/))google(?!(app|/google| pixel))"},
    {"msnbot-media/1.1 (+http://search.msn.com/msnbot.htm)", click_class::crawler, "(?<! cu)bots?(?:\\b|_)"},
    {"python-requests/2.31.0", click_class::crawler, "^python"},
    {"Wget/1.21.3", click_class::crawler, "^wget"},
    {"Go-http-client/2.0", click_class::crawler, "(?<!(?:lib))http"},
    {"okhttp/4.9.0", click_class::crawler, "(?<!(?:lib))http"},
    {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 "
     "Safari/537.36",
     click_class::crawler, "headless"},
    {"node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", click_class::crawler, "node"},
    {"Java/17.0.8", click_class::crawler, "java(?!;)"},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
     "Safari/537.36 PTST/231201.150000",
     click_class::crawler, "ptst[ /]\\d"},
    // the shapes of the list
    {"curl/8.4.0", click_class::crawler, "url"},
    {"Faraday v2.7.10", click_class::crawler, "^[\\w \\.\\-\\(?:\\):%]+(?:/v?\\d+(?:\\.\\d+)?(?:\\.\\d{1,10})*?)?(?:,|$)"},
    {"axios/v1.6.2", click_class::crawler, "^[\\w \\.\\-\\(?:\\):%]+(?:/v?\\d+(?:\\.\\d+)?(?:\\.\\d{1,10})*?)?(?:,|$)"},
    {"Some Agent, Inc", click_class::crawler, "^[\\w \\.\\-\\(?:\\):%]+(?:/v?\\d+(?:\\.\\d+)?(?:\\.\\d{1,10})*?)?(?:,|$)"},
    {"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz;;", click_class::crawler, "^[^ ]{50,}$"},
    {"12345;Mozilla", click_class::crawler, "^\\d+\\b"},
    {"WebSearch;x", click_class::crawler, "^\\w*search\\b"},
    {"Thing/Alpha(x)", click_class::crawler, "^\\w+/[\\w\\(\\)]*$"},
    {"Mozilla/5.0 Jorgee", click_class::crawler, "^mozilla/\\d\\.\\d\\s[\\w\\.-]+$"},
    {"Mozilla/5.0 (compatible)", click_class::crawler, "^mozilla/\\d\\.\\d\\s\\(compatible;?(?:\\s\\w+\\/\\d+\\.\\d+)?\\)$"},
    {"Mozilla/5.0 (compatible; Ezooms/1.0)", click_class::crawler,
     "^mozilla/\\d\\.\\d\\s\\(compatible;?(?:\\s\\w+\\/\\d+\\.\\d+)?\\)$"},
    {"{{user_agent}}", click_class::crawler, "^{{.*}}$"},
    {"Agent <ops@example.org> (x)", click_class::crawler, "@[a-z][\\w-]+\\."},
};

TEST(click_classifier, browsers_of_people_match_nothing) {
  for (const std::string& agent : people) {
    EXPECT_EQ(match_user_agent(agent), std::nullopt) << agent;
    EXPECT_EQ(classify_click({agent, "GET", 1h, click_network::consumer}).value(), click_verdict{}) << agent;
  }
  EXPECT_EQ(match_user_agent(""), std::nullopt) << "no user agent is no evidence";
}

TEST(click_classifier, preview_fetchers_and_scanners_are_named) {
  for (const agent_case& c : fetchers) {
    const auto match = match_user_agent(c.agent);
    ASSERT_TRUE(match.has_value()) << c.agent;
    EXPECT_EQ(match->kind, c.kind) << c.agent;
    EXPECT_EQ(match->name, c.name) << c.agent;
  }
  EXPECT_EQ(classify_click({"TelegramBot (like TwitterBot)", "GET", 1h}).value(),
            (click_verdict{click_class::link_preview, "user agent of Telegram"}));
}

TEST(click_classifier, bots_match_the_isbot_pattern_that_names_them) {
  for (const agent_case& c : bots) {
    const auto match = match_user_agent(c.agent);
    ASSERT_TRUE(match.has_value()) << c.agent;
    EXPECT_EQ(match->kind, click_class::crawler) << c.agent;
    EXPECT_EQ(match->name, c.name) << c.agent;
  }
  EXPECT_EQ(classify_click({"Wget/1.21.3"}).value(),
            (click_verdict{click_class::crawler, "user agent matches isbot pattern \"^wget\""}));
}

TEST(click_classifier, the_conditions_of_a_pattern_are_kept) {
  // "bots?" must end a word (or meet an underscore), "check" too; "^" anchors at the start.
  EXPECT_EQ(match_user_agent("Mozilla/5.0 (Linux) robotics-lab Safari/1 x y"), std::nullopt);
  EXPECT_TRUE(match_user_agent("Mozilla/5.0 (Linux) robot_x Safari/1 x y").has_value());
  EXPECT_EQ(match_user_agent("Mozilla/5.0 (Linux) checkout Safari/1 x y"), std::nullopt);
  EXPECT_TRUE(match_user_agent("Mozilla/5.0 (Linux) check Safari/1 x y").has_value());
  EXPECT_EQ(match_user_agent("Mozilla/5.0 (Linux) via wget Safari/1 x y"), std::nullopt) << "^wget only at the start";
  EXPECT_EQ(match_user_agent("Mozilla/5.0 (Linux) Java; Safari/1 x y"), std::nullopt) << "java(?!;)";
  EXPECT_EQ(match_user_agent("Mozilla/5.0 (Linux) Gnewsroom x y"), std::nullopt) << "(?:^|[^g])news";
  EXPECT_TRUE(match_user_agent("Mozilla/5.0 (Linux) newsreader x y").has_value());
  EXPECT_EQ(match_user_agent("Mozilla/5.0 (Linux) newssapphire x y"), std::nullopt) << "news(?!sapphire)";
  EXPECT_EQ(match_user_agent("Mozilla/5.0 (Linux) dispatch/x y"), std::nullopt) << "^dispatch/\\d";
  EXPECT_TRUE(match_user_agent("dispatch/4 (x; y)").has_value());
  EXPECT_EQ(match_user_agent("Mozilla/5.0 (Linux) wombat/8, x y"), std::nullopt) << "a shape is of the whole agent";
  EXPECT_EQ(match_user_agent("wombat/1.2.12345678901"), std::nullopt) << "version groups after the second: 10 digits";
  EXPECT_TRUE(match_user_agent("wombat/12345678901.2.1234567890").has_value());
}

TEST(click_classifier, a_request_that_is_not_a_get_is_never_human) {
  const std::string& phone = people.front();
  EXPECT_EQ(classify_click({phone, "HEAD"}).value(),
            (click_verdict{click_class::crawler, "HEAD request (a person's click is a GET)"}));
  EXPECT_EQ(classify_click({phone, "OPTIONS"}).value().kind, click_class::crawler);
  EXPECT_EQ(classify_click({phone, "get"}).value().kind, click_class::human) << "a lower-cased GET is a GET";
  EXPECT_EQ(classify_click({phone, ""}).value().kind, click_class::human) << "unknown reads as GET";
  EXPECT_EQ(classify_click({"WhatsApp/2.23.20.0 A", "HEAD"}).value().kind, click_class::link_preview)
      << "the user agent decides first";
}

TEST(click_classifier, a_click_from_a_data_centre_is_a_scanner) {
  const std::string& phone = people.front();
  EXPECT_EQ(classify_click({phone, "GET", 1h, click_network::data_centre}).value(),
            (click_verdict{click_class::security_scanner, "from a data-centre network"}));
  EXPECT_EQ(classify_click({"Wget/1.21.3", "GET", 1h, click_network::data_centre}).value().kind, click_class::crawler);
}

TEST(click_classifier, a_click_within_the_prefetch_window_is_a_prefetch) {
  const std::string& phone = people.front();
  EXPECT_EQ(classify_click({phone, "GET", 500ms}).value(),
            (click_verdict{click_class::prefetch, "500ms after the ack (prefetch window 2s)"}));
  EXPECT_EQ(classify_click({phone, "GET", -500ms}).value(),
            (click_verdict{click_class::prefetch, "500ms before the ack was processed (prefetch window 2s)"}));
  EXPECT_EQ(classify_click({phone, "GET", -3s}).value().kind, click_class::human) << "long before: no evidence";
  EXPECT_EQ(classify_click({phone, "GET", 2s}).value().kind, click_class::human) << "the window is open at its end";
  EXPECT_EQ(classify_click({phone, "GET", std::nullopt}).value().kind, click_class::human) << "no ack: no rule";
  EXPECT_EQ(classify_click({phone, "GET", 500ms}, {0ms}).value().kind, click_class::human) << "0 turns it off";
  EXPECT_EQ(classify_click({phone, "GET", 9s}, {10s}).value().kind, click_class::prefetch);
}

TEST(click_classifier, bad_facts_are_refused_with_what_was_wrong) {
  const auto spaced = classify_click({"x", "GE T"});
  ASSERT_FALSE(spaced.has_value());
  EXPECT_EQ(spaced.error(), errc::invalid_argument);
  EXPECT_EQ(spaced.error().detail(), "HTTP method \"GE?T\" is not a token of at most 32 characters");
  const auto long_method = classify_click({"x", std::string(40, 'A')});
  ASSERT_FALSE(long_method.has_value());
  EXPECT_EQ(long_method.error().detail(),
            "HTTP method \"" + std::string(32, 'A') + "...\" is not a token of at most 32 characters");
  const auto window = classify_click({"x"}, {-1s});
  ASSERT_FALSE(window.has_value());
  EXPECT_EQ(window.error(), errc::invalid_argument);
  EXPECT_EQ(window.error().detail(), "prefetch_window -1s is negative");
}

TEST(click_classifier, any_bytes_are_read_without_harm) {
  std::string agent;
  for (int byte = 0; byte < 256; ++byte) agent.push_back(static_cast<char>(byte));
  EXPECT_TRUE(match_user_agent(agent).has_value()) << "it holds \"()\" and \"|\"";
  EXPECT_EQ(match_user_agent(std::string(100'000, 'x') + ";").value().name, "^[^ ]{50,}$");
  EXPECT_EQ(match_user_agent(std::string("Mozilla/5.0 (Linux\0bot x) y", 27)).value().kind, click_class::crawler);
}

}  // namespace
}  // namespace smstrack

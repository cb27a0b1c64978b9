// Content and tracking through the tracker (SPEC §7, §10): personalized messages and their
// parts, the message size rule, the URL registry, tracking links, clicks and their indicators.
#include <smstrack/engine/tracker.hpp>

#include <smstrack/store/keyring.hpp>

#include "engine_fixture.hpp"

#include <algorithm>
#include <cctype>
#include <random>
#include <thread>

namespace smstrack {
namespace {

using testing::make_target;
using testing::phone_agent;

constexpr std::string_view sale_url = "https://acme.example/sale";
constexpr std::string_view stop_url = "https://acme.example/stop";

class tracker_tracking_test : public testing::engine_test {
 protected:
  keyring keys;

  void SetUp() override {
    ASSERT_TRUE(keys.add(make_tracking_key(1, "00112233445566778899aabbccddeeff").value(), true).has_value());
    engine.set_tracking_keys(&keys);
  }

  delivery_id create_tracked(std::uint16_t max_parts = 0, approval_mode approval = approval_mode::manual) {
    delivery_draft draft{"Sale", "Hi {{name}}, sale at " + std::string(sale_url) + " Stop: " + std::string(stop_url),
                         "ACME", {}};
    draft.settings.tracking_host = "t.acme.example";
    draft.settings.short_code = "36111";
    draft.settings.max_parts = max_parts;
    draft.settings.approval = approval;
    return engine.create_delivery(draft).value();
  }
  static std::vector<recipient> named_target(std::vector<std::string> names) {
    std::vector<recipient> target = make_target(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) target[i].fields = {{"name", names[i]}};
    return target;
  }
  void configure_opt_out(delivery_id id) {
    const tracked_url stop{0, 0, "Opt-out", tracked_url_type::opt_out, tracking_mode::opt_out, std::string(stop_url)};
    ASSERT_TRUE(engine.configure_urls(id, {&stop, 1}).has_value());
  }
  // The tracking link of `url` in log `log`'s message.
  std::string token_of(delivery_id id, log_id log, url_id url) {
    return token_signer::make(keys.current().value()).value().sign({id, log, url});
  }
  std::vector<click> stored_clicks(delivery_id id) { return engine.clicks(id, 0, 1000).value(); }
};

TEST_F(tracker_tracking_test, the_analysis_renders_every_message_and_records_what_they_cost) {
  const delivery_id id = create_tracked();
  const auto report = engine.analyse(id, named_target({"Ann", "Анна", std::string(200, 'x')})).value();
  EXPECT_EQ(report.messages, (message_summary{2, 0, 1, 1 + 2 + 2, 2})) << "Ann: 1 part; Анна: UCS-2, 2; x..x: 2";
  EXPECT_EQ(engine.get_delivery(id).value().messages, report.messages);
  const auto urls = engine.tracked_urls(id).value();
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(urls[0], (tracked_url{id, 1, std::string(sale_url), tracked_url_type::click, tracking_mode::enabled,
                                  std::string(sale_url)}));
  EXPECT_EQ(urls[1].source_url, stop_url);

  const message_renderer renderer = engine.renderer(id).value();
  std::string message;
  const std::vector<recipient_field> ann = {{"name", "Ann"}};
  const segment_count counted = renderer.render(1, ann, message).value();
  EXPECT_EQ(message, "Hi Ann, sale at https://t.acme.example/" + token_of(id, 1, 1) +
                         " Stop: https://t.acme.example/" + token_of(id, 1, 2));
  EXPECT_EQ(counted, (segment_count{sms_encoding::gsm7, message.size(), 1}));
}

TEST_F(tracker_tracking_test, the_message_size_rule_excludes_longer_messages_as_text_too_long_and_warns) {
  const delivery_id id = create_tracked(1, approval_mode::semi_automatic);
  std::vector<recipient> target = named_target({"Ann", std::string(200, 'x'), std::string(200, 'y')});
  target[2].seed = true;
  const auto report = engine.analyse(id, target).value();
  EXPECT_EQ(report.rejected, 1u);
  EXPECT_EQ(report.logs_created, 2u) << "the long seed is kept";
  ASSERT_FALSE(report.causes.empty());
  EXPECT_EQ(report.causes.back(), (exclusion_cause{"message size", failure_reason::text_too_long, 1}));
  ASSERT_FALSE(report.warnings.empty());
  EXPECT_TRUE(std::any_of(report.warnings.begin(), report.warnings.end(), [](const std::string& w) {
    return w.find("1 message(s) longer than 1 part(s) excluded (text_too_long)") != std::string::npos;
  }));
  EXPECT_EQ(report.state, delivery_state::ready) << "a warning holds a semi-automatic delivery";
  const auto excluded = engine.exclusions(id, {}).value();
  ASSERT_EQ(excluded.size(), 1u);
  EXPECT_EQ(excluded[0].reason, failure_reason::text_too_long);
  EXPECT_EQ(excluded[0].rule, "message size");
  EXPECT_NE(excluded[0].text.find("more than 1"), std::string::npos) << excluded[0].text;
}

TEST_F(tracker_tracking_test, a_message_over_five_parts_and_a_personalized_url_are_warned_about) {
  delivery_draft draft{"Long", "{{text}} https://acme.example/p?c={{code}}", "ACME", {}};
  const delivery_id id = engine.create_delivery(draft).value();
  std::vector<recipient> target = make_target(1);
  target[0].fields = {{"text", std::string(1000, 'a')}, {"code", "X"}};
  const auto report = engine.analyse(id, target).value();
  EXPECT_EQ(report.messages.longest, 7u);
  ASSERT_EQ(report.warnings.size(), 2u);
  EXPECT_EQ(report.warnings[0], "the longest message has 7 parts (5 or fewer advised)");
  EXPECT_EQ(report.warnings[1], "URL 'https://acme.example/p?c=' is personalized: it is sent as written, not tracked");
}

// Each log keeps the parts and encoding of its own message: what it costs.
TEST_F(tracker_tracking_test, each_log_keeps_the_parts_and_encoding_of_its_message) {
  delivery_draft draft{"Shapes", "Hi {{name}}", "ACME", {}};
  const delivery_id id = engine.create_delivery(draft).value();
  std::vector<recipient> target = make_target(3);
  target[0].fields = {{"name", "Ann"}};
  target[1].fields = {{"name", std::string(200, 'b')}};
  target[2].fields = {{"name", "Zoë 😀"}};
  ASSERT_TRUE(engine.analyse(id, target).has_value());
  const auto logs = engine.logs(id, {}).value();
  ASSERT_EQ(logs.size(), 3U);
  EXPECT_EQ(logs[0].parts, 1U);
  EXPECT_EQ(logs[0].encoding, sms_encoding::gsm7);
  EXPECT_EQ(logs[1].parts, 2U);
  EXPECT_EQ(logs[2].parts, 1U);
  EXPECT_EQ(logs[2].encoding, sms_encoding::ucs2) << "an emoji needs UCS-2";
}

TEST_F(tracker_tracking_test, bad_fields_and_missing_keys_fail_the_analysis_before_it_changes_anything) {
  const delivery_id id = create_tracked();
  const auto bad_field = engine.analyse(id, named_target({"Ann", "Bad \xFF"}));
  ASSERT_FALSE(bad_field.has_value());
  EXPECT_EQ(bad_field.error(), errc::invalid_text);
  EXPECT_NE(bad_field.error().detail().find("recipient 1: field 'name'"), std::string::npos) << bad_field.error().detail();
  auto long_field = named_target({std::string(2000, 'a')});
  EXPECT_EQ(engine.analyse(id, long_field).error(), errc::invalid_text);
  engine.set_tracking_keys(nullptr);
  EXPECT_EQ(engine.analyse(id, named_target({"Ann"})).error(), errc::invalid_settings);
  EXPECT_EQ(state_of(id), delivery_state::editing);
  EXPECT_TRUE(engine.logs(id, {}).value().empty());
  EXPECT_EQ(engine.renderer(id).error(), errc::illegal_transition);
}

TEST_F(tracker_tracking_test, configure_urls_sets_label_type_and_mode_while_editing_only) {
  const delivery_id id = create_tracked();
  configure_opt_out(id);
  auto urls = engine.tracked_urls(id).value();
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(urls[1], (tracked_url{id, 2, "Opt-out", tracked_url_type::opt_out, tracking_mode::opt_out,
                                  std::string(stop_url)}));
  const tracked_url unknown{0, 0, "x", tracked_url_type::click, tracking_mode::enabled, "https://other.example"};
  EXPECT_EQ(engine.configure_urls(id, {&unknown, 1}).error(), errc::unknown_entry);
  const tracked_url bad_label{0, 0, "bad \xFF", tracked_url_type::click, tracking_mode::enabled, std::string(sale_url)};
  EXPECT_EQ(engine.configure_urls(id, {&bad_label, 1}).error(), errc::invalid_text);
  EXPECT_EQ(engine.tracked_urls(id).value(), urls) << "refused configurations change nothing";
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann"})).has_value());
  EXPECT_EQ(engine.tracked_urls(id).value(), urls) << "the analysis keeps the configuration";
  EXPECT_EQ(engine.configure_urls(id, {&unknown, 1}).error(), errc::content_frozen);
}

TEST_F(tracker_tracking_test, a_click_resolves_to_the_registered_url_and_counts) {
  const delivery_id id = create_tracked();
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann", "Bob", "Cid"})).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  ASSERT_TRUE(change(id, {{1, log_status::taken_into_account, {}, {}, {}, {}},
                          {2, log_status::taken_into_account, {}, {}, {}, {}}})
                  .has_value());
  clock.advance(std::chrono::minutes{3});
  const std::string token = token_of(id, 1, 1);
  const click_outcome first = engine.on_click({token, phone_agent, std::nullopt, std::nullopt}).value();
  EXPECT_EQ(first.source_url, sale_url);
  EXPECT_EQ(first.log, 1u);
  EXPECT_FALSE(first.opted_out);
  ASSERT_TRUE(engine.on_click({token, "", clock.now(), id}).has_value());
  const auto clicks = stored_clicks(id);
  ASSERT_EQ(clicks.size(), 2u);
  EXPECT_EQ(clicks[0], (click{id, first.click, 1, 1, clock.now(), std::string(phone_agent)}));
  EXPECT_EQ(clicks[1].user_agent, std::nullopt);
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.clicks, 2u);
  EXPECT_EQ(figures.distinct_clicks, 1u);
  EXPECT_DOUBLE_EQ(figures.click_through_rate, 50.0) << "1 distinct clicker of 2 successes";
  EXPECT_EQ(figures, engine.recompute(id).value());
  EXPECT_EQ(engine.click_counts(id).value(), (std::vector<url_click_count>{{1, 2, 1, {2, 0, 0, 0, 0}}, {2, 0, 0, {}}}));
}

// Each click is classified and kept with its class; only people's make clickers (SPEC §10).
TEST_F(tracker_tracking_test, a_click_is_classified_and_only_people_count_as_clickers) {
  const delivery_id id = create_tracked();
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann", "Bob", "Cid"})).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  ASSERT_TRUE(change(id, {{1, log_status::taken_into_account, {}, {}, {}, {}},
                          {2, log_status::taken_into_account, {}, {}, {}, {}},
                          {3, log_status::taken_into_account, {}, {}, {}, {}}})
                  .has_value());  // acknowledged now
  const timestamp acked = clock.now();
  struct request {
    log_id log;
    std::string_view agent;
    std::string_view method;
    click_network network;
    duration after_ack;
    click_class expected;
    std::string_view why;
  };
  const request requests[] = {
      {1, "WhatsApp/2.23.20.0 A", "GET", click_network::unknown, std::chrono::seconds(1), click_class::link_preview,
       "user agent of WhatsApp (and Signal, which borrows its name)"},
      {1, phone_agent, "HEAD", click_network::unknown, std::chrono::minutes(5), click_class::crawler,
       "HEAD request (a person's click is a GET)"},
      {2, phone_agent, "GET", click_network::data_centre, std::chrono::minutes(5), click_class::security_scanner,
       "from a data-centre network"},
      {2, phone_agent, "GET", click_network::consumer, std::chrono::milliseconds(800), click_class::prefetch,
       "800ms after the ack (prefetch window 2s)"},
      {3, "python-requests/2.31.0", "GET", click_network::unknown, std::chrono::minutes(5), click_class::crawler,
       "user agent matches isbot pattern \"^python\""},
      {3, phone_agent, "GET", click_network::consumer, std::chrono::minutes(5), click_class::human, ""},
  };
  for (const request& r : requests) {
    const std::string token = token_of(id, r.log, 1);
    incoming_click in{token, r.agent, acked + r.after_ack, id};
    in.method = r.method;
    in.network = r.network;
    const click_outcome outcome = engine.on_click(in).value();
    EXPECT_EQ(outcome.kind, r.expected) << r.why;
    EXPECT_EQ(outcome.why, r.why);
  }
  const auto clicks = stored_clicks(id);
  ASSERT_EQ(clicks.size(), std::size(requests));
  for (std::size_t i = 0; i < clicks.size(); ++i) {
    EXPECT_EQ(clicks[i].kind, requests[i].expected) << "the click log keeps its class";
    EXPECT_EQ(clicks[i].why, requests[i].why) << "and why";
  }
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.clicks, 6u);
  EXPECT_EQ(figures.human_clicks, 1u);
  EXPECT_EQ(figures.clicks_by_class, (click_class_counts{1, 1, 1, 2, 1}));
  EXPECT_EQ(figures.distinct_clicks, 1u) << "one person clicked";
  EXPECT_EQ(figures, engine.recompute(id).value());
  const std::string token = token_of(id, 1, 1);
  incoming_click bad{token, phone_agent, std::nullopt, id};
  bad.method = "GE T";
  EXPECT_EQ(engine.on_click(bad).error(), errc::invalid_argument);
  EXPECT_EQ(stored_clicks(id).size(), std::size(requests)) << "a refused click records nothing";
}

// The window runs from the ack whatever came after it: a phone that fetches the link as the
// message lands, its delivery receipt already in, still prefetches.
TEST_F(tracker_tracking_test, a_click_right_after_the_ack_is_a_prefetch_even_once_delivered) {
  const delivery_id id = create_tracked();
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann"})).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  ASSERT_TRUE(change(id, {{1, log_status::taken_into_account, {}, {}, {}, {}}}).has_value());
  clock.advance(std::chrono::milliseconds(600));
  ASSERT_TRUE(change(id, {{1, log_status::received_on_mobile, {}, {}, {}, {}}}).has_value());
  clock.advance(std::chrono::milliseconds(900));
  const std::string token = token_of(id, 1, 1);
  const click_outcome early = engine.on_click({token, phone_agent, std::nullopt, id}).value();
  EXPECT_EQ(early.kind, click_class::prefetch);
  EXPECT_EQ(early.why, "1500ms after the ack (prefetch window 2s)");
  clock.advance(std::chrono::seconds(30));
  EXPECT_EQ(engine.on_click({token, phone_agent, std::nullopt, id}).value().kind, click_class::human);
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.clicks_by_class, (click_class_counts{1, 0, 0, 0, 1}));
  EXPECT_EQ(figures.distinct_clicks, 1u);
  EXPECT_EQ(figures, engine.recompute(id).value());
}

// A scanner or preview fetcher that follows an opt-out link must not denylist anyone.
TEST_F(tracker_tracking_test, an_opt_out_link_acts_only_on_a_human_click) {
  const delivery_id id = create_tracked();
  configure_opt_out(id);
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann"})).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  const std::string token = token_of(id, 1, 2);
  const quarantine_key key{phone_number::parse(make_target(1)[0].address).value(), "36111"};
  std::optional<quarantine_entry> entry[1];
  incoming_click scanner{token, phone_agent, std::nullopt, id};
  scanner.network = click_network::data_centre;
  const incoming_click preview{token, "facebookexternalhit/1.1;line-poker/1.0", std::nullopt, id};
  incoming_click checker{token, phone_agent, std::nullopt, id};
  checker.method = "HEAD";
  for (const incoming_click& robot : {scanner, preview, checker}) {
    const click_outcome outcome = engine.on_click(robot).value();
    EXPECT_NE(outcome.kind, click_class::human);
    EXPECT_FALSE(outcome.opted_out);
    EXPECT_EQ(outcome.source_url, stop_url) << "it is redirected all the same";
  }
  ASSERT_TRUE(store.inner.quarantine().get({&key, 1}, entry).has_value());
  EXPECT_FALSE(entry[0].has_value()) << "nobody asked to opt out";
  EXPECT_EQ(stored_clicks(id).size(), 3u) << "the clicks are logged";
  EXPECT_EQ(engine.indicators_of(id).value().opt_outs, 0u);
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
  EXPECT_TRUE(engine.on_click({token, phone_agent, std::nullopt, id}).value().opted_out) << "the person does";
  ASSERT_TRUE(store.inner.quarantine().get({&key, 1}, entry).has_value());
  ASSERT_TRUE(entry[0].has_value());
  EXPECT_EQ(entry[0]->status, quarantine_status::denylisted);
  EXPECT_EQ(engine.indicators_of(id).value().opt_outs, 1u);
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
}

TEST_F(tracker_tracking_test, a_click_on_a_link_written_without_a_scheme_redirects_to_an_absolute_url) {
  for (const bool https : {false, true}) {
    delivery_draft draft{"Soldes", "Soldes 👉acme.fr/soldes et " + std::string(sale_url), "ACME", {}};
    draft.settings.tracking_host = "t.acme.example";
    draft.settings.https_for_bare_links = https;
    const delivery_id id = engine.create_delivery(draft).value();
    ASSERT_TRUE(engine.analyse(id, named_target({"Ann"})).has_value());
    ASSERT_TRUE(engine.start(id, "op").has_value());
    const click_outcome bare = engine.on_click({token_of(id, 1, 1), "", std::nullopt, std::nullopt}).value();
    EXPECT_EQ(bare.source_url, "acme.fr/soldes");
    EXPECT_EQ(bare.redirect_url, https ? "https://acme.fr/soldes" : "http://acme.fr/soldes");
    const click_outcome written = engine.on_click({token_of(id, 1, 2), "", std::nullopt, std::nullopt}).value();
    EXPECT_EQ(written.redirect_url, sale_url) << "a URL with its scheme is left as it is";
  }
}

// What follows a tracking link in a rendered message can never be read as part of its token:
// a URL touching a word character is not detected (so not replaced), and every link verifies.
TEST_F(tracker_tracking_test, every_tracking_link_in_a_message_verifies_whatever_follows_it) {
  delivery_draft draft{"Glued", "Visit acme.com_now, acme.fr/x-y_z! (acme.de/a) acme.it/b\xE2\x80\x8B👉acme.es-", "ACME", {}};
  draft.settings.tracking_host = "t.acme.example";
  const delivery_id id = engine.create_delivery(draft).value();
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann"})).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  std::vector<std::string> sources;
  for (const tracked_url& url : engine.tracked_urls(id).value()) sources.push_back(url.source_url);
  EXPECT_EQ(sources, (std::vector<std::string>{"acme.fr/x-y_z", "acme.de/a", "acme.it/b"}));
  std::string message;
  ASSERT_TRUE(engine.renderer(id).value().render(1, {}, message).has_value());
  EXPECT_NE(message.find("acme.com_now"), std::string::npos) << message;
  std::size_t links = 0;
  const std::string prefix = "https://t.acme.example/";
  for (std::size_t at = message.find(prefix); at != std::string::npos; at = message.find(prefix, at + 1)) {
    std::size_t end = at + prefix.size();
    while (end < message.size() && (std::isalnum(static_cast<unsigned char>(message[end])) || message[end] == '_' ||
                                    message[end] == '-')) {
      ++end;
    }
    const std::string token = message.substr(at + prefix.size(), end - at - prefix.size());
    EXPECT_TRUE(engine.on_click({token, "", std::nullopt, std::nullopt}).has_value()) << message;
    ++links;
  }
  EXPECT_EQ(links, 3u) << message;
}

TEST_F(tracker_tracking_test, refused_clicks_record_nothing_and_say_why) {
  const delivery_id id = create_tracked();
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann"})).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  const std::string good = token_of(id, 1, 1);
  std::string tampered = good;
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  const auto detail = [&](const incoming_click& c) {
    const auto clicked = engine.on_click(c);
    EXPECT_FALSE(clicked.has_value());
    return clicked ? std::string{} : clicked.error().message();
  };
  EXPECT_EQ(detail({tampered, "", std::nullopt, std::nullopt}), "invalid tracking token: tag mismatch");
  EXPECT_EQ(detail({good.substr(0, good.size() - 4), "", std::nullopt, std::nullopt}),
            "invalid tracking token: truncated");
  EXPECT_EQ(detail({good, "", std::nullopt, id + 1}),
            "invalid tracking token: a token of delivery " + std::to_string(id) + ", not " + std::to_string(id + 1));
  EXPECT_EQ(detail({good, "bad \xFF", std::nullopt, std::nullopt}).rfind("invalid text", 0), 0u);
  const tracking_key other = make_tracking_key(9, "ffeeddccbbaa99887766554433221100").value();
  const std::string foreign = token_signer::make(other).value().sign({id, 1, 1});
  EXPECT_EQ(detail({foreign, "", std::nullopt, std::nullopt}), "invalid tracking token: unknown key 9");
  const std::string no_such_log = token_of(id, 99, 1);
  EXPECT_EQ(engine.on_click({no_such_log, "", std::nullopt, std::nullopt}).error(), errc::unknown_log);
  const std::string no_such_url = token_of(id, 1, 7);
  EXPECT_EQ(engine.on_click({no_such_url, "", std::nullopt, std::nullopt}).error(), errc::unknown_entry);
  const std::string no_such_delivery = token_of(id + 5, 1, 1);
  EXPECT_EQ(engine.on_click({no_such_delivery, "", std::nullopt, std::nullopt}).error(), errc::unknown_delivery);
  engine.set_tracking_keys(nullptr);
  EXPECT_EQ(engine.on_click({good, "", std::nullopt, std::nullopt}).error(), errc::invalid_settings);
  EXPECT_TRUE(stored_clicks(id).empty());
  EXPECT_EQ(engine.indicators_of(id).value().clicks, 0u);
}

// An analysis can be discarded until the start, and the next one numbers its logs anew: a click
// before the start would count for a log that may vanish (the counters then drifted from the
// store) or be given to another recipient. Clicks count from the start on.
TEST_F(tracker_tracking_test, a_click_before_the_start_is_refused_and_counts_stay_equal_to_a_recompute) {
  const delivery_id id = create_tracked();
  configure_opt_out(id);
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann", "Bob"})).has_value());
  const auto early = engine.on_click({token_of(id, 1, 1), "", std::nullopt, std::nullopt});
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error(), errc::illegal_transition);
  EXPECT_EQ(engine.on_click({token_of(id, 2, 2), "", std::nullopt, std::nullopt}).error(), errc::illegal_transition)
      << "nor does an opt-out link act";
  ASSERT_TRUE(engine.reopen(id).has_value());
  ASSERT_TRUE(engine.edit_content(id, "Short text").has_value());
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann", "Bob"})).has_value());
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.distinct_clicks, 0u);
  EXPECT_EQ(figures.opt_outs, 0u);
  EXPECT_EQ(figures, engine.recompute(id).value());
  EXPECT_TRUE(stored_clicks(id).empty());
}

TEST_F(tracker_tracking_test, an_opt_out_link_denylists_the_number_for_the_short_code_once) {
  const delivery_id id = create_tracked();
  configure_opt_out(id);
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann"})).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  const std::string token = token_of(id, 1, 2);
  EXPECT_TRUE(engine.on_click({token, "", std::nullopt, std::nullopt}).value().opted_out);
  EXPECT_FALSE(engine.on_click({token, "", std::nullopt, std::nullopt}).value().opted_out) << "already opted out";
  const quarantine_key key{phone_number::parse(make_target(1)[0].address).value(), "36111"};
  std::optional<quarantine_entry> entry[1];
  ASSERT_TRUE(store.inner.quarantine().get({&key, 1}, entry).has_value());
  ASSERT_TRUE(entry[0].has_value());
  EXPECT_EQ(entry[0]->status, quarantine_status::denylisted);
  EXPECT_EQ(entry[0]->last_error_reason, failure_reason::opted_out);
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.opt_outs, 2u) << "opt-outs count the clicks on opt-out links";
  EXPECT_EQ(figures.distinct_clicks, 1u);
  EXPECT_DOUBLE_EQ(figures.click_through_rate, 0.0) << "opt-out links are left out of the click-through rate";
  EXPECT_EQ(figures, engine.recompute(id).value());
}

// The click and the opt-out it makes are one unit of work: refused, neither is stored nor counted.
TEST_F(tracker_tracking_test, an_opt_out_click_the_store_refuses_stores_neither_the_click_nor_the_opt_out) {
  const delivery_id id = create_tracked();
  configure_opt_out(id);
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann"})).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  const std::string token = token_of(id, 1, 2);
  store.faults.arm(testing::part::commit, testing::fault::error);
  const auto refused = engine.on_click({token, "", std::nullopt, std::nullopt});
  store.faults.disarm();
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(), errc::storage_failure);
  const quarantine_key key{phone_number::parse(make_target(1)[0].address).value(), "36111"};
  std::optional<quarantine_entry> entry[1];
  ASSERT_TRUE(store.inner.quarantine().get({&key, 1}, entry).has_value());
  EXPECT_FALSE(entry[0].has_value());
  EXPECT_TRUE(stored_clicks(id).empty());
  EXPECT_EQ(engine.indicators_of(id).value().opt_outs, 0u);
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
  EXPECT_TRUE(engine.on_click({token, "", std::nullopt, std::nullopt}).value().opted_out) << "the click again opts out";
  EXPECT_EQ(stored_clicks(id).size(), 1U);
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
}

TEST_F(tracker_tracking_test, links_signed_before_a_key_rotation_verify_until_their_key_is_retired) {
  const delivery_id id = create_tracked();
  ASSERT_TRUE(engine.analyse(id, named_target({"Ann"})).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  const std::string old_token = token_of(id, 1, 1);
  ASSERT_TRUE(keys.add(make_tracking_key(2, "0f0e0d0c0b0a09080706050403020100").value(), true).has_value());
  std::string message;
  ASSERT_TRUE(engine.renderer(id).value().render(1, {}, message).has_value());
  EXPECT_NE(message.find(token_of(id, 1, 1)), std::string::npos) << "new messages use the current key";
  EXPECT_NE(token_of(id, 1, 1), old_token);
  EXPECT_TRUE(engine.on_click({old_token, "", std::nullopt, std::nullopt}).has_value());
  ASSERT_TRUE(keys.retire(1).has_value());
  EXPECT_EQ(engine.on_click({old_token, "", std::nullopt, std::nullopt}).error().message(),
            "invalid tracking token: unknown key 1");
}

TEST_F(tracker_tracking_test, shuffled_and_repeated_clicks_give_the_same_indicators) {
  const delivery_id id = create_tracked();
  configure_opt_out(id);
  ASSERT_TRUE(engine.analyse(id, named_target({"A", "B", "C", "D", "E", "F"})).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  std::vector<status_change> sent;
  for (log_id log = 1; log <= 6; ++log) sent.push_back({log, log_status::taken_into_account, {}, {}, {}, {}});
  ASSERT_TRUE(change(id, sent).has_value());
  clock.advance(std::chrono::minutes{1});  // read a minute after the ack: no prefetch
  std::vector<std::string> tokens;
  for (const auto& [log, url] : std::vector<std::pair<log_id, url_id>>{{1, 1}, {1, 1}, {2, 1}, {2, 2}, {3, 2}, {4, 1}, {4, 1}}) {
    tokens.push_back(token_of(id, log, url));
  }
  ASSERT_TRUE(engine.evict(id));
  std::mt19937 random(11);
  std::shuffle(tokens.begin(), tokens.end(), random);
  for (const std::string& token : tokens) ASSERT_TRUE(engine.on_click({token, "", std::nullopt, std::nullopt}).has_value());
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.clicks, 7u);
  EXPECT_EQ(figures.distinct_clicks, 4u);
  EXPECT_EQ(figures.opt_outs, 2u);
  EXPECT_DOUBLE_EQ(figures.click_through_rate, 100.0 * 3 / 6) << "logs 1, 2 and 4 clicked a counted link";
  EXPECT_EQ(figures, engine.recompute(id).value());
}

// People, preview fetchers, scanners and crawlers clicking both links, duplicated, shuffled and
// from two threads: every order gives the same indicators, and they equal a recompute.
class mixed_clicks_test : public tracker_tracking_test, public ::testing::WithParamInterface<unsigned> {};

TEST_P(mixed_clicks_test, from_threads_in_any_order_give_the_same_indicators) {
  struct visit {
    log_id log;
    url_id url;
    std::string_view agent;
  };
  const visit visits[] = {{1, 1, phone_agent},        {1, 1, "WhatsApp/2.23.20.0 A"}, {2, 1, "Wget/1.21.3"},
                          {2, 2, "Barracuda Sentinel (EE)"}, {3, 2, phone_agent},   {4, 1, "TelegramBot (like TwitterBot)"},
                          {5, 2, "Twitterbot/1.0"},   {6, 1, phone_agent},            {6, 2, phone_agent}};
  const unsigned seed = GetParam();
  {
    const delivery_id id = create_tracked();
    configure_opt_out(id);
    ASSERT_TRUE(engine.analyse(id, named_target({"A", "B", "C", "D", "E", "F"})).has_value());
    ASSERT_TRUE(engine.start(id, "op").has_value());
    std::vector<status_change> delivered;
    for (log_id log = 1; log <= 6; ++log) delivered.push_back({log, log_status::taken_into_account, {}, {}, {}, {}});
    ASSERT_TRUE(change(id, delivered).has_value());
    clock.advance(std::chrono::minutes{1});  // read a minute after the ack: no prefetch
    std::vector<incoming_click> clicks;
    std::vector<std::string> tokens;
    tokens.reserve(2 * std::size(visits));
    for (int copy = 0; copy < 2; ++copy) {
      for (const visit& v : visits) tokens.push_back(token_of(id, v.log, v.url));
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      clicks.push_back({tokens[i], visits[i % std::size(visits)].agent, std::nullopt, id});
    }
    std::mt19937 random(seed);
    std::shuffle(clicks.begin(), clicks.end(), random);
    const std::size_t half = clicks.size() / 2;
    std::thread other([&] {
      for (std::size_t i = 0; i < half; ++i) {
        const auto clicked = engine.on_click(clicks[i]);
        EXPECT_TRUE(clicked.has_value()) << clicked.error().message();
      }
    });
    for (std::size_t i = half; i < clicks.size(); ++i) {
      const auto clicked = engine.on_click(clicks[i]);
      EXPECT_TRUE(clicked.has_value()) << clicked.error().message();
    }
    other.join();
    const indicators figures = engine.indicators_of(id).value();
    EXPECT_EQ(figures, engine.recompute(id).value()) << "seed " << seed;
    EXPECT_EQ(figures.clicks, 18u);
    EXPECT_EQ(figures.clicks_by_class, (click_class_counts{8, 6, 2, 2, 0}));
    EXPECT_EQ(figures.distinct_clicks, 3u) << "logs 1, 3 and 6";
    EXPECT_EQ(figures.opt_outs, 4u) << "people's clicks on the opt-out link: logs 3 and 6, twice";
    EXPECT_DOUBLE_EQ(figures.click_through_rate, 100.0 * 2 / 6) << "logs 1 and 6 clicked the sale link";
  }
}
INSTANTIATE_TEST_SUITE_P(shuffles, mixed_clicks_test, ::testing::Values(1U, 2U, 3U));

}  // namespace
}  // namespace smstrack

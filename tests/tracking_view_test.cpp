#include <smstrack/views/tracking_view.hpp>

#include <smstrack/model/json.hpp>
#include <smstrack/store/keyring.hpp>

#include "engine_fixture.hpp"

namespace smstrack {
namespace {

class tracking_view_test : public testing::engine_test {
 protected:
  keyring keys;
  void SetUp() override {
    ASSERT_TRUE(keys.add(make_tracking_key(1, "00112233445566778899aabbccddeeff").value(), true).has_value());
    engine.set_tracking_keys(&keys);
  }
  std::string token(delivery_id id, log_id log, url_id url) {
    return token_signer::make(keys.current().value()).value().sign({id, log, url});
  }
};

TEST_F(tracking_view_test, counts_clicks_per_url_and_per_shared_label_and_pages_the_click_logs) {
  delivery_draft draft{"Sale", "Shoes https://acme.example/shoes bags https://acme.example/bags", "ACME", {}};
  draft.settings.tracking_host = "t.acme.example";
  const delivery_id id = engine.create_delivery(draft).value();
  const tracked_url shared[] = {
      {0, 0, "Products", tracked_url_type::click, tracking_mode::enabled, "https://acme.example/shoes"},
      {0, 0, "Products", tracked_url_type::click, tracking_mode::enabled, "https://acme.example/bags"}};
  ASSERT_TRUE(engine.configure_urls(id, shared).has_value());
  ASSERT_TRUE(engine.analyse(id, testing::make_target(3)).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  for (const auto& [log, url] : std::vector<std::pair<log_id, url_id>>{{1, 1}, {1, 2}, {2, 2}}) {
    ASSERT_TRUE(engine.on_click({token(id, log, url), testing::phone_agent, std::nullopt, std::nullopt}).has_value());
  }
  ASSERT_TRUE(engine.on_click({token(id, 3, 2), "TelegramBot (like TwitterBot)", std::nullopt, std::nullopt}).has_value());
  const tracking_view view = make_tracking_view(engine, id, {0, 2}).value();
  EXPECT_EQ(view.clicks, 4u) << "every click";
  EXPECT_EQ(view.human_clicks, 3u);
  EXPECT_EQ(view.by_class, (click_class_counts{3, 1, 0, 0, 0})) << "the preview fetcher's apart";
  EXPECT_EQ(view.distinct_clicks, 2u) << "the fetcher makes no clicker";
  ASSERT_EQ(view.urls.size(), 2u);
  EXPECT_EQ(view.urls[0].clicks, 1u);
  EXPECT_EQ(view.urls[1].clicks, 3u);
  EXPECT_EQ(view.urls[1].distinct_clicks, 2u);
  EXPECT_EQ(view.urls[1].by_class, (click_class_counts{2, 1, 0, 0, 0}));
  ASSERT_EQ(view.labels.size(), 1u);
  EXPECT_EQ(view.labels[0], (label_click_count{"Products", {1, 2}, 4, 2, {3, 1, 0, 0, 0}}));
  ASSERT_EQ(view.click_logs.size(), 2u);
  ASSERT_TRUE(view.next.has_value());
  const tracking_view rest = make_tracking_view(engine, id, {*view.next, 3}).value();
  EXPECT_EQ(rest.click_logs.size(), 2u);
  EXPECT_EQ(rest.click_logs.back().kind, click_class::link_preview);
  EXPECT_FALSE(rest.next.has_value());
  const auto back = parse_json<tracking_view>(to_json_text(view));
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_EQ(*back, view);
}

TEST_F(tracking_view_test, refuses_bad_pages_unknown_deliveries_and_reports_store_failures) {
  const delivery_id id = create();
  EXPECT_EQ(make_tracking_view(engine, id, {0, 0}).error(), errc::invalid_argument);
  EXPECT_EQ(make_tracking_view(engine, 999).error(), errc::unknown_delivery);
  store.faults.arm(testing::part::tracking, testing::fault::error);
  EXPECT_EQ(make_tracking_view(engine, id).error(), errc::storage_failure);
}

}  // namespace
}  // namespace smstrack

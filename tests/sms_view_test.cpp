#include <smstrack/views/sms_view.hpp>

#include <smstrack/model/json.hpp>

#include "engine_fixture.hpp"

namespace smstrack {
namespace {

using sms_view_test = testing::engine_test;

TEST_F(sms_view_test, shows_the_content_its_cost_and_the_characters_that_force_ucs2) {
  delivery_draft draft{"Soldes", "", "ACME", {}};
  draft.content = "Bonjour {{first_name}}, forêt à -40 % sur https://acme.example/soldes 😀";
  draft.settings.max_parts = 3;
  const delivery_id id = engine.create_delivery(draft).value();
  const sms_view view = make_sms_view(engine, id).value();
  EXPECT_EQ(view.content, draft.content);
  EXPECT_EQ(view.sender, "ACME");
  EXPECT_FALSE(view.frozen);
  EXPECT_EQ(view.preview, "Bonjour , forêt à -40 % sur https://acme.example/soldes 😀");
  EXPECT_EQ(view.preview_count.encoding, sms_encoding::ucs2);
  EXPECT_EQ(view.preview_count.segments, 1u);
  ASSERT_EQ(view.outside_gsm7.size(), 2u);
  EXPECT_EQ(view.outside_gsm7[0].code_point, U'ê');
  EXPECT_EQ(view.outside_gsm7[1].code_point, 0x1F600u);
  EXPECT_EQ(view.fields, std::vector<std::string>{"first_name"});
  ASSERT_EQ(view.urls.size(), 1u);
  EXPECT_EQ(view.urls[0].source_url, "https://acme.example/soldes");
  EXPECT_EQ(view.max_parts, 3u);
  const auto back = parse_json<sms_view>(to_json_text(view));
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_EQ(*back, view);
}

TEST_F(sms_view_test, is_frozen_after_the_analysis_and_shows_what_the_messages_cost) {
  delivery_draft draft{"Sale", "Hi {{name}}", "ACME", {}};
  draft.settings.transliterate = true;
  const delivery_id id = engine.create_delivery(draft).value();
  std::vector<recipient> target = testing::make_target(2);
  target[0].fields = {{"name", "Zoë"}};
  target[1].fields = {{"name", "Анна"}};
  ASSERT_TRUE(engine.analyse(id, target).has_value());
  const sms_view view = make_sms_view(engine, id).value();
  EXPECT_TRUE(view.frozen);
  EXPECT_TRUE(view.transliterate);
  EXPECT_EQ(view.messages, (message_summary{1, 0, 1, 2, 1})) << "Zoë transliterated to GSM-7, Анна in UCS-2";
  EXPECT_EQ(view.preview_count.encoding, sms_encoding::gsm7);
  EXPECT_TRUE(view.outside_gsm7.empty());
}

TEST_F(sms_view_test, reports_unknown_deliveries_and_store_failures) {
  EXPECT_EQ(make_sms_view(engine, 999).error(), errc::unknown_delivery);
  const delivery_id id = create();
  store.faults.arm(testing::part::tracking, testing::fault::error);
  EXPECT_EQ(make_sms_view(engine, id).error(), errc::storage_failure);
}

}  // namespace
}  // namespace smstrack

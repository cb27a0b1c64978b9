#include <smstrack/engine/click_outcome.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(click_outcome, round_trips_through_json) {
  const click_outcome outcome{9, 2, 31, 1, "acme.example/sale", "http://acme.example/sale",
                              click_class::link_preview, "user agent of Telegram", false};
  EXPECT_EQ(parse_json<click_outcome>(to_json_text(outcome)).value(), outcome);
  EXPECT_NE(to_json_text(outcome).find(R"("kind":"link_preview")"), std::string::npos) << "classes by name";
  const incoming_click click{"tok", "", std::nullopt, std::nullopt};
  EXPECT_FALSE(click.time) << "now by the tracker's clock";
  EXPECT_TRUE(click.method.empty()) << "read as GET";
  EXPECT_EQ(click.network, click_network::unknown);
}

}  // namespace
}  // namespace smstrack

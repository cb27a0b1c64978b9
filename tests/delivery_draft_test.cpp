#include <smstrack/engine/delivery_draft.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(delivery_draft, round_trips_through_json) {
  delivery_draft draft{"Spring sale", "Hi {{name}}", "ACME", {}};
  draft.settings.connector = "smpp-fr";
  const auto back = parse_json<delivery_draft>(to_json_text(draft)).value();
  EXPECT_EQ(back.label, draft.label);
  EXPECT_EQ(back.content, draft.content);
  EXPECT_EQ(back.settings.connector, "smpp-fr");
}

}  // namespace
}  // namespace smstrack

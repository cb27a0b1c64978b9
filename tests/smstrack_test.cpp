#include <smstrack/smstrack.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

// The umbrella header alone is enough to run a delivery end to end.
TEST(smstrack, the_umbrella_header_holds_the_core) {
  memory_store store;
  manual_clock clock(from_unix_ms(1'795'435'200'000));
  tracker engine(store, clock);
  const delivery_id id = engine.create_delivery({"Umbrella", "Hello", "ACME", {}}).value();
  const recipient target[] = {{1, "+33612345678", false}};
  ASSERT_TRUE(engine.analyse(id, target).has_value());
  EXPECT_EQ(make_summary_view(engine, id).value().figures.to_deliver, 1U);
}

}  // namespace
}  // namespace smstrack

#include <smstrack/engine/tracker_options.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using namespace std::chrono_literals;

// The defaults are SPEC's: grace 30 s, horizon 72 h, 5 retries 15 minutes apart, 5 errors
// before quarantine.
TEST(tracker_options, the_defaults_are_the_specifications) {
  const tracker_options options;
  EXPECT_EQ(options.receipt_grace, duration(30s));
  EXPECT_EQ(options.receipt_horizon, duration(72h));
  EXPECT_EQ(options.retries.max_retries, 5U);
  EXPECT_EQ(options.retries.min_interval, duration(15min));
  EXPECT_EQ(options.quarantine.max_errors, 5U);
  const connector_profile profile;
  EXPECT_EQ(profile.ids, id_normalization::as_is);
}

}  // namespace
}  // namespace smstrack

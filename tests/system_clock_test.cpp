#include <smstrack/adapters/system_clock.hpp>

#include <gtest/gtest.h>

TEST(system_clock, reads_the_current_utc_time_with_milliseconds) {
  const smstrack::system_clock clock;
  const smstrack::timestamp before = clock.now();
  EXPECT_GT(smstrack::to_unix_ms(before), 1'700'000'000'000) << "after November 2023";
  EXPECT_LE(before, clock.now());
}

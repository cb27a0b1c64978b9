#include <smstrack/model/ids.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <type_traits>

TEST(ids, widths_fit_the_volumes_they_key) {
  static_assert(std::is_unsigned_v<smstrack::delivery_id> && sizeof(smstrack::delivery_id) == 8);
  static_assert(std::is_unsigned_v<smstrack::log_id> && sizeof(smstrack::log_id) == 4);
  EXPECT_GE(std::numeric_limits<smstrack::log_id>::max(), 4'000'000'000U) << "billions of logs per delivery";
  EXPECT_EQ(sizeof(smstrack::event_id), 8U);
}

#include <smstrack/model/log_status.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(log_status, success_and_waiting_classes) {
  EXPECT_TRUE(is_success(log_status::taken_into_account));
  EXPECT_TRUE(is_success(log_status::received_on_mobile));
  EXPECT_FALSE(is_success(log_status::sent_to_provider));
  EXPECT_FALSE(is_success(log_status::failed));
  EXPECT_TRUE(is_waiting(log_status::pending));
  EXPECT_TRUE(is_waiting(log_status::sent_to_provider));
  EXPECT_FALSE(is_waiting(log_status::taken_into_account));
  EXPECT_FALSE(is_waiting(log_status::canceled));
}

TEST(log_status, values_are_dense_in_the_documented_order) {
  EXPECT_EQ(static_cast<int>(log_status::pending), 0);
  EXPECT_EQ(static_cast<int>(log_status::not_applicable), 7);
  EXPECT_EQ(log_status_count, 8U);
}

}  // namespace
}  // namespace smstrack

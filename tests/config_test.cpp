#include <smstrack/config.hpp>

#include <gtest/gtest.h>

SMSTRACK_BEGIN_NAMESPACE
inline constexpr int versioned_marker = 1;
SMSTRACK_END_NAMESPACE

TEST(config, names_live_in_the_versioned_inline_namespace) {
  EXPECT_EQ(smstrack::versioned_marker, 1);
  EXPECT_EQ(smstrack::v1::versioned_marker, 1);
  EXPECT_GE(SMSTRACK_VERSION_MAJOR * 10000 + SMSTRACK_VERSION_MINOR * 100 + SMSTRACK_VERSION_PATCH, 100);
}

#include <smstrack/engine/status_change.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(status_change, a_change_defaults_to_nothing_but_its_log_and_status) {
  const status_change change{3, log_status::received_on_mobile};
  EXPECT_EQ(change.type, failure_type::not_defined);
  EXPECT_EQ(change.reason, failure_reason::not_defined);
  EXPECT_TRUE(change.provider_id.empty());
  EXPECT_TRUE(change.text.empty());
  EXPECT_EQ(to_json_text(change_outcome::invalid_argument), "\"invalid_argument\"");
  EXPECT_EQ(receipt_timed_out_text, "receipt timed out");
}

}  // namespace
}  // namespace smstrack

#include <smstrack/engine/receipt_batch.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(receipt_batch, a_summary_counts_by_outcome) {
  receipt_summary summary;
  summary.counts[static_cast<std::size_t>(receipt_outcome::held)] = 3;
  EXPECT_EQ(summary[receipt_outcome::held], 3U);
  EXPECT_EQ(summary[receipt_outcome::applied], 0U);
  EXPECT_EQ(summary.counts.size(), 7U) << "one count per outcome";
  EXPECT_EQ(to_json_text(receipt_outcome::conflict), "\"conflict\"");
}

}  // namespace
}  // namespace smstrack

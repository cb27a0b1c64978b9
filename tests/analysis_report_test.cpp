#include <smstrack/engine/analysis_report.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(analysis_report, round_trips_through_json) {
  analysis_report report;
  report.initial_population = 10;
  report.rejected = 2;
  report.to_deliver = 8;
  report.causes.push_back({"duplicate", failure_reason::duplicate, 2});
  report.warnings.emplace_back("no sender id is set");
  const auto back = parse_json<analysis_report>(to_json_text(report)).value();
  EXPECT_EQ(back.to_deliver, 8U);
  EXPECT_EQ(back.causes.size(), 1U);
  EXPECT_EQ(back.warnings, report.warnings);
  EXPECT_EQ(back.state, delivery_state::ready);
}

}  // namespace
}  // namespace smstrack

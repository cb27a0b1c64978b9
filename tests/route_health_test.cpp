#include <smstrack/model/route_health.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using namespace std::chrono_literals;

TEST(route_health, round_trips_through_json_with_the_network_written_out) {
  route_report report;
  route_health row;
  row.connector = "smpp-a";
  row.region = "FR";
  row.network = network_code::parse("208-01").value();
  row.messages = 3;
  row.errors_by_reason = {{failure_reason::user_unknown, 1}};
  row.ack_to_final = {2, 4'095ms, 8'191ms, 8'191ms, 8'191ms};
  report.routes.push_back(row);
  row.network = {};
  report.connectors.push_back(row);
  const std::string json = to_json_text(report);
  EXPECT_NE(json.find("\"network\":\"208-01\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"network\":null"), std::string::npos) << json;
  EXPECT_EQ(parse_json<route_report>(json).value(), report);
}

TEST(route_health, a_malformed_network_in_json_is_refused) {
  const auto bad = parse_json<route_health>(R"({"connector":"a","region":"FR","network":"20-801"})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), errc::invalid_argument);
}

}  // namespace
}  // namespace smstrack

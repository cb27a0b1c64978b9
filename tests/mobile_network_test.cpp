#include <smstrack/model/mobile_network.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(mobile_network, parses_what_smscs_and_hlr_lookups_write) {
  EXPECT_EQ(parse_network("208-01").value(), (mobile_network{"208", "01"}));
  EXPECT_EQ(parse_network("208 10").value(), (mobile_network{"208", "10"}));
  EXPECT_EQ(parse_network("20801").value(), (mobile_network{"208", "01"}));
  EXPECT_EQ(parse_network("310260").value(), (mobile_network{"310", "260"}));
  EXPECT_EQ(parse_network("310-026").value(), (mobile_network{"310", "026"}));
  EXPECT_NE(parse_network("310-026").value(), parse_network("310-26").value()) << "01 and 001 are different networks";
  EXPECT_EQ(to_string(mobile_network{"234", "15"}), "234-15");
}

TEST(mobile_network, refuses_what_is_not_an_mcc_and_an_mnc) {
  const auto short_mcc = parse_network("20-801");
  ASSERT_FALSE(short_mcc);
  EXPECT_EQ(short_mcc.error(), errc::invalid_argument);
  EXPECT_EQ(short_mcc.error().detail(), "network \"20-801\": the MCC is not three digits");
  EXPECT_EQ(parse_network("208-1").error().detail(), "network \"208-1\": the MNC is not two or three digits");
  EXPECT_EQ(parse_network("2080").error().detail(), "network \"2080\": the MNC is not two or three digits");
  EXPECT_EQ(parse_network("208-0a").error().detail(), "network \"208-0a\": the MNC is not two or three digits");
  EXPECT_EQ(parse_network("").error().detail(), "network \"\": the MCC is not three digits");
  EXPECT_EQ(parse_network("208-01-01234").error().detail(), "network \"208-01-01234\": longer than an MCC and an MNC");
  EXPECT_EQ(check_network({"208", "1234"}).error().detail(), "network \"208-1234\": the MNC is not two or three digits");
  EXPECT_TRUE(check_network({"208", "01"}));
}

TEST(network_code, round_trips_every_kind_of_network_and_keeps_01_and_001_apart) {
  for (const char* text : {"001-01", "208-01", "208-10", "310-260", "310-026", "999-99", "999-999", "000-00"}) {
    const network_code code = network_code::parse(text).value();
    ASSERT_TRUE(code.known()) << text;
    EXPECT_EQ(code.to_string(), text);
    EXPECT_EQ(network_code::from_value(code.value()), code) << text;
    EXPECT_EQ(network_code::of(*code.network()), code) << text;
  }
  EXPECT_NE(network_code::parse("310-026").value(), network_code::parse("310-26").value());
  EXPECT_LE(network_code::parse("999-999").value().value(), network_code::max_value);
}

TEST(network_code, orders_as_networks_do_with_unknown_first) {
  const auto code = [](const char* text) { return network_code::parse(text).value(); };
  EXPECT_LT(network_code{}, code("000-00"));
  EXPECT_LT(code("208-01"), code("208-10"));
  EXPECT_LT(code("208-99"), code("208-000"));
  EXPECT_LT(code("208-999"), code("209-00"));
}

TEST(network_code, unknown_is_empty_and_bad_input_is_refused) {
  EXPECT_FALSE(network_code{}.known());
  EXPECT_EQ(network_code{}.to_string(), "");
  EXPECT_EQ(network_code{}.network(), std::nullopt);
  EXPECT_EQ(network_code::parse("").value(), network_code{});
  EXPECT_EQ(network_code::parse("20-801").error().detail(), "network \"20-801\": the MCC is not three digits");
  EXPECT_EQ(network_code::of({"2O8", "01"}), network_code{}) << "a malformed network has no code";
  EXPECT_EQ(network_code::from_value(network_code::max_value + 1), std::nullopt);
}

}  // namespace
}  // namespace smstrack

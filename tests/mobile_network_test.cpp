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

}  // namespace
}  // namespace smstrack

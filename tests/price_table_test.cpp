#include <smstrack/policy/price_table.hpp>

#include <smstrack/model/json.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

const mobile_network orange{"208", "01"};
const mobile_network free_mobile{"208", "15"};

price_list sample() {
  return {"EUR",
          {{"FR", std::nullopt, std::nullopt, 45'000},                    // France, any network
           {"FR", orange, std::nullopt, 40'000},                          // Orange France
           {"FR", orange, sms_encoding::ucs2, 42'000},                    // Orange France, UCS-2
           {"DE", std::nullopt, sms_encoding::gsm7, 70'000},              // Germany, GSM 7-bit only
           {"", std::nullopt, std::nullopt, 90'000}}};                    // anywhere else
}

TEST(price_table, a_part_takes_the_most_specific_rule) {
  const price_table table = price_table::make(sample()).value();
  EXPECT_EQ(table.currency(), "EUR");
  EXPECT_EQ(table.price_per_part("FR", orange, sms_encoding::gsm7), 40'000U) << "the network's rule";
  EXPECT_EQ(table.price_per_part("FR", orange, sms_encoding::ucs2), 42'000U) << "its encoding's rule";
  EXPECT_EQ(table.price_per_part("FR", free_mobile, sms_encoding::gsm7), 45'000U) << "the region's rule";
  EXPECT_EQ(table.price_per_part("FR", std::nullopt, sms_encoding::ucs2), 45'000U) << "network unknown";
  EXPECT_EQ(table.price_per_part("DE", std::nullopt, sms_encoding::gsm7), 70'000U);
  EXPECT_EQ(table.price_per_part("DE", std::nullopt, sms_encoding::ucs2), 90'000U) << "no German UCS-2 rule: anywhere";
  EXPECT_EQ(table.price_per_part("BE", std::nullopt, sms_encoding::gsm7), 90'000U);
}

TEST(price_table, a_message_costs_its_parts_and_an_unpriced_one_is_unknown) {
  const price_table table = price_table::make(sample()).value();
  EXPECT_EQ(table.cost("FR", orange, sms_encoding::gsm7, 3), 120'000U);
  EXPECT_EQ(table.cost("FR", orange, sms_encoding::gsm7, 0), 0U);
  price_list france_only = sample();
  france_only.rules.pop_back();
  const price_table narrow = price_table::make(france_only).value();
  EXPECT_EQ(narrow.price_per_part("BE", std::nullopt, sms_encoding::gsm7), std::nullopt);
  EXPECT_EQ(narrow.cost("BE", std::nullopt, sms_encoding::gsm7, 2), std::nullopt) << "unknown, not free";
  const price_list dearest{"EUR", {{"", std::nullopt, std::nullopt, price_table::max_micro_per_part}}};
  EXPECT_EQ(price_table::make(dearest).value().cost("FR", std::nullopt, sms_encoding::ucs2, 0xFFFFFFFFU),
            price_table::max_micro_per_part * 0xFFFFFFFFULL) << "fits in 64 bits";
}

TEST(price_table, make_names_the_rule_that_is_wrong) {
  const auto check = [](price_list list) { return price_table::make(list).error(); };
  price_list bad = sample();
  bad.currency = "eur";
  EXPECT_EQ(check(bad), errc::invalid_settings);
  EXPECT_EQ(check(bad).detail(), "price list currency \"eur\" is not three upper-case letters (ISO 4217)");
  bad = sample();
  bad.rules[1].region = "France";
  EXPECT_EQ(check(bad).detail(), "price rule 1: region \"France\" is not two upper-case letters, \"001\" or empty");
  bad = sample();
  bad.rules[4].network = orange;
  EXPECT_EQ(check(bad).detail(), "price rule 4: a network needs its region");
  bad = sample();
  bad.rules[1].network = mobile_network{"208", "1"};
  EXPECT_EQ(check(bad).detail(), "price rule 1: network \"208-1\": the MNC is not two or three digits");
  bad = sample();
  bad.rules[0].micro_per_part = price_table::max_micro_per_part + 1;
  EXPECT_EQ(check(bad).detail(), "price rule 0: a part priced 1000000001 micro-units, above 1000000000");
  bad = sample();
  bad.rules.push_back({"FR", orange, sms_encoding::ucs2, 1});
  EXPECT_EQ(check(bad).detail(), "price rule 5: the same region, network and encoding as an earlier rule");
  bad = sample();
  bad.rules[3].encoding = static_cast<sms_encoding>(4);
  EXPECT_EQ(check(bad).detail(), "price rule 3: encoding 4 is not an encoding");
  EXPECT_TRUE(price_table::make({"USD", {{"001", std::nullopt, std::nullopt, 1}}})) << "non-geographic numbers";
}

TEST(price_table, a_price_list_reads_from_json) {
  const auto list = parse_json<price_list>(
      R"({"currency": "EUR", "rules": [{"region": "FR", "network": {"mcc": "208", "mnc": "01"}, "encoding": "ucs2",
          "micro_per_part": 42000}, {"region": "", "network": null, "encoding": null, "micro_per_part": 90000}]})");
  ASSERT_TRUE(list) << list.error().detail();
  const price_table table = price_table::make(*list).value();
  EXPECT_EQ(table.price_per_part("FR", orange, sms_encoding::ucs2), 42'000U);
  EXPECT_EQ(table.price_per_part("FR", orange, sms_encoding::gsm7), 90'000U);
}

}  // namespace
}  // namespace smstrack

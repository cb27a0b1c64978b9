#include <smstrack/receipts/receipt_tlvs.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace smstrack;
using namespace std::string_literals;

TEST(receipt_tlvs, three_octets_are_a_type_and_a_big_endian_code) {
  EXPECT_EQ(decode_network_error("\x03\x00\x01"s), (network_error{3, 1}));
  EXPECT_EQ(decode_network_error("\x03\x01\x00"s), (network_error{3, 256}));
  EXPECT_EQ(decode_network_error("\x01\xff\xff"s), (network_error{1, 65535}));
}

TEST(receipt_tlvs, three_ascii_digits_are_a_decimal_code_without_type) {
  EXPECT_EQ(decode_network_error("012"), (network_error{std::nullopt, 12}));
  EXPECT_EQ(decode_network_error("999"), (network_error{std::nullopt, 999}));
}

TEST(receipt_tlvs, any_other_length_decodes_to_nothing) {
  EXPECT_EQ(decode_network_error(""), std::nullopt);
  EXPECT_EQ(decode_network_error("\x03\x00"s), std::nullopt);
  EXPECT_EQ(decode_network_error("0123"), std::nullopt);
}

TEST(receipt_tlvs, empty_means_no_tlv_at_all) {
  EXPECT_TRUE(receipt_tlvs{}.empty());
  EXPECT_FALSE(receipt_tlvs{.message_state = 0}.empty());
}

}  // namespace

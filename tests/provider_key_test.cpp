#include <smstrack/receipts/provider_key.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace smstrack;
using namespace std::string_literals;

std::string normalized(std::string_view raw, id_normalization how) {
  return std::string(normalize_provider_id(raw, how).value().view());
}

std::string rejection(std::string_view raw, id_normalization how) {
  const auto key = normalize_provider_id(raw, how);
  EXPECT_FALSE(key) << "accepted: " << raw;
  if (key) return {};
  EXPECT_EQ(key.error(), errc::invalid_receipt);
  return key.error().detail();
}

TEST(provider_key, as_is_keeps_the_id_verbatim) {
  EXPECT_EQ(normalized("00aB-12", id_normalization::as_is), "00aB-12");
  EXPECT_EQ(normalized(" 12 ", id_normalization::as_is), " 12 ");
}

TEST(provider_key, decimal_strips_blanks_and_leading_zeros) {
  EXPECT_EQ(normalized("  000123 ", id_normalization::decimal), "123");
  EXPECT_EQ(normalized("000", id_normalization::decimal), "0");
  EXPECT_EQ(normalized("18446744073709551616123", id_normalization::decimal), "18446744073709551616123");
}

TEST(provider_key, hex_number_is_read_as_a_number_of_any_length) {
  EXPECT_EQ(normalized("1A", id_normalization::hex_number), "26");
  EXPECT_EQ(normalized("001a", id_normalization::hex_number), "26");
  EXPECT_EQ(normalized("0", id_normalization::hex_number), "0");
  EXPECT_EQ(normalized("FFFFFFFFFFFFFFFF", id_normalization::hex_number), "18446744073709551615");
  EXPECT_EQ(normalized("10000000000000000", id_normalization::hex_number), "18446744073709551616");
}

TEST(provider_key, hex_string_decodes_the_bytes) {
  EXPECT_EQ(normalized("313233", id_normalization::hex_string), "123");
  EXPECT_EQ(normalized("6162", id_normalization::hex_string), "ab");
}

TEST(provider_key, the_ack_and_the_receipt_meet_through_the_normalization) {
  EXPECT_EQ(normalize_provider_id("0000001A", id_normalization::hex_number).value(),
            normalize_provider_id("1a", id_normalization::hex_number).value());
  EXPECT_NE(normalize_provider_id("12", id_normalization::as_is).value(),
            normalize_provider_id("012", id_normalization::as_is).value());
}

TEST(provider_key, bad_ids_are_rejected_precisely) {
  EXPECT_EQ(rejection("", id_normalization::as_is), "the provider id is empty");
  EXPECT_EQ(rejection("12\0"s "3", id_normalization::as_is), "the provider id \"12\\x003\" contains a NUL byte");
  EXPECT_EQ(rejection(std::string(65, '1'), id_normalization::as_is).substr(0, 20), "the provider id \"111");
  EXPECT_NE(rejection(std::string(65, '1'), id_normalization::as_is).find("is 65 characters, over 64"), std::string::npos);
  EXPECT_EQ(rejection("12a", id_normalization::decimal), "the provider id \"12a\" is not decimal");
  EXPECT_EQ(rejection("1 2", id_normalization::decimal), "the provider id \"1 2\" is not decimal");
  EXPECT_EQ(rejection("   ", id_normalization::decimal), "the provider id \"   \" is blank");
  EXPECT_EQ(rejection("12g", id_normalization::hex_number), "the provider id \"12g\" is not hexadecimal");
  EXPECT_EQ(rejection("123", id_normalization::hex_string), "the provider id \"123\" has an odd number of hex digits");
  EXPECT_EQ(rejection("31zz", id_normalization::hex_string), "the provider id \"31zz\" is not hexadecimal");
  EXPECT_EQ(rejection("3100", id_normalization::hex_string), "the provider id \"3100\" decodes to a NUL byte");
  EXPECT_EQ(rejection("1\x01", id_normalization::decimal), "the provider id \"1\\x01\" is not decimal");
  EXPECT_EQ(rejection("\xff\x01", id_normalization::decimal), "the provider id \"\\xff\\x01\" is not UTF-8 (byte 0)");
  EXPECT_EQ(rejection("12\x80\x81", id_normalization::as_is), "the provider id \"12\\x80\\x81\" is not UTF-8 (byte 2)");
  EXPECT_EQ(rejection("31ff", id_normalization::hex_string),
            "the provider id \"31ff\" decodes to bytes that are not UTF-8");
}

TEST(provider_key, a_hex_number_too_long_once_in_decimal_is_rejected) {
  const std::string hex(60, 'F');  // 73 decimal digits
  EXPECT_NE(rejection(hex, id_normalization::hex_number).find("longer than 64 characters once normalized"),
            std::string::npos);
}

TEST(provider_key, keys_are_fixed_size_and_ordered) {
  static_assert(sizeof(provider_key) == provider_key::capacity + 1);
  const provider_key a = normalize_provider_id("a", id_normalization::as_is).value();
  const provider_key b = normalize_provider_id("b", id_normalization::as_is).value();
  EXPECT_LT(a, b);
  EXPECT_TRUE(provider_key{}.empty());
}

TEST(provider_key, a_hex_id_and_a_decimal_id_may_denote_the_same_number) {
  EXPECT_TRUE(ids_denote_same_number("1A", "26"));
  EXPECT_TRUE(ids_denote_same_number("0000001a", "00026"));
  EXPECT_TRUE(ids_denote_same_number("123", "123"));  // both decimal
  EXPECT_TRUE(ids_denote_same_number("7B", "123"));
  EXPECT_FALSE(ids_denote_same_number("1A", "27"));
  EXPECT_FALSE(ids_denote_same_number("xyz", "26"));
  EXPECT_FALSE(ids_denote_same_number("1A", "1A"));  // the text id must be decimal
  EXPECT_FALSE(ids_denote_same_number("", ""));
}

}  // namespace

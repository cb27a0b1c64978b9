#include <smstrack/receipts/receipt.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace smstrack;
using namespace std::string_literals;
using namespace std::string_view_literals;

std::string rejection(std::string_view text, const receipt_tlvs& tlvs = {},
                      id_normalization ids = id_normalization::as_is) {
  const auto parsed = parse_receipt(text, tlvs, ids);
  EXPECT_FALSE(parsed) << "accepted: " << text;
  if (parsed) return {};
  EXPECT_EQ(parsed.error(), errc::invalid_receipt);
  return parsed.error().detail();
}

TEST(receipt, a_text_only_receipt_takes_everything_from_the_text) {
  const receipt r = parse_receipt("id:0042 stat:undeliv err:001 text:hi", {}).value();
  EXPECT_EQ(r.id, "0042");
  EXPECT_EQ(r.id_from, id_source::text);
  EXPECT_EQ(r.key.view(), "0042");
  EXPECT_EQ(r.stat(), "UNDELIV");
  EXPECT_EQ(r.error_code(), "001");
  EXPECT_EQ(r.message_state, std::nullopt);
  EXPECT_EQ(r.network, std::nullopt);
  EXPECT_EQ(r.fields.text, "hi");
}

TEST(receipt, tlvs_win_over_the_text) {
  const receipt_tlvs tlvs{.receipted_message_id = "1A"sv, .message_state = 2, .network_error_code = "\x03\x00\x05"sv};
  const receipt r = parse_receipt("id:26 stat:UNDELIV err:099", tlvs, id_normalization::hex_number).value();
  EXPECT_EQ(r.id, "1A");
  EXPECT_EQ(r.id_from, id_source::tlv);
  EXPECT_EQ(r.fields.id, "26");
  EXPECT_EQ(r.key.view(), "26");
  EXPECT_EQ(r.stat(), "DELIVRD");
  EXPECT_EQ(r.network, (network_error{3, 5}));
  EXPECT_EQ(r.error_code(), "005");
}

TEST(receipt, a_receipt_may_carry_tlvs_only) {
  const receipt r = parse_receipt("", {.receipted_message_id = "abc\0"sv, .message_state = 5}).value();
  EXPECT_EQ(r.id, "abc");  // the C-string terminator is dropped
  EXPECT_EQ(r.stat(), "UNDELIV");
  EXPECT_EQ(r.fields.text, std::nullopt);
}

TEST(receipt, an_out_of_range_state_gives_no_stat_and_is_kept_raw) {
  const receipt r = parse_receipt("id:1 stat:DELIVRD", {.message_state = 42}).value();
  EXPECT_EQ(r.stat(), "");
  EXPECT_EQ(r.message_state, 42);
  EXPECT_EQ(r.fields.stat(), "DELIVRD");
}

TEST(receipt, ascii_digit_network_codes_have_no_type) {
  const receipt r = parse_receipt("id:1 stat:UNDELIV", {.network_error_code = "7"}).value();
  EXPECT_EQ(r.network, std::nullopt);  // one octet: not a network error code
  EXPECT_EQ(r.error_code(), "");
  const receipt digits = parse_receipt("id:1 stat:UNDELIV err:1", {.network_error_code = "034"}).value();
  EXPECT_EQ(digits.network, (network_error{std::nullopt, 34}));
  EXPECT_EQ(digits.error_code(), "034");
}

TEST(receipt, missing_ids_and_statuses_are_rejected) {
  EXPECT_EQ(rejection("stat:DELIVRD"), "the receipt has no id (neither receipted_message_id nor id:)");
  EXPECT_EQ(rejection("", {.receipted_message_id = ""}), "the receipt has no id (neither receipted_message_id nor id:)");
  EXPECT_EQ(rejection("id:12"), "the receipt has no status (neither message_state nor stat:)");
  EXPECT_EQ(rejection("", {.receipted_message_id = "12"}),
            "the receipt has no status (neither message_state nor stat:)");
}

TEST(receipt, malformed_inputs_are_rejected_with_the_cause) {
  EXPECT_EQ(rejection("id:1 stat:DELIVRD\0"s), "the receipt contains a NUL byte at offset 17");
  EXPECT_EQ(rejection("id:12x stat:DELIVRD", {}, id_normalization::decimal), "the provider id \"12x\" is not decimal");
  EXPECT_EQ(rejection("{\"id\": 1, \"stat\": \"DELIVRD\"}"), "the receipt has no id (neither receipted_message_id nor id:)");
  EXPECT_EQ(rejection("id=1 stat=DELIVRD"), "the receipt has no id (neither receipted_message_id nor id:)");
  EXPECT_EQ(rejection("\x01\x02\xff\xfe"s), "the receipt has no id (neither receipted_message_id nor id:)");
  EXPECT_EQ(rejection(" \t\r\n "), "the receipt has no id (neither receipted_message_id nor id:)");
  const auto oversized = parse_receipt(std::string(100, 'x'), {}, id_normalization::as_is, 64);
  ASSERT_FALSE(oversized);
  EXPECT_EQ(oversized.error().detail(), "the receipt is 100 bytes, over the 64-byte bound");
}

}  // namespace

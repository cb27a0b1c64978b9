#include <smstrack/receipts/receipt.hpp>

#include <gtest/gtest.h>

#include <string>
#include <utility>

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

// The receipt points into its text, so a temporary string cannot be parsed: it does not compile.
template <class Text>
concept parsable = requires(Text text) { parse_receipt(std::forward<Text>(text), receipt_tlvs{}); };
static_assert(!parsable<std::string>, "a temporary std::string would leave the receipt dangling");
static_assert(parsable<const std::string&>);
static_assert(parsable<std::string_view>);
static_assert(parsable<const char*>);

TEST(receipt, a_text_only_receipt_takes_everything_from_the_text) {
  const receipt r = parse_receipt("id:0042 stat:undeliv err:001 text:hi", {}).value();
  EXPECT_EQ(r.id, "0042");
  EXPECT_EQ(r.id_from, id_source::text);
  EXPECT_EQ(r.key.view(), "0042");
  EXPECT_EQ(r.stat(), "UNDELIV");
  EXPECT_EQ(r.error_code(), "001");
  EXPECT_EQ(r.message_state, 5) << "UNDELIV is state 5";
  EXPECT_EQ(r.network, std::nullopt);
  EXPECT_EQ(r.fields.text, "hi");
}

TEST(receipt, the_message_state_of_a_standard_stat_word_is_known_without_a_tlv) {
  const char* words[] = {"SCHEDULED", "ENROUTE", "DELIVRD", "EXPIRED", "DELETED",
                         "UNDELIV",   "ACCEPTD", "UNKNOWN", "REJECTD", "SKIPPED"};
  for (std::uint8_t state = 0; state < 10; ++state) {
    const std::string text = "id:1 stat:" + std::string(words[state]);
    const receipt r = parse_receipt(text, {}).value();
    EXPECT_EQ(r.message_state, state) << words[state];
  }
  for (const char* other : {"FAILED", "DELIVERED", "BUFFRED", "UNDELIVERABLE", "ACKED"}) {
    const std::string text = "id:1 stat:" + std::string(other);
    EXPECT_EQ(parse_receipt(text, {}).value().message_state, std::nullopt) << other;
  }
  EXPECT_EQ(parse_receipt("id:1 stat:delivrd", {}).value().message_state, 2) << "stat is upper-cased first";
  EXPECT_EQ(parse_receipt("id:1 stat:DELIVRD", {.message_state = 5}).value().message_state, 5) << "the TLV wins";
}

// Real PDUs end the short_message with the C-string terminator.
TEST(receipt, trailing_nul_bytes_are_dropped_and_a_nul_elsewhere_is_refused) {
  const std::string pdu_text = "id:7F01 stat:UNDELIV err:001\0"s;
  const receipt r = parse_receipt(pdu_text, {.receipted_message_id = "7F01\0"sv, .message_state = 5}).value();
  EXPECT_EQ(r.id, "7F01");
  EXPECT_EQ(r.stat(), "UNDELIV");
  EXPECT_EQ(r.message_state, 5);
  EXPECT_EQ(r.error_code(), "001");
  const std::string padded = "id:1 stat:DELIVRD text:ok\0\0\0"s;
  EXPECT_EQ(parse_receipt(padded, {}).value().fields.text, "ok");
  EXPECT_EQ(rejection("id:1\0 stat:DELIVRD"s), "the receipt contains a NUL byte at offset 4");
}

// A connector whose TLV ids are hex while its acks (and receipt texts) are decimal, or the reverse.
TEST(receipt, a_tlv_id_and_a_text_id_denoting_the_same_number_meet_an_ack_written_either_way) {
  const receipt_tlvs hex_tlv{.receipted_message_id = "1A"sv};
  const receipt decimal_acks = parse_receipt("id:26 stat:DELIVRD", hex_tlv, id_normalization::decimal).value();
  EXPECT_EQ(decimal_acks.key.view(), "26") << "the TLV id is not decimal: the text id, the same number, counts";
  EXPECT_EQ(decimal_acks.id_from, id_source::text);
  EXPECT_EQ(decimal_acks.alternate_key, std::nullopt);

  const receipt verbatim = parse_receipt("id:26 stat:DELIVRD", hex_tlv).value();
  EXPECT_EQ(verbatim.key.view(), "1A");
  EXPECT_EQ(verbatim.alternate_key->view(), "26") << "an ack may carry either writing";

  const receipt own_rule = parse_receipt("stat:DELIVRD", hex_tlv, {id_normalization::decimal, id_normalization::hex_number}).value();
  EXPECT_EQ(own_rule.key.view(), "26") << "the TLV ids' own normalization";

  EXPECT_EQ(rejection("id:27 stat:DELIVRD", hex_tlv, id_normalization::decimal), "the provider id \"1A\" is not decimal")
      << "another number: the TLV id counts, and decimal cannot read it";
  EXPECT_EQ(parse_receipt("id:27 stat:DELIVRD", hex_tlv).value().alternate_key, std::nullopt);
  EXPECT_EQ(parse_receipt("id:26 stat:DELIVRD", {.receipted_message_id = "26"sv}).value().alternate_key, std::nullopt)
      << "the same writing needs no alternate";
}

TEST(receipt, a_twelve_digit_date_is_read_with_seconds_or_else_with_a_four_digit_year) {
  const receipt_text with_seconds = parse_receipt("id:1 stat:DELIVRD submit date:230721101530", {}).value().fields;
  EXPECT_EQ(with_seconds.submit_date(), (receipt_date{2023, 7, 21, 10, 15, 30}));
  const receipt_text long_year = parse_receipt("id:1 stat:DELIVRD done date:202307211015", {}).value().fields;
  EXPECT_EQ(long_year.done_date(), (receipt_date{2023, 7, 21, 10, 15, 0})) << "no 72nd month: YYYYMMDDhhmm";
  EXPECT_EQ(parse_receipt("id:1 stat:DELIVRD done date:209913311299", {}).value().fields.done_date(), std::nullopt)
      << "impossible either way";
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
  EXPECT_EQ(rejection("id:1 stat:DEL\0IVRD"s), "the receipt contains a NUL byte at offset 13");
  EXPECT_EQ(rejection("id:12x stat:DELIVRD", {}, id_normalization::decimal), "the provider id \"12x\" is not decimal");
  EXPECT_EQ(rejection("{\"id\": 1, \"stat\": \"DELIVRD\"}"), "the receipt has no id (neither receipted_message_id nor id:)");
  EXPECT_EQ(rejection("id=1 stat=DELIVRD"), "the receipt has no id (neither receipted_message_id nor id:)");
  EXPECT_EQ(rejection("\x01\x02\xff\xfe"s), "the receipt has no id (neither receipted_message_id nor id:)");
  EXPECT_EQ(rejection(" \t\r\n "), "the receipt has no id (neither receipted_message_id nor id:)");
  const std::string hundred_bytes(100, 'x');
  const auto oversized = parse_receipt(hundred_bytes, {}, id_normalization::as_is, 64);
  ASSERT_FALSE(oversized);
  EXPECT_EQ(oversized.error().detail(), "the receipt is 100 bytes, over the 64-byte bound");
}

}  // namespace

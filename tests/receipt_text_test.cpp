#include <smstrack/receipts/receipt_text.hpp>

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace {

using namespace smstrack;
using namespace std::string_view_literals;

receipt_text parsed(std::string_view input) { return parse_receipt_text(input).value(); }

// The result points into its input, so a temporary string cannot be scanned: it does not compile.
template <class Text>
concept scannable = requires(Text text) { scan_receipt_text(std::forward<Text>(text)); };
template <class Text>
concept parsable = requires(Text text) { parse_receipt_text(std::forward<Text>(text)); };
static_assert(!scannable<std::string> && !parsable<std::string>, "a temporary string would leave the views dangling");
static_assert(scannable<const std::string&> && parsable<const std::string&> && parsable<std::string_view>);

std::string rejection(std::string_view input, std::size_t max_size = default_max_receipt_size) {
  const auto result = parse_receipt_text(input, max_size);
  EXPECT_FALSE(result) << "accepted: " << input;
  if (result) return {};
  EXPECT_EQ(result.error(), errc::invalid_receipt);
  return result.error().detail();
}

TEST(receipt_text, parses_the_smpp_example) {
  const receipt_text r = parsed(
      "id:0123456789 sub:001 dlvrd:001 submit date:2611240830 done date:2611240831 stat:DELIVRD err:000 text:Hello");
  EXPECT_EQ(r.id, "0123456789");
  EXPECT_EQ(r.sub, 1U);
  EXPECT_EQ(r.dlvrd, 1U);
  EXPECT_EQ(r.submit_date(), (receipt_date{2026, 11, 24, 8, 30, 0}));
  EXPECT_EQ(r.done_date(), (receipt_date{2026, 11, 24, 8, 31, 0}));
  EXPECT_EQ(r.stat(), "DELIVRD");
  EXPECT_EQ(r.err, "000");
  EXPECT_EQ(r.text, "Hello");
}

TEST(receipt_text, keys_are_case_insensitive_at_token_start_and_split_on_any_whitespace) {
  const receipt_text r = parsed("ID:abc\tSUB:1\r\nDlvrd:0\nSubmit\t Date:2611240830 DONE_DATE:261124083159 Stat:undeliv");
  EXPECT_EQ(r.id, "abc");
  EXPECT_EQ(r.sub, 1U);
  EXPECT_EQ(r.dlvrd, 0U);
  EXPECT_EQ(r.submit_date(), (receipt_date{2026, 11, 24, 8, 30, 0}));
  EXPECT_EQ(r.done_date(), (receipt_date{2026, 11, 24, 8, 31, 59}));
  EXPECT_EQ(r.stat(), "UNDELIV");
  EXPECT_FALSE(r.err);
  EXPECT_FALSE(r.text);
}

// Tokens are found eight bytes at a time: blanks at every offset of a word, control characters
// that are not blanks, and bytes above 0x7F must all split (or not split) as one byte at a time.
TEST(receipt_text, long_tokens_split_only_on_blanks_whatever_their_offset) {
  for (std::size_t length = 1; length <= 24; ++length) {
    for (const char blank : {' ', '\t', '\r', '\n', '\v', '\f'}) {
      std::string id(length, 'a');
      id[length / 2] = '\x01';   // a control character: part of the id
      id[length - 1] = '\xC3';   // a byte above 0x7F: part of the id
      const std::string input = "id:" + id + blank + "stat:DELIVRD" + blank + "err:" + std::string(length, '9');
      const receipt_text r = parsed(input);
      EXPECT_EQ(r.id, id) << length;
      EXPECT_EQ(r.stat(), "DELIVRD") << length;
      EXPECT_EQ(r.err, std::string(length, '9')) << length;
    }
  }
}

TEST(receipt_text, words_that_only_contain_a_key_are_not_keys) {
  const receipt_text r = parsed("msgid:999 substat:XX id:42 status:FAILED stat:DELIVRD xerr:5 note:free words");
  EXPECT_EQ(r.id, "42");
  EXPECT_EQ(r.stat(), "DELIVRD");
  EXPECT_FALSE(r.sub);
  EXPECT_FALSE(r.err);
}

TEST(receipt_text, an_empty_value_takes_the_next_token_unless_it_is_a_key) {
  const receipt_text r = parsed("id: 123 sub: stat: DELIVRD err: text:");
  EXPECT_EQ(r.id, "123");
  EXPECT_FALSE(r.sub);  // "sub:" was followed by the key "stat:"
  EXPECT_EQ(r.stat(), "DELIVRD");
  EXPECT_FALSE(r.err);  // followed by "text:": empty, hence absent
  EXPECT_EQ(r.text, "");
  // An empty first id still wins over a later one: the receipt is rejected, not guessed.
  EXPECT_EQ(rejection("id: submit date:2611240830 id:7 stat:X"), "the receipt has no id");
}

TEST(receipt_text, text_is_terminal_and_cannot_forge_keys) {
  const receipt_text r = parsed("id:1 stat:UNDELIV text:  stat:DELIVRD err:000 spoofed  ");
  EXPECT_EQ(r.stat(), "UNDELIV");
  EXPECT_FALSE(r.err);
  EXPECT_EQ(r.text, "stat:DELIVRD err:000 spoofed");
  EXPECT_EQ(parsed("id:1 stat:X text:Hello world").text, "Hello world");
}

TEST(receipt_text, the_first_occurrence_of_a_key_wins) {
  const receipt_text r = parsed("id:first stat:DELIVRD id:second stat:UNDELIV err:001 err:002");
  EXPECT_EQ(r.id, "first");
  EXPECT_EQ(r.stat(), "DELIVRD");
  EXPECT_EQ(r.err, "001");
}

TEST(receipt_text, dates_have_ten_twelve_or_fourteen_digits_and_must_exist) {
  const auto date_of = [](std::string_view value) {
    return parsed("id:1 stat:X done_date:" + std::string(value)).done_date();
  };
  EXPECT_EQ(date_of("2611240830"), (receipt_date{2026, 11, 24, 8, 30, 0}));
  EXPECT_EQ(date_of("261124083015"), (receipt_date{2026, 11, 24, 8, 30, 15}));
  EXPECT_EQ(date_of("20261124083015"), (receipt_date{2026, 11, 24, 8, 30, 15}));
  EXPECT_EQ(date_of("2402290000"), (receipt_date{2024, 2, 29, 0, 0, 0}));  // a leap day
  EXPECT_FALSE(date_of("2302290000"));                                     // not a leap year
  EXPECT_FALSE(date_of("0000000000"));
  EXPECT_FALSE(date_of("26112408"));
  EXPECT_FALSE(date_of("2611240830151"));
  EXPECT_FALSE(date_of("26112408x0"));
  EXPECT_FALSE(date_of("2613240830"));  // month 13
  EXPECT_FALSE(date_of("2611242430"));  // hour 24
  EXPECT_FALSE(date_of("261124083060"));  // second 60
}

TEST(receipt_text, values_are_verbatim_except_stat_and_numbers) {
  const receipt_text r = parsed("id:00aBc stat:deLivrd err:0x1 sub:12a dlvrd:4294967296");
  EXPECT_EQ(r.id, "00aBc");
  EXPECT_EQ(r.stat(), "DELIVRD");
  EXPECT_EQ(r.err, "0x1");
  EXPECT_FALSE(r.sub);    // not decimal digits
  EXPECT_FALSE(r.dlvrd);  // too long to be a count
}

TEST(receipt_text, id_and_stat_are_required) {
  EXPECT_EQ(rejection("sub:001 stat:DELIVRD"), "the receipt has no id");
  EXPECT_EQ(rejection("id:123 sub:001"), "the receipt has no stat");
  EXPECT_EQ(rejection("id: stat:DELIVRD"), "the receipt has no id");
  EXPECT_EQ(rejection("id:1 text: stat:DELIVRD"), "the receipt has no stat");
}

TEST(receipt_text, malformed_inputs_are_rejected_precisely) {
  EXPECT_EQ(rejection(""), "the receipt has no id");
  EXPECT_EQ(rejection(" \t\r\n "), "the receipt has no id");
  EXPECT_EQ(rejection("\x01\x02\xff\xfe binary"), "the receipt has no id");
  EXPECT_EQ(rejection("id:123 sta"), "the receipt has no stat");  // truncated
  EXPECT_EQ(rejection(R"({"id": "123", "stat": "DELIVRD"})"), "the receipt has no id");
  EXPECT_EQ(rejection("id=123 stat=DELIVRD"), "the receipt has no id");
  EXPECT_EQ(rejection("id:1 stat:" + std::string(33, 'A')), "the stat is longer than 32 characters");
  EXPECT_EQ(rejection("id:1\0 stat:DELIVRD"sv), "the receipt contains a NUL byte at offset 4");
  EXPECT_EQ(rejection("id:1 stat:DELIVRD " + std::string(100, 'x'), 64),
            "the receipt is 118 bytes, over the 64-byte bound");
  const std::string big = "id:1 stat:DELIVRD text:" + std::string(default_max_receipt_size, 'x');
  EXPECT_EQ(rejection(big), "the receipt is " + std::to_string(big.size()) + " bytes, over the 65536-byte bound");
}

TEST(receipt_text, parsing_does_not_depend_on_the_spacing) {
  const receipt_text compact = parsed("id:9 sub:001 dlvrd:001 submit date:2611240830 stat:DELIVRD err:000");
  const receipt_text spread = parsed("\n\n  id:\t9   sub:\n001 dlvrd: 001\tsubmit\n\ndate:\r\n2611240830  stat:  DELIVRD err: 000  ");
  EXPECT_EQ(compact.id, spread.id);
  EXPECT_EQ(compact.sub, spread.sub);
  EXPECT_EQ(compact.dlvrd, spread.dlvrd);
  EXPECT_EQ(compact.submit_date(), spread.submit_date());
  EXPECT_EQ(compact.stat(), spread.stat());
  EXPECT_EQ(compact.err, spread.err);
}

}  // namespace

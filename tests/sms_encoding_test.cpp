#include <smstrack/text/sms_encoding.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace smstrack {
namespace {

segment_count count(std::string_view text, encoding_options options = {}) {
  auto counted = count_segments(text, options);
  EXPECT_TRUE(counted.has_value()) << text;
  return counted ? *counted : segment_count{};
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

constexpr auto gsm7 = sms_encoding::gsm7;
constexpr auto ucs2 = sms_encoding::ucs2;
constexpr auto latin1 = sms_encoding::latin1;

TEST(sms_encoding, an_empty_text_is_one_gsm7_part) {
  EXPECT_EQ(count(""), (segment_count{gsm7, 0, 1}));
}

TEST(sms_encoding, single_and_multipart_limits_of_each_encoding) {
  const struct {
    std::string text;
    segment_count expected;
  } cases[] = {
      {repeat("a", 160), {gsm7, 160, 1}},   {repeat("a", 161), {gsm7, 161, 2}},
      {repeat("a", 306), {gsm7, 306, 2}},   {repeat("a", 307), {gsm7, 307, 3}},
      {repeat("a", 459), {gsm7, 459, 3}},   {repeat("a", 460), {gsm7, 460, 4}},
      {repeat("Ж", 70), {ucs2, 70, 1}},     {repeat("Ж", 71), {ucs2, 71, 2}},
      {repeat("Ж", 134), {ucs2, 134, 2}},   {repeat("Ж", 135), {ucs2, 135, 3}},
      {repeat("€", 80), {gsm7, 160, 1}},    {repeat("€", 81), {gsm7, 162, 2}},
  };
  for (const auto& c : cases) EXPECT_EQ(count(c.text), c.expected) << c.text.size() << " bytes";
}

TEST(sms_encoding, every_character_of_the_default_alphabet_costs_one_septet) {
  const std::string alphabet =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  EXPECT_EQ(count(alphabet), (segment_count{gsm7, 127, 1}));
}

TEST(sms_encoding, every_extension_character_costs_two_septets) {
  for (const char* extension : {"\f", "^", "{", "}", "\\", "[", "~", "]", "|", "€"}) {
    EXPECT_EQ(count(extension), (segment_count{gsm7, 2, 1})) << extension;
  }
}

TEST(sms_encoding, characters_outside_the_alphabet_need_ucs2) {
  for (const char* outside : {"`", "\t", "\x01", "\x7F", "ê", "ç", "Ж", "中", "’", "\xC2\xA0", "Ÿ"}) {
    EXPECT_EQ(count(outside).encoding, ucs2) << outside;
  }
}

TEST(sms_encoding, a_character_beyond_the_bmp_costs_two_utf16_units) {
  EXPECT_EQ(count("😀"), (segment_count{ucs2, 2, 1}));
  EXPECT_EQ(count(repeat("😀", 35)), (segment_count{ucs2, 70, 1}));
  EXPECT_EQ(count(repeat("😀", 36)), (segment_count{ucs2, 72, 2}));
}

TEST(sms_encoding, an_escape_pair_is_never_split_across_parts) {
  // 152 septets then an escape pair: the pair starts the second part, leaving one septet empty.
  const std::string text = repeat("a", 152) + "€" + repeat("a", 151);
  EXPECT_EQ(count(text), (segment_count{gsm7, 305, 2}));
  // One more septet would fit 306 septets in two parts if pairs could be split; they cannot.
  EXPECT_EQ(count(text + "a"), (segment_count{gsm7, 306, 3}));
  // The same pair one septet earlier fits the first part exactly.
  EXPECT_EQ(count(repeat("a", 151) + "€" + repeat("a", 153)), (segment_count{gsm7, 306, 2}));
}

TEST(sms_encoding, a_surrogate_pair_is_never_split_across_parts) {
  const std::string text = repeat("Ж", 66) + "😀" + repeat("Ж", 65);
  EXPECT_EQ(count(text), (segment_count{ucs2, 133, 2}));
  EXPECT_EQ(count(text + "Ж"), (segment_count{ucs2, 134, 3}));
  EXPECT_EQ(count(repeat("Ж", 65) + "😀" + repeat("Ж", 67)), (segment_count{ucs2, 134, 2}));
}

TEST(sms_encoding, the_single_message_limit_does_not_pad_pairs) {
  // 158 septets and a pair = 160 septets in one message: no part boundary to respect.
  EXPECT_EQ(count(repeat("a", 158) + "€"), (segment_count{gsm7, 160, 1}));
  EXPECT_EQ(count(repeat("Ж", 68) + "😀"), (segment_count{ucs2, 70, 1}));
}

TEST(sms_encoding, ascii_text_that_leaves_gsm7_late_is_counted_in_utf16_from_its_start) {
  const std::string text = repeat("Hello [world] ", 20) + "ê";
  EXPECT_EQ(count(text), (segment_count{ucs2, 281, 5}));
}

TEST(sms_encoding, latin1_is_chosen_only_when_allowed_and_every_character_fits) {
  const encoding_options allowed{.latin1 = true};
  EXPECT_EQ(count("crème brûlée", allowed), (segment_count{latin1, 12, 1}));
  EXPECT_EQ(count("crème brûlée", {}), (segment_count{ucs2, 12, 1}));
  EXPECT_EQ(count(repeat("ê", 141), allowed), (segment_count{latin1, 141, 2}));
  EXPECT_EQ(count(repeat("ê", 268), allowed), (segment_count{latin1, 268, 2}));
  EXPECT_EQ(count(repeat("ê", 269), allowed), (segment_count{latin1, 269, 3}));
  EXPECT_EQ(count("ê and €", allowed).encoding, ucs2) << "the euro sign is not Latin-1";
  EXPECT_EQ(count("plain", allowed).encoding, gsm7) << "GSM-7 comes first";
}

TEST(sms_encoding, invalid_utf8_is_refused_with_its_offset) {
  for (const auto& [text, offset] : std::vector<std::pair<std::string, std::size_t>>{
           {"abc\x80", 3}, {repeat("a", 20) + "\xC3", 20}, {"ê\xFF", 2}, {"Ж\xED\xA0\x80", 2}}) {
    const auto counted = count_segments(text);
    ASSERT_FALSE(counted.has_value()) << text;
    EXPECT_EQ(counted.error(), errc::invalid_text);
    EXPECT_NE(counted.error().detail().find("(byte " + std::to_string(offset) + ")"), std::string::npos)
        << counted.error().detail();
  }
}

TEST(sms_encoding, gsm7_cost_of_single_code_points) {
  EXPECT_EQ(gsm7_cost(U'a'), 1u);
  EXPECT_EQ(gsm7_cost(U'Ω'), 1u);
  EXPECT_EQ(gsm7_cost(U'€'), 2u);
  EXPECT_EQ(gsm7_cost(U'ω'), 0u);
  EXPECT_EQ(gsm7_cost(0x10FFFF), 0u);
}

TEST(sms_encoding, limits_of_each_encoding) {
  EXPECT_EQ(limits_of(gsm7).single, 160u);
  EXPECT_EQ(limits_of(gsm7).per_part, 153u);
  EXPECT_EQ(limits_of(latin1).single, 140u);
  EXPECT_EQ(limits_of(latin1).per_part, 134u);
  EXPECT_EQ(limits_of(ucs2).single, 70u);
  EXPECT_EQ(limits_of(ucs2).per_part, 67u);
}

TEST(sms_encoding, characters_outside_gsm7_are_located_in_order) {
  const auto found = characters_outside_gsm7("Vous êtes ça 😀 €");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, (std::vector<text_character>{{5, 2, U'ê'}, {11, 2, U'ç'}, {15, 4, 0x1F600}}));
  EXPECT_TRUE(characters_outside_gsm7("all GSM € [x]")->empty());
  EXPECT_EQ(characters_outside_gsm7("ok\xC3").error(), errc::invalid_text);
}

// The reference: decode every character, then fill parts one character at a time.
segment_count reference_count(const std::vector<char32_t>& text) {
  bool fits_gsm7 = true;
  for (const char32_t c : text) fits_gsm7 = fits_gsm7 && gsm7_cost(c) != 0;
  const auto encoding = fits_gsm7 ? gsm7 : ucs2;
  const auto limits = limits_of(encoding);
  std::vector<unsigned> costs;
  std::size_t units = 0;
  for (const char32_t c : text) {
    costs.push_back(fits_gsm7 ? gsm7_cost(c) : (c > 0xFFFF ? 2u : 1u));
    units += costs.back();
  }
  if (units <= limits.single) return {encoding, units, 1};
  std::size_t parts = 1;
  std::size_t fill = 0;
  for (const unsigned cost : costs) {
    if (fill + cost > limits.per_part) {
      ++parts;
      fill = 0;
    }
    fill += cost;
  }
  return {encoding, units, parts};
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

TEST(sms_encoding, random_texts_count_as_the_character_by_character_reference) {
  const std::vector<char32_t> gsm_pool = {U'a', U'Z', U' ', U'.', U'\n', U'é', U'Δ', U'€', U'[', U'^', U'_', U'@'};
  const std::vector<char32_t> other_pool = {U'`', U'ê', U'Ж', U'中', 0x1F600, 0x10348, U'\t'};
  std::mt19937 random(20261124);
  for (int round = 0; round < 3000; ++round) {
    const std::size_t length = std::uniform_int_distribution<std::size_t>(0, 420)(random);
    const bool leave_gsm7 = round % 3 == 0;
    std::vector<char32_t> chars;
    std::string text;
    for (std::size_t i = 0; i < length; ++i) {
      const bool other = leave_gsm7 && std::uniform_int_distribution<int>(0, 30)(random) == 0;
      const auto& pool = other ? other_pool : gsm_pool;
      // Mostly letters, so the eight-byte fast path is taken often.
      const std::size_t pick = std::uniform_int_distribution<int>(0, 3)(random) != 0
                                   ? 0
                                   : std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(random);
      chars.push_back(pool[pick]);
      append_utf8(text, chars.back());
    }
    ASSERT_EQ(count(text), reference_count(chars)) << "round " << round << ": " << text;
  }
}

}  // namespace
}  // namespace smstrack

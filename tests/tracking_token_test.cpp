#include <smstrack/tracking/tracking_token.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>

namespace smstrack {
namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

token_signer signer_for(std::uint32_t id, std::string_view hex = "000102030405060708090a0b0c0d0e0f") {
  return token_signer::make(make_tracking_key(id, hex).value()).value();
}

std::string detail_of(const token_signer& signer, std::string_view token) {
  const auto verified = signer.verify(token);
  EXPECT_FALSE(verified.has_value()) << token;
  if (verified) return {};
  EXPECT_EQ(verified.error(), errc::invalid_token);
  return verified.error().detail();
}

TEST(tracking_token, round_trips_every_field_and_extreme_ids) {
  const token_signer signer = signer_for(1);
  for (const token_fields fields : {token_fields{1, 1, 1}, token_fields{3, 1500, 2}, token_fields{127, 128, 16384},
                                    token_fields{std::numeric_limits<delivery_id>::max(),
                                                 std::numeric_limits<log_id>::max(),
                                                 std::numeric_limits<url_id>::max()}}) {
    const std::string token = signer.sign(fields);
    EXPECT_EQ(token.size(), signer.token_length(fields));
    EXPECT_LE(token.size(), max_token_length);
    EXPECT_EQ(token.find_first_not_of(alphabet), std::string::npos) << token;
    EXPECT_EQ(signer.verify(token).value(), fields) << token;
    EXPECT_EQ(token_key_id(token).value(), 1u);
  }
  EXPECT_EQ(signer.sign({3, 1500, 1}).size(), 18u) << "short enough for an SMS";
}

TEST(tracking_token, is_deterministic_and_differs_by_key_and_by_field) {
  const token_signer a = signer_for(1);
  const token_signer b = signer_for(1, "ffffffffffffffffffffffffffffffff");
  EXPECT_EQ(a.sign({3, 7, 1}), a.sign({3, 7, 1}));
  EXPECT_NE(a.sign({3, 7, 1}), b.sign({3, 7, 1}));
  EXPECT_NE(a.sign({3, 7, 1}), a.sign({3, 8, 1}));
  EXPECT_EQ(b.verify(a.sign({3, 7, 1})).error().detail(), "tag mismatch") << "same id, other secret";
}

TEST(tracking_token, refuses_each_kind_of_bad_token_with_its_reason) {
  const token_signer signer = signer_for(1);
  const std::string good = signer.sign({3, 1500, 1});
  EXPECT_EQ(detail_of(signer, ""), "empty");
  EXPECT_EQ(detail_of(signer, good.substr(0, 17)), "not base64url: impossible length 17");
  EXPECT_EQ(detail_of(signer, good.substr(0, 16)), "truncated");
  EXPECT_EQ(detail_of(signer, good.substr(0, 4)), "truncated");
  EXPECT_EQ(detail_of(signer, good.substr(0, 5) + "+" + good.substr(6)), "not base64url: character at 5");
  EXPECT_EQ(detail_of(signer, good + "="), "not base64url: character at 18");
  EXPECT_EQ(detail_of(signer, std::string(max_token_length + 1, 'A')), "malformed: longer than any token");
  EXPECT_EQ(detail_of(signer_for(2), good), "signed with key 1, not 2");
  EXPECT_EQ(token_key_id("").error(), errc::invalid_token);
  EXPECT_EQ(token_key_id("A").error(), errc::invalid_token);
}

TEST(tracking_token, stray_bits_in_the_last_character_are_refused) {
  const token_signer signer = signer_for(1);
  const std::string good = signer.sign({3, 1500, 1});  // 13 bytes: the last character carries 2 spare bits
  std::string stray = good;
  const auto last = alphabet.find(stray.back());
  stray.back() = alphabet[last ^ 1];
  EXPECT_EQ(detail_of(signer, stray), "not base64url: stray bits in the last character");
}

TEST(tracking_token, non_minimal_and_overflowing_varints_are_malformed) {
  // Key id 1 written in two bytes (0x81 0x00): valid base64url, not a minimal varint.
  EXPECT_EQ(token_key_id("gQA").error().detail(), "malformed: key id is not minimal");
  // A key id of 2^32: five varint bytes 0x80 0x80 0x80 0x80 0x10.
  EXPECT_EQ(token_key_id("gICAgBA").error().detail(), "malformed: key id out of range");
  // Eleven continuation bytes: the delivery id overflows 64 bits.
  EXPECT_EQ(token_key_id("Af__________________").error().detail(), "malformed: delivery id overflows");
}

TEST(tracking_token, bytes_after_the_tag_are_malformed) {
  const token_signer signer = signer_for(1);
  // A genuine token of URL 1, re-encoded with one more byte: 14 bytes, 19 characters.
  const std::string good = signer.sign({3, 1500, 1});
  EXPECT_EQ(detail_of(signer, good + "AA"), "malformed: bytes after the tag");
}

TEST(tracking_token, a_million_random_and_altered_tokens_are_all_refused) {
  const token_signer signer = signer_for(7, "8f1e2d3c4b5a69788796a5b4c3d2e1f0");
  std::mt19937_64 random(20261124);
  std::size_t tried = 0;
  std::size_t accepted = 0;
  // Random strings over the alphabet, of every plausible length.
  for (int i = 0; i < 400'000; ++i) {
    std::string token(std::uniform_int_distribution<std::size_t>(1, max_token_length)(random), 'A');
    for (char& c : token) c = alphabet[random() % alphabet.size()];
    accepted += signer.verify(token).has_value() ? 1 : 0;
    ++tried;
  }
  // Genuine tokens with one character changed, and with one bit of their bytes flipped.
  for (int i = 0; tried < 1'000'000; ++i) {
    const token_fields fields{random() % 1000 + 1, static_cast<log_id>(random() % 5'000'000 + 1),
                              static_cast<url_id>(random() % 20 + 1)};
    const std::string good = signer.sign(fields);
    for (std::size_t at = 0; at < good.size(); ++at) {
      std::string altered = good;
      const auto value = alphabet.find(altered[at]);
      altered[at] = alphabet[(value + 1 + random() % (alphabet.size() - 1)) % alphabet.size()];
      accepted += signer.verify(altered).has_value() ? 1 : 0;
      std::string flipped = good;
      flipped[at] = alphabet[value ^ (1u << (random() % 6))];
      accepted += signer.verify(flipped).has_value() ? 1 : 0;
      tried += 2;
    }
  }
  EXPECT_EQ(accepted, 0u) << "of " << tried;
  EXPECT_GE(tried, 1'000'000u);
}

TEST(tracking_token, keys_are_made_from_32_hex_digits_and_a_non_zero_id) {
  const tracking_key key = make_tracking_key(5, "00112233445566778899AABBCCDDEEFF").value();
  EXPECT_EQ(key.id, 5u);
  EXPECT_EQ(key.secret[1], 0x11);
  EXPECT_EQ(key.secret[15], 0xFF);
  EXPECT_EQ(make_tracking_key(0, "00112233445566778899aabbccddeeff").error(), errc::invalid_argument);
  EXPECT_EQ(make_tracking_key(1, "0011").error(), errc::invalid_argument);
  EXPECT_EQ(make_tracking_key(1, "00112233445566778899aabbccddeefg").error(), errc::invalid_argument);
  EXPECT_EQ(token_signer::make(tracking_key{}).error(), errc::invalid_argument);
}

}  // namespace
}  // namespace smstrack

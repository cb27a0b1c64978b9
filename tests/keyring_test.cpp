#include <smstrack/store/keyring.hpp>

#include <gtest/gtest.h>

namespace smstrack {
namespace {

tracking_key key(std::uint32_t id, unsigned char fill) {
  tracking_key k{id, {}};
  k.secret.fill(fill);
  return k;
}

TEST(keyring, signs_with_the_current_key_and_verifies_with_every_known_one) {
  keyring keys;
  EXPECT_EQ(keys.current().error(), errc::unknown_entry);
  ASSERT_TRUE(keys.add(key(1, 0x11), true).has_value());
  ASSERT_TRUE(keys.add(key(2, 0x22), false).has_value());
  EXPECT_EQ(keys.current().value().id, 1u);
  ASSERT_TRUE(keys.make_current(2).has_value());
  EXPECT_EQ(keys.current().value(), key(2, 0x22));
  EXPECT_EQ(keys.find(1).value(), key(1, 0x11)) << "the rotated-out key still verifies";
  EXPECT_EQ(keys.find(9).value(), std::nullopt);
}

TEST(keyring, retiring_a_key_stops_its_tokens_but_never_the_current_key) {
  keyring keys;
  ASSERT_TRUE(keys.add(key(1, 0x11), true).has_value());
  ASSERT_TRUE(keys.add(key(2, 0x22), true).has_value());
  ASSERT_TRUE(keys.retire(1).has_value());
  EXPECT_EQ(keys.find(1).value(), std::nullopt);
  EXPECT_EQ(keys.retire(2).error(), errc::invalid_argument);
  EXPECT_EQ(keys.retire(1).error(), errc::unknown_entry);
  EXPECT_EQ(keys.make_current(1).error(), errc::unknown_entry);
}

TEST(keyring, refuses_id_zero_and_another_secret_under_a_known_id) {
  keyring keys;
  EXPECT_EQ(keys.add(key(0, 0x11), true).error(), errc::invalid_argument);
  ASSERT_TRUE(keys.add(key(1, 0x11), false).has_value());
  EXPECT_TRUE(keys.add(key(1, 0x11), false).has_value()) << "the same key again is a no-op";
  EXPECT_EQ(keys.add(key(1, 0x99), true).error(), errc::duplicate_id);
  EXPECT_EQ(keys.find(1).value(), key(1, 0x11)) << "nothing changed";
  EXPECT_EQ(keys.current().error(), errc::unknown_entry) << "the refused add made nothing current";
}

}  // namespace
}  // namespace smstrack

// The memory store's text pool (src/store/text_pool.hpp).
#include "store/text_pool.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace smstrack::store_detail {
namespace {

TEST(text_pool, the_empty_text_is_id_zero_and_is_never_stored) {
  text_pool pool;
  EXPECT_EQ(pool.intern(""), 0U);
  EXPECT_EQ(pool.find(""), text_id{0});
  EXPECT_EQ(pool.get(0), "");
  EXPECT_EQ(pool.size(), 0U);
}

TEST(text_pool, a_repeated_text_keeps_its_first_id) {
  text_pool pool;
  const text_id a = pool.intern("stat:UNDELIV err:001");
  const text_id b = pool.intern("stat:UNDELIV err:002");
  EXPECT_NE(a, b);
  EXPECT_EQ(pool.intern(std::string("stat:UNDELIV err:001")), a);
  EXPECT_EQ(pool.size(), 2U);
  EXPECT_EQ(pool.get(a), "stat:UNDELIV err:001");
  EXPECT_EQ(pool.get(b), "stat:UNDELIV err:002");
}

TEST(text_pool, find_never_stores) {
  text_pool pool;
  EXPECT_EQ(pool.find("36111"), std::nullopt);
  EXPECT_EQ(pool.size(), 0U);
  const text_id id = pool.intern("36111");
  EXPECT_EQ(pool.find("36111"), id);
}

TEST(text_pool, kept_texts_are_stored_each_time_and_never_shared_by_intern) {
  text_pool pool;
  EXPECT_EQ(pool.keep(""), 0U);
  const text_id first = pool.keep("Retry 1 of log 7 scheduled");
  const text_id second = pool.keep("Retry 1 of log 7 scheduled");
  EXPECT_NE(first, second);
  EXPECT_EQ(pool.get(first), "Retry 1 of log 7 scheduled");
  EXPECT_EQ(pool.get(second), "Retry 1 of log 7 scheduled");
  EXPECT_EQ(pool.find("Retry 1 of log 7 scheduled"), std::nullopt) << "kept texts are not indexed";
  const text_id interned = pool.intern("Retry 1 of log 7 scheduled");
  EXPECT_NE(interned, first);
  EXPECT_NE(interned, second);
  EXPECT_EQ(pool.intern("Retry 1 of log 7 scheduled"), interned);
  EXPECT_EQ(pool.size(), 3U);
}

// Views handed out stay valid while the pool grows by many blocks and its index rehashes, and
// every text reads back as stored, against a reference map.
TEST(text_pool, views_stay_valid_while_the_pool_grows) {
  text_pool pool;
  std::map<std::string, text_id> reference;
  std::vector<std::string_view> views;
  for (int i = 0; i < 50'000; ++i) {
    std::string text = "receipt " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), 'x');
    const text_id id = pool.intern(text);
    const auto [at, fresh] = reference.emplace(text, id);
    ASSERT_TRUE(fresh);
    views.push_back(pool.get(id));
  }
  EXPECT_EQ(pool.size(), reference.size());
  std::size_t i = 0;
  for (int n = 0; n < 50'000; ++n, ++i) {
    const std::string text = "receipt " + std::to_string(n) + std::string(static_cast<std::size_t>(n % 97), 'x');
    ASSERT_EQ(views[i], text);
    ASSERT_EQ(pool.intern(text), reference.at(text));
  }
}

TEST(text_pool, long_texts_and_binary_bytes_are_kept_whole) {
  text_pool pool;
  const std::string nul_inside("a\0b", 3);
  const std::string huge(3 * text_pool::block_bytes, 'z');  // a block of its own
  const text_id small = pool.intern(nul_inside);
  const text_id big = pool.intern(huge);
  const text_id after = pool.intern("after the long one");
  EXPECT_EQ(pool.get(small), nul_inside);
  EXPECT_EQ(pool.get(big), huge);
  EXPECT_EQ(pool.get(after), "after the long one");
  EXPECT_NE(pool.find(std::string("a\0c", 3)), small);
}

TEST(text_pool, a_small_pool_stays_small) {
  text_pool pool;
  (void)pool.intern("one short text");
  EXPECT_LT(pool.bytes(), 1'000U);
}

}  // namespace
}  // namespace smstrack::store_detail

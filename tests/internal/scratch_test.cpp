// Per-thread scratch buffers of the receipt path (src/engine/scratch.hpp).
#include "engine/scratch.hpp"

#include <boost/unordered/unordered_flat_map.hpp>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace smstrack::engine_detail {
namespace {

using buffer = std::vector<int>;

TEST(scratch, a_thread_gets_its_buffer_back_empty_with_its_capacity) {
  const int* first = nullptr;
  {
    scratch<buffer> s;
    s.get().assign(1'000, 7);
    first = s.get().data();
  }
  scratch<buffer> again;
  EXPECT_TRUE(again.get().empty());
  EXPECT_GE(again.get().capacity(), 1'000U);
  EXPECT_EQ(again.get().data(), first);
}

TEST(scratch, a_nested_use_gets_a_buffer_of_its_own) {
  scratch<buffer> outer;
  outer.get().push_back(1);
  {
    scratch<buffer> inner;
    EXPECT_NE(&inner.get(), &outer.get());
    inner.get().push_back(2);
  }
  EXPECT_EQ(outer.get(), buffer{1}) << "the inner use left the outer buffer alone";
}

TEST(scratch, buffers_of_one_type_for_two_purposes_are_both_kept) {
  struct first_purpose;
  struct second_purpose;
  const int* first_data = nullptr;
  const int* second_data = nullptr;
  {
    scratch<buffer, first_purpose> first;
    scratch<buffer, second_purpose> second;  // not a nested use: a buffer of its own, kept
    first.get().assign(100, 1);
    second.get().assign(100, 2);
    first_data = first.get().data();
    second_data = second.get().data();
  }
  scratch<buffer, first_purpose> first_again;
  scratch<buffer, second_purpose> second_again;
  EXPECT_EQ(first_again.get().data(), first_data);
  EXPECT_EQ(second_again.get().data(), second_data);
}

TEST(scratch, a_buffer_for_a_hash_table_is_kept_empty) {
  {
    scratch<boost::unordered_flat_map<int, int>> s;
    for (int i = 0; i < 100; ++i) s.get().emplace(i, i);
  }
  scratch<boost::unordered_flat_map<int, int>> again;
  EXPECT_TRUE(again.get().empty());
  EXPECT_GE(again.get().bucket_count(), 100U);
}

TEST(scratch, another_thread_has_another_buffer) {
  scratch<buffer> here;
  const buffer* mine = &here.get();
  const buffer* theirs = nullptr;
  std::thread([&] {
    scratch<buffer> there;
    theirs = &there.get();
  }).join();
  EXPECT_NE(mine, theirs);
}

TEST(scratch, a_buffer_grown_beyond_the_bound_is_released) {
  {
    scratch<buffer> s;
    s.get().resize(scratch<buffer>::keep_bytes / sizeof(int) + 1);
  }
  scratch<buffer> again;
  EXPECT_EQ(again.get().capacity(), 0U);
}

}  // namespace
}  // namespace smstrack::engine_detail

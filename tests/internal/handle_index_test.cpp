// The memory store's hash index of row handles (the provider-id index) and its byte-string hash.
#include "store/handle_index.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>

namespace smstrack::store_detail {
namespace {

TEST(handle_index, agrees_with_a_reference_map_through_inserts_erases_and_growth) {
  // Few distinct hashes, so that groups overflow and probing goes on to later groups.
  std::mt19937_64 random(7);
  std::map<row_handle, std::uint64_t> reference;
  handle_index index;
  const auto hash_of = [&](row_handle h) { return reference.at(h); };
  for (int step = 0; step < 20'000; ++step) {
    const auto handle = static_cast<row_handle>(random() % 3'000);
    const std::uint64_t hash = mix_hash(handle % 97);
    if (const auto found = reference.find(handle); found != reference.end()) {
      EXPECT_TRUE(index.erase(found->second, handle));
      reference.erase(found);
    } else {
      reference.emplace(handle, hash);
      index.insert(hash, handle, hash_of);
    }
  }
  EXPECT_EQ(index.size(), reference.size());
  for (row_handle h = 0; h < 3'000; ++h) {
    const auto found = index.find(mix_hash(h % 97), [&](row_handle candidate) { return candidate == h; });
    EXPECT_EQ(found.has_value(), reference.contains(h)) << h;
  }
  EXPECT_FALSE(index.erase(mix_hash(1), 5'000)) << "a handle never stored is not erased";
}

TEST(handle_index, an_empty_index_finds_nothing) {
  const handle_index index;
  EXPECT_FALSE(index.find(mix_hash(1), [](row_handle) { return true; }).has_value());
  EXPECT_FALSE(index.likely_candidate(mix_hash(1)).has_value());
}

TEST(hash_bytes, depends_on_every_byte_and_on_the_length) {
  std::set<std::uint64_t> hashes;
  const std::string base(20, 'a');
  hashes.insert(hash_bytes(""));
  for (std::size_t size = 1; size <= base.size(); ++size) hashes.insert(hash_bytes(std::string_view(base).substr(0, size)));
  for (std::size_t at = 0; at < base.size(); ++at) {
    std::string changed = base;
    changed[at] = 'b';
    hashes.insert(hash_bytes(changed));
  }
  hashes.insert(hash_bytes(std::string("a\0", 2)));
  EXPECT_EQ(hashes.size(), 1 + base.size() + base.size() + 1) << "no two of these inputs share a hash";
  EXPECT_EQ(hash_bytes("receipt"), hash_bytes(std::string("receipt")));
}

}  // namespace
}  // namespace smstrack::store_detail

// The memory store's provider-id index: an open-addressing hash table of 32-bit row handles.
//
// The keys themselves live in the rows (see compact_provider_id.hpp), so a slot is only a
// handle; the owner supplies the hash of a stored handle when the table grows and the equality
// when it searches. Slots come in groups of twelve that fill one cache line, each with a 7-bit
// tag of the hash, so a search usually reads one line of the table and then the row it wanted,
// a search for an id that is not there usually reads no row and no other line, and a batch can
// prefetch the lines of all its keys before searching.
#pragma once

#include <smstrack/config.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <optional>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace store_detail {

using row_handle = std::uint32_t;

// A 64-bit mix with good avalanche, so that the table can use the low bits and the tag the high.
constexpr std::uint64_t mix_hash(std::uint64_t h) {
  h ^= h >> 33U;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33U;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33U;
  return h;
}

// A hash of a byte string, eight bytes at a time, for the store's in-process tables (its values
// depend on the machine's byte order, which they never outlive).
inline std::uint64_t hash_bytes(std::string_view bytes) noexcept {
  constexpr std::uint64_t multiplier = 0x9e3779b97f4a7c15ULL;
  std::uint64_t h = bytes.size() * multiplier;
  const auto absorb = [&](std::uint64_t word) {
    h = (h ^ word) * multiplier;
    h ^= h >> 29U;
  };
  std::size_t at = 0;
  for (; at + 8 <= bytes.size(); at += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + at, 8);
    absorb(word);
  }
  if (at < bytes.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + at, bytes.size() - at);
    absorb(word);
  }
  return mix_hash(h);
}

class handle_index {
 public:
  static constexpr std::size_t group_slots = 12;

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::size_t bytes() const { return groups_.capacity() * sizeof(group); }

  void prefetch(std::uint64_t hash) const {
    if (!groups_.empty()) __builtin_prefetch(&groups_[hash & mask()]);
  }

  // The first handle stored under a tag like `hash`'s in its home group: the row a search will
  // most likely compare with, worth prefetching.
  [[nodiscard]] std::optional<row_handle> likely_candidate(std::uint64_t hash) const {
    if (size_ == 0) return std::nullopt;
    const group& g = groups_[hash & mask()];
    const std::uint8_t tag = tag_of(hash);
    for (std::size_t s = 0; s < group_slots; ++s) {
      if (g.tags[s] == tag) return g.handles[s];
    }
    return std::nullopt;
  }

  // The handle whose key `matches`, among those stored under `hash`.
  template <class Matches>
  [[nodiscard]] std::optional<row_handle> find(std::uint64_t hash, Matches&& matches) const {
    if (size_ == 0) return std::nullopt;
    const std::uint8_t tag = tag_of(hash);
    std::size_t at = hash & mask();
    for (std::size_t step = 1;; ++step) {
      const group& g = groups_[at];
      for (std::size_t s = 0; s < group_slots; ++s) {
        if (g.tags[s] == tag && matches(g.handles[s])) return g.handles[s];
      }
      if (!overflowed(g, hash) || step > mask()) return std::nullopt;
      at = (at + step) & mask();
    }
  }

  // Adds a handle whose key is not stored yet. `hash_of` gives the hash of any stored handle
  // when the table grows.
  template <class HashOf>
  void insert(std::uint64_t hash, row_handle handle, HashOf&& hash_of) {
    if ((size_ + deleted_ + 1) * 8 > capacity() * 7) grow(hash_of);
    place(hash, handle);
    ++size_;
  }

  // Removes `handle`, stored under `hash`; false when it is not there.
  bool erase(std::uint64_t hash, row_handle handle) {
    if (size_ == 0) return false;
    const std::uint8_t tag = tag_of(hash);
    std::size_t at = hash & mask();
    for (std::size_t step = 1;; ++step) {
      group& g = groups_[at];
      for (std::size_t s = 0; s < group_slots; ++s) {
        if (g.tags[s] == tag && g.handles[s] == handle) {
          g.tags[s] = deleted;
          --size_;
          ++deleted_;
          return true;
        }
      }
      if (!overflowed(g, hash) || step > mask()) return false;
      at = (at + step) & mask();
    }
  }

 private:
  static constexpr std::uint8_t empty = 0;
  static constexpr std::uint8_t deleted = 1;

  // A group also remembers, in one bit per eighth of the hashes, whether a handle whose search
  // starts here was ever placed further on because the group was full: a search for a key
  // that is not stored usually ends at its home group, however full the table.
  struct alignas(64) group {
    std::array<std::uint8_t, group_slots> tags{};
    std::uint8_t overflow = 0;
    std::array<row_handle, group_slots> handles{};
  };
  static_assert(sizeof(group) == 64, "a group fills one cache line");

  static std::uint8_t tag_of(std::uint64_t hash) { return static_cast<std::uint8_t>((hash >> 57U) + 2U); }
  static std::uint8_t overflow_bit(std::uint64_t hash) { return static_cast<std::uint8_t>(1U << ((hash >> 48U) & 7U)); }
  static bool overflowed(const group& g, std::uint64_t hash) { return (g.overflow & overflow_bit(hash)) != 0; }
  [[nodiscard]] std::size_t mask() const { return groups_.size() - 1; }
  [[nodiscard]] std::size_t capacity() const { return groups_.size() * group_slots; }

  void place(std::uint64_t hash, row_handle handle) {
    std::size_t at = hash & mask();
    for (std::size_t step = 1;; ++step) {
      group& g = groups_[at];
      for (std::size_t s = 0; s < group_slots; ++s) {
        if (g.tags[s] == empty || g.tags[s] == deleted) {
          deleted_ -= g.tags[s] == deleted ? 1 : 0;
          g.tags[s] = tag_of(hash);
          g.handles[s] = handle;
          return;
        }
      }
      g.overflow |= overflow_bit(hash);
      at = (at + step) & mask();
    }
  }

  // Rebuilds the table for the live handles, doubling it when more than half full.
  template <class HashOf>
  void grow(HashOf&& hash_of) {
    std::size_t groups = groups_.empty() ? 1 : groups_.size();
    while ((size_ + 1) * 2 > groups * group_slots) groups *= 2;
    std::vector<group> old(groups);
    old.swap(groups_);
    deleted_ = 0;
    for (const group& g : old) {
      for (std::size_t s = 0; s < group_slots; ++s) {
        if (g.tags[s] != empty && g.tags[s] != deleted) place(hash_of(g.handles[s]), g.handles[s]);
      }
    }
  }

  std::vector<group> groups_;
  std::size_t size_ = 0;
  std::size_t deleted_ = 0;
};

}  // namespace store_detail
SMSTRACK_END_NAMESPACE

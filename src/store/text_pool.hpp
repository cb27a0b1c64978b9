// The memory store's texts, each kept once: failure and receipt texts of logs, the last error
// text and short code of quarantine entries. A text gets a 32-bit id (0 is the empty text).
//
// The characters are copied into blocks that never move, so a view of a stored text stays
// valid for the pool's life and costs no allocation per text (blocks start small and double, so
// that a small store stays small). The index keeps each text's id
// beside its hash, so growing the index never reads a text again.
#pragma once

#include <smstrack/config.hpp>

#include "handle_index.hpp"  // hash_bytes

#include <boost/unordered/unordered_flat_set.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace store_detail {

using text_id = std::uint32_t;

class text_pool {
 public:
  static constexpr std::size_t first_block_bytes = 256;  // blocks double up to block_bytes
  static constexpr std::size_t block_bytes = std::size_t{64} << 10U;
  static constexpr text_id max_texts = static_cast<text_id>(-1);

  text_pool() = default;
  text_pool(const text_pool&) = delete;  // the index's equality points back at the pool
  text_pool& operator=(const text_pool&) = delete;

  // The text's id, storing it when it is new; throws std::length_error once 2^32 - 1 distinct
  // texts are stored.
  text_id intern(std::string_view text) {
    if (text.empty()) return 0;
    const probe wanted{hash_of(text), text};
    std::lock_guard lock(mutex_);
    if (const auto found = index_.find(wanted); found != index_.end()) return found->id;
    const text_id id = store(text);
    index_.insert(slot{wanted.hash, id});
    return id;
  }

  // Stores a text without looking for an equal one, for texts seldom repeated (journal lines):
  // no hashing, and the index does not grow. intern never returns such an id.
  text_id keep(std::string_view text) {
    if (text.empty()) return 0;
    std::lock_guard lock(mutex_);
    return store(text);
  }

  // The id of a stored text, without storing it.
  [[nodiscard]] std::optional<text_id> find(std::string_view text) const {
    if (text.empty()) return text_id{0};
    const probe wanted{hash_of(text), text};
    std::lock_guard lock(mutex_);
    const auto found = index_.find(wanted);
    return found == index_.end() ? std::nullopt : std::optional<text_id>(found->id);
  }

  // A stored text; valid as long as the pool.
  [[nodiscard]] std::string_view get(text_id id) const {
    std::lock_guard lock(mutex_);
    return views_[id];
  }

  [[nodiscard]] std::size_t size() const {
    std::lock_guard lock(mutex_);
    return views_.size() - 1;
  }

  [[nodiscard]] std::size_t bytes() const {
    std::lock_guard lock(mutex_);
    return block_bytes_ + views_.size() * sizeof(std::string_view) +
           index_.bucket_count() * (sizeof(slot) + 1);  // one metadata byte per slot
  }

 private:
  struct slot {
    std::uint64_t hash = 0;
    text_id id = 0;
  };
  struct probe {
    std::uint64_t hash = 0;
    std::string_view text;
  };
  struct slot_hash {
    using is_transparent = void;
    using is_avalanching = void;
    std::size_t operator()(const slot& s) const noexcept { return s.hash; }
    std::size_t operator()(const probe& p) const noexcept { return p.hash; }
  };
  struct slot_equal {
    using is_transparent = void;
    const text_pool* pool = nullptr;
    bool operator()(const slot& a, const slot& b) const noexcept { return a.id == b.id; }
    bool operator()(const probe& p, const slot& s) const noexcept {
      return p.hash == s.hash && pool->views_[s.id] == p.text;
    }
    bool operator()(const slot& s, const probe& p) const noexcept { return (*this)(p, s); }
  };

  static std::uint64_t hash_of(std::string_view text) { return hash_bytes(text); }

  // Stores a copy of a non-empty text under a new id; the caller holds the mutex.
  text_id store(std::string_view text) {
    if (views_.size() == max_texts) throw std::length_error("the text pool holds 2^32 - 1 texts");
    const auto id = static_cast<text_id>(views_.size());
    views_.push_back(copy_in(text));
    return id;
  }

  // Copies a text into the current block, or into a block of its own when it is long.
  std::string_view copy_in(std::string_view text) {
    if (text.size() > block_bytes / 4) return copy_into(add_block(text.size()), text);
    if (text.size() > room_) {
      next_block_ = std::max(next_block_, text.size());
      room_ = next_block_;
      free_ = add_block(room_);
      next_block_ = std::min(block_bytes, next_block_ * 2);
    }
    const std::string_view stored = copy_into(free_, text);
    free_ += text.size();
    room_ -= text.size();
    return stored;
  }
  char* add_block(std::size_t size) {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    block_bytes_ += size;
    return blocks_.back().get();
  }
  static std::string_view copy_into(char* at, std::string_view text) {
    std::memcpy(at, text.data(), text.size());
    return {at, text.size()};
  }

  mutable std::mutex mutex_;  // texts are interned while the logs are only read-locked
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_bytes_ = 0;
  char* free_ = nullptr;  // the first unused byte of the current block
  std::size_t room_ = 0;  // unused bytes left in it
  std::size_t next_block_ = first_block_bytes;
  std::deque<std::string_view> views_{std::string_view{}};
  boost::unordered_flat_set<slot, slot_hash, slot_equal> index_{0, slot_hash{}, slot_equal{this}};
};

}  // namespace store_detail
SMSTRACK_END_NAMESPACE

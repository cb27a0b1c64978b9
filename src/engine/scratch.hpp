// Per-thread scratch buffers for the hot path. A batch of receipts needs a few buffers of
// hundreds of kilobytes; allocated afresh for every batch they go back to the system and come
// back as page faults. A `scratch<T>` lends the calling thread's own T instead, kept between
// calls; a nested use on the same thread gets a fresh T, and a T grown beyond `keep_bytes` is
// released after use. T is a vector, a hash table, or a set of buffers that tells its size
// (bytes()) and empties them (clear()); `Purpose` tells apart buffers of one type
// that are in use at the same time, so that each is kept.
#pragma once

#include <smstrack/config.hpp>

#include <cstddef>
#include <memory>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

template <class T, class Purpose = void>
class scratch {
 public:
  static constexpr std::size_t keep_bytes = std::size_t{4} << 20U;

  scratch() {
    if (in_use()) owned_ = std::make_unique<T>();
    else in_use() = true;
  }
  ~scratch() {
    if (owned_) return;
    T& kept = shared();
    kept.clear();
    if (held_bytes(kept) > keep_bytes) kept = T();
    in_use() = false;
  }
  scratch(const scratch&) = delete;
  scratch& operator=(const scratch&) = delete;

  T& get() { return owned_ ? *owned_ : shared(); }

 private:
  static std::size_t held_bytes(const T& kept) {
    if constexpr (requires { kept.bytes(); }) return kept.bytes();  // a set of buffers
    else if constexpr (requires { kept.capacity(); }) return kept.capacity() * sizeof(typename T::value_type);
    else return kept.bucket_count() * sizeof(typename T::value_type);  // hash tables
  }
  static T& shared() {
    static thread_local T value;
    return value;
  }
  static bool& in_use() {
    static thread_local bool flag = false;
    return flag;
  }
  std::unique_ptr<T> owned_;
};

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

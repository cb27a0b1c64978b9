// Which logs of a batch may have more than one event, told from a bit filter of hashed log ids
// (status_pipeline.cpp chains only those through a map).
#pragma once

#include <smstrack/model/ids.hpp>

#include "status_event.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

// Which logs of a batch may have more than one event: a log seen twice always says so, and a
// log seen once seldom (when its hash bit is shared with a log seen twice). The filter has about
// eight bits per event (at most 16 384), and clears only those it uses.
class repeat_filter {
 public:
  explicit repeat_filter(std::span<const status_event> events) {
    while (shift_ > widest_shift && (std::size_t{1} << (64 - shift_)) < events.size() * 8) --shift_;
    const std::size_t words = std::max<std::size_t>(1, (std::size_t{1} << (64 - shift_)) / 64);
    std::fill_n(seen_.begin(), words, 0);
    std::fill_n(repeated_.begin(), words, 0);
    for (const status_event& e : events) {
      const std::size_t bit = bit_of(e.log);
      const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
      if ((seen_[bit / 64] & mask) != 0) repeated_[bit / 64] |= mask;
      seen_[bit / 64] |= mask;
    }
  }
  [[nodiscard]] bool may_repeat(log_id log) const {
    const std::size_t bit = bit_of(log);
    return (repeated_[bit / 64] >> (bit % 64) & 1U) != 0;
  }

 private:
  static constexpr unsigned widest_shift = 50;  // 2^14 bits
  [[nodiscard]] std::size_t bit_of(log_id log) const { return (std::uint64_t{log} * 0x9e3779b97f4a7c15ULL) >> shift_; }
  unsigned shift_ = 58;  // 64 bits, widened down to widest_shift
  std::array<std::uint64_t, 256> seen_;      // not value-initialized: the words in use are cleared
  std::array<std::uint64_t, 256> repeated_;
};

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

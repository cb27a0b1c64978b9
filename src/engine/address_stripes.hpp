// The locks that serialize changes to one address's quarantine entries: an address hashes to
// one of 32 stripes. A batch takes the stripes of its addresses in ascending order; a recompute
// of a delivery's "new quarantines" takes them all, so that it sees an entry stored together
// with its count or neither. 32 keeps the locks one thread holds within what ThreadSanitizer's
// deadlock detector tracks (64).
//
// Lock order: see delivery_registry.hpp (a delivery's lock, then stripes; never the reverse).
#pragma once

#include <smstrack/model/phone_number.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

class address_stripes {
 public:
  static constexpr std::size_t count = 32;

  /// Holds a set of stripes until destroyed.
  class held {
   public:
    held(address_stripes& stripes, std::uint64_t wanted) {
      for (std::size_t i = 0; i < count; ++i) {
        if ((wanted >> i) & 1U) locks_.emplace_back(stripes.mutexes_[i]);
      }
    }

   private:
    std::vector<std::unique_lock<std::mutex>> locks_;
  };

  [[nodiscard]] static std::size_t stripe_of(const phone_number& address) {
    return std::hash<std::uint64_t>{}(address.digits()) % count;
  }
  [[nodiscard]] static std::uint64_t mask_of(const phone_number& address) { return std::uint64_t{1} << stripe_of(address); }
  [[nodiscard]] held lock(std::uint64_t mask) { return held(*this, mask); }
  [[nodiscard]] held lock_all() { return held(*this, ~std::uint64_t{0} >> (64 - count)); }

 private:
  std::array<std::mutex, count> mutexes_;
};

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

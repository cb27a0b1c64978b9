// The clock port: the only way time enters the core.
//
// The engine asks its clock for the time of each operation and never reads a system clock.
// Hosts pass their own implementation (a system clock lives in
// `smstrack/adapters/system_clock.hpp`, outside the core library); tests and simulations use
// `manual_clock`.
//
// Thread safety: implementations must be safe to call from several threads at once.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/time.hpp>

#include <atomic>
#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE

class clock {
 public:
  clock() = default;
  clock(const clock&) = delete;
  clock& operator=(const clock&) = delete;
  virtual ~clock() = default;
  /// The current time (UTC).
  [[nodiscard]] virtual timestamp now() const = 0;
};

/// A clock that shows the time it is set to. Thread-safe.
class manual_clock final : public clock {
 public:
  explicit manual_clock(timestamp start = {}) noexcept : ms_(to_unix_ms(start)) {}
  [[nodiscard]] timestamp now() const override { return from_unix_ms(ms_.load(std::memory_order_acquire)); }
  void set(timestamp t) noexcept { ms_.store(to_unix_ms(t), std::memory_order_release); }
  void advance(duration d) noexcept { ms_.fetch_add(d.count(), std::memory_order_acq_rel); }

 private:
  std::atomic<std::int64_t> ms_;
};

SMSTRACK_END_NAMESPACE

// A clock port implementation that reads the system clock.
//
// Header-only and outside the core library on purpose: the core never reads a clock. Include it
// in the host application (or use your own clock, e.g. one driven by your event loop).
//
// Thread safety: safe to call from several threads at once.
#pragma once

#include <smstrack/ports/clock.hpp>

#include <chrono>

SMSTRACK_BEGIN_NAMESPACE

class system_clock final : public clock {
 public:
  [[nodiscard]] timestamp now() const override {
    return std::chrono::time_point_cast<duration>(std::chrono::system_clock::now());
  }
};

SMSTRACK_END_NAMESPACE

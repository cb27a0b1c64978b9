// Retries (SPEC §5.5): soft and ignored failures are retried, at most `max_retries` times (5),
// each at least `min_interval` (15 minutes) after the failure, and never at or past the
// delivery's validity end. Hard failures are never retried. The library says which logs are
// due; the host resends them.
//
// Thread safety: pure functions.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/delivery_log.hpp>

#include <boost/describe/class.hpp>

#include <chrono>
#include <cstdint>
#include <optional>

SMSTRACK_BEGIN_NAMESPACE

struct retry_settings {
  std::uint16_t max_retries = 5;
  duration min_interval = std::chrono::duration_cast<duration>(std::chrono::minutes{15});
  friend bool operator==(const retry_settings&, const retry_settings&) = default;
};
BOOST_DESCRIBE_STRUCT(retry_settings, (), (max_retries, min_interval))

/// Errors: invalid_settings for a non-positive interval.
[[nodiscard]] result<void> validate(const retry_settings& settings);

constexpr bool is_retryable(failure_type type) noexcept {
  return type == failure_type::soft || type == failure_type::ignored;
}

/// When a failed log may be resent: its failure time plus the interval, if the log is failed with
/// a retryable type, has retries left, and that time is before the validity end. Nothing otherwise.
[[nodiscard]] std::optional<timestamp> next_retry(const log_digest& log, std::optional<timestamp> validity_end,
                                                  const retry_settings& settings) noexcept;

SMSTRACK_END_NAMESPACE

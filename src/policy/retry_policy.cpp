#include <smstrack/policy/retry_policy.hpp>

SMSTRACK_BEGIN_NAMESPACE

result<void> validate(const retry_settings& settings) {
  if (settings.min_interval <= duration::zero()) {
    return error{errc::invalid_settings, "the interval between retries must be positive"};
  }
  return {};
}

std::optional<timestamp> next_retry(const log_digest& log, std::optional<timestamp> validity_end,
                                    const retry_settings& settings) noexcept {
  if (log.status != log_status::failed || !is_retryable(log.type) || log.retries >= settings.max_retries) {
    return std::nullopt;
  }
  const timestamp at = log.updated + settings.min_interval;
  if (validity_end && at >= *validity_end) return std::nullopt;
  return at;
}

SMSTRACK_END_NAMESPACE

// The analysis's exclusion pipeline (SPEC §8): decides, rule by rule in the typology's order,
// which recipients of a target are excluded and why. It reads the quarantine through the
// storage port and writes nothing; the engine turns its verdicts into logs.
#pragma once

#include <smstrack/model/delivery.hpp>
#include <smstrack/model/recipient.hpp>
#include <smstrack/ports/storage.hpp>
#include <smstrack/targeting/typology.hpp>

#include "target_verdicts.hpp"

#include <span>

SMSTRACK_BEGIN_NAMESPACE
namespace targeting_detail {

struct pipeline_context {
  storage& store;
  const delivery& record;
  std::span<const recipient> target;
  const typology& rules;  // validated
  timestamp now;
  std::size_t batch = 10'000;  // keys per storage call
};

/// Errors: invalid_argument (a filter rule threw), storage_failure.
[[nodiscard]] result<target_verdicts> decide_exclusions(const pipeline_context& context);

}  // namespace targeting_detail
SMSTRACK_END_NAMESPACE

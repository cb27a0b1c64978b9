// Audit › Causes of exclusions: for every rule the last analysis ran, in its order, the reason
// it gives and the volume it excluded (rules that excluded nobody included), with the totals
// they add up to.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/engine/tracker.hpp>

#include <boost/describe/class.hpp>

#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct causes_view {
  delivery_id delivery = 0;
  std::uint64_t initial_population = 0;  ///< recipients before the analysis, seeds excepted
  std::uint64_t rejected = 0;            ///< recipients excluded, seeds excepted
  std::uint64_t excluded = 0;            ///< exclusion logs, the sum of the volumes (seeds included)
  std::vector<exclusion_cause> causes;
  friend bool operator==(const causes_view&, const causes_view&) = default;
};
BOOST_DESCRIBE_STRUCT(causes_view, (), (delivery, initial_population, rejected, excluded, causes))

/// Errors: unknown_delivery, storage_failure.
[[nodiscard]] result<causes_view> make_causes_view(tracker& engine, delivery_id id);

SMSTRACK_END_NAMESPACE

// Delivery › Exclusions: a page of a delivery's exclusion logs (one per recipient the analysis
// left out: time, status ignored, reason, address as received, text, rule), filterable by
// reason, as a value whose JSON a host can serve.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/engine/tracker.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct exclusions_view {
  delivery_id delivery = 0;
  std::optional<failure_reason> reason;  ///< the filter, when one was asked for
  std::vector<exclusion_log> exclusions;
  std::optional<std::uint32_t> next;  ///< pass as `after` for the next page; empty on the last
  friend bool operator==(const exclusions_view&, const exclusions_view&) = default;
};
BOOST_DESCRIBE_STRUCT(exclusions_view, (), (delivery, reason, exclusions, next))

/// Errors: invalid_argument (limit 0 or above the tracker's max_page_size), unknown_delivery,
/// storage_failure.
[[nodiscard]] result<exclusions_view> make_exclusions_view(tracker& engine, delivery_id id,
                                                           const exclusion_query& query = {});

SMSTRACK_END_NAMESPACE

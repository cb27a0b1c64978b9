// What a route's messages cost (SPEC §13): its tally's parts, by encoding, priced by the
// connector's price table for the route's region and network.
//
// The estimate prices every message by region and encoding alone, as the analysis knows them;
// what was submitted and what failed are priced with the route's network when it is known (a
// network's own price first, the region's otherwise). Parts no rule prices are counted apart,
// never as free.
//
// Thread safety: pure functions.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/cost_figures.hpp>
#include <smstrack/model/mobile_network.hpp>
#include <smstrack/policy/price_table.hpp>
#include <smstrack/policy/route_tally.hpp>

#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// The cost of a route's messages; `currency` is the table's.
[[nodiscard]] cost_figures cost_of(const route_tally& tally, std::string_view region, network_code network,
                                   const price_table& prices);

/// Adds the figures of another route of the same currency (sums saturate rather than wrap).
void add_cost(cost_figures& total, const cost_figures& route) noexcept;

SMSTRACK_END_NAMESPACE

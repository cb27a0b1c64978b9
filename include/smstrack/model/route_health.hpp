// What a route did (SPEC §13): a connector's messages to one country and one mobile network,
// across the deliveries asked about, as the Routes view shows them.
//
// A message counts in the route of its delivery's connector, of the region its number's calling
// code names (destination_region.hpp) and of the network the latest ack or receipt that named
// one reported (mobile_network.hpp); messages no fact named a network for share the route of the
// unknown network. Seeds are left out, as in the Summary.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/cost_figures.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/indicators.hpp>
#include <smstrack/model/mobile_network.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// The failed messages of a route that failed for one reason.
struct reason_count {
  failure_reason reason = failure_reason::not_defined;
  std::uint64_t count = 0;
  friend bool operator==(const reason_count&, const reason_count&) = default;
};
BOOST_DESCRIBE_STRUCT(reason_count, (), (reason, count))

/// The figures of one route, or of a whole connector (region "" and the unknown network).
struct route_health {
  std::string connector;  ///< the provider route (delivery_settings::connector)
  std::string region;     ///< ISO 3166-1 alpha-2, "001" non-geographic, "" unassigned or every region
  network_code network;   ///< unknown: no fact named one (or, for a connector, every network)
  std::uint64_t messages = 0;        ///< logs, seeds excepted
  std::uint64_t success = 0;         ///< taken into account or received on the mobile
  std::uint64_t delivered = 0;       ///< received on the mobile
  std::uint64_t errors = 0;          ///< failed
  std::vector<reason_count> errors_by_reason;  ///< non-zero counts, in the order of the reasons
  std::uint64_t acknowledged = 0;    ///< logs whose latest attempt the provider acknowledged
  std::uint64_t final_receipts = 0;  ///< of those, the logs with a final receipt
  std::uint64_t receipt_timeouts = 0;  ///< acknowledged logs the receipt horizon marked
  double delivered_rate = 0;    ///< percent: delivered / messages
  double receipt_coverage = 0;  ///< percent: final_receipts / acknowledged
  latency_figures submit_to_ack;
  latency_figures ack_to_final;
  cost_figures cost;  ///< priced by the connector's table
  friend bool operator==(const route_health&, const route_health&) = default;
};
BOOST_DESCRIBE_STRUCT(route_health, (),
                      (connector, region, network, messages, success, delivered, errors, errors_by_reason,
                       acknowledged, final_receipts, receipt_timeouts, delivered_rate, receipt_coverage,
                       submit_to_ack, ack_to_final, cost))

/// The routes of some deliveries: each connector's totals, then each route, both sorted (by
/// connector, then region, then network).
struct route_report {
  std::vector<route_health> connectors;
  std::vector<route_health> routes;
  friend bool operator==(const route_report&, const route_report&) = default;
};
BOOST_DESCRIBE_STRUCT(route_report, (), (connectors, routes))

SMSTRACK_END_NAMESPACE

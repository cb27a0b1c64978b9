// What messages cost (SPEC §13), in integer micro-units (millionths) of the connector's currency,
// priced from its price table (price_table.hpp) with the parts and encoding of each message.
#pragma once

#include <smstrack/config.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

struct cost_figures {
  std::string currency;            ///< ISO 4217; "" when the connector has no price table
  std::uint64_t estimated = 0;     ///< every message, priced by region and encoding (as at the analysis)
  std::uint64_t submitted = 0;     ///< acknowledged messages, priced with their network when known
  std::uint64_t failed = 0;        ///< of those, the ones that failed after all
  std::uint64_t unpriced_parts = 0;     ///< parts no rule of the table prices (not counted above)
  std::uint64_t unsized_messages = 0;   ///< messages of unknown parts (logs the host wrote itself)
  friend bool operator==(const cost_figures&, const cost_figures&) = default;
};
BOOST_DESCRIBE_STRUCT(cost_figures, (), (currency, estimated, submitted, failed, unpriced_parts, unsized_messages))

SMSTRACK_END_NAMESPACE

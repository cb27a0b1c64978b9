// What an analysis did (tracker::analyse): populations, the causes of exclusions, warnings and
// what the messages cost.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/delivery.hpp>
#include <smstrack/model/delivery_state.hpp>
#include <smstrack/ports/exclusion_store.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// What an analysis did.
struct analysis_report {
  std::uint64_t initial_population = 0;  ///< recipients, seeds excepted
  std::uint64_t rejected = 0;            ///< excluded recipients, seeds excepted
  std::uint64_t to_deliver = 0;
  std::uint64_t seeds = 0;
  std::uint64_t logs_created = 0;
  /// Every rule the analysis ran, in its order, with the volume it excluded (zero included;
  /// seeds whose address was refused count in the address rules' volumes).
  std::vector<exclusion_cause> causes;
  std::vector<std::string> warnings;
  bool proof = false;
  delivery_state state = delivery_state::ready;  ///< after the analysis (and auto-approval)
  message_summary messages;  ///< the personalized messages of the logs created, seeds included
};
BOOST_DESCRIBE_STRUCT(analysis_report, (),
                      (initial_population, rejected, to_deliver, seeds, logs_created, causes, warnings, proof, state,
                       messages))

SMSTRACK_END_NAMESPACE

// The Summary view (SPEC §1, §4): state, counters with percentages, the other indicators and
// the throughput at the three scales, as a value (JSON via smstrack/model/json.hpp).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/engine/tracker.hpp>
#include <smstrack/model/delivery_state.hpp>
#include <smstrack/model/indicators.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct summary_view {
  delivery_id delivery = 0;
  std::string label;
  std::string channel = "sms";
  delivery_state state = delivery_state::editing;
  std::optional<timestamp> started;
  std::optional<timestamp> validity_end;
  std::optional<timestamp> finished;
  indicators figures;
  std::vector<throughput_series> throughput;  ///< 1 h, 3 h and 24 h
};
BOOST_DESCRIBE_STRUCT(summary_view, (),
                      (delivery, label, channel, state, started, validity_end, finished, figures, throughput))

/// Builds the Summary view. Errors: unknown_delivery, storage_failure.
[[nodiscard]] result<summary_view> make_summary_view(tracker& engine, delivery_id id);

SMSTRACK_END_NAMESPACE

// A status event: one fact about one log, whichever door reported it. Every door (update_logs,
// acks, receipts, the receipt horizon, the validity end and stop) translates its input into
// these and hands them to the status pipeline (status_pipeline.hpp), which decides what follows.
#pragma once

#include <smstrack/engine/tracker.hpp>
#include <smstrack/policy/qualification_rules.hpp>

#include <boost/container_hash/hash.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

/// Where an event comes from. The pipeline's rules are the same for all; the origin only says
/// how the event's failure is known and how a door reads its outcome.
enum class event_origin : std::uint8_t {
  host,     ///< update_logs: the host states the status, and for failures the type and reason
  ack,      ///< the provider's answer to a submit
  receipt,  ///< a carrier status report; an error is qualified through the qualification table
  horizon,  ///< no final receipt within the horizon: the log is marked, its status stays
  cancel,   ///< the validity ended or the delivery stopped: a pending log is canceled
};

/// What an error receipt says failed, which keys the qualification table: its connector, stat
/// (or TLV state, when that state has no name) and error code. The views point into the door's
/// input, so that events need no key of their own; `key` spells it.
struct failure_name {
  std::string_view connector;
  std::string_view stat;
  std::optional<std::uint8_t> state;  // the TLV's value when `stat` is empty
  std::string_view error_code;

  [[nodiscard]] bool empty() const { return connector.empty(); }
  [[nodiscard]] std::string stat_text() const {
    return stat.empty() ? "state " + std::to_string(state.value_or(0)) : std::string(stat);
  }
  [[nodiscard]] std::string key() const { return qualification_key(connector, stat_text(), error_code); }
  friend bool operator==(const failure_name&, const failure_name&) = default;
};

struct failure_name_hash {
  std::size_t operator()(const failure_name& n) const noexcept {
    std::size_t h = boost::hash<std::string_view>{}(n.connector);
    boost::hash_combine(h, n.stat);
    boost::hash_combine(h, n.state.value_or(0));
    boost::hash_combine(h, n.error_code);
    return h;
  }
};

/// What an error receipt says failed, with the receipt that a new qualification entry keeps as
/// its first text. Kept by the receipt door beside its events; an event points to it.
struct receipt_failure {
  failure_name name;
  std::string_view raw_receipt;
};

/// The text a log receives when a final receipt arrives after the horizon marked it.
inline constexpr std::string_view late_receipt_text = "final receipt after the receipt horizon";

struct status_event {
  std::uint32_t source = 0;  ///< index of the door's input item
  log_id log = 0;
  event_origin origin = event_origin::host;
  log_status status = log_status::pending;
  change_outcome outcome = change_outcome::unknown_log;
  bool refused = false;  ///< the pipeline refused it before looking at its log (outcome says why)
  bool changes = false;  ///< the pipeline decided it changes its log
  /// For failed, ignored and canceled logs; a receipt's is decided by the qualification table.
  qualified_failure failure{failure_type::not_defined, failure_reason::not_defined, true};
  std::string_view provider_id;  ///< non-empty: record this (normalized) provider id
  std::string_view raw_text;     ///< the text to keep on the log, as given
  network_code network;          ///< the destination network the fact names; unknown: unchanged
  std::string made_text;         ///< or a text made for the log (acks, texts made storable)
  /// Error receipts: what failed (keys the qualification table); nothing for other events.
  const receipt_failure* failed_as = nullptr;

  [[nodiscard]] std::string_view text() const { return made_text.empty() ? raw_text : std::string_view(made_text); }
};

/// Status events kept between calls, as a scratch buffer (scratch.hpp): clearing keeps the
/// events themselves, so a door refills them field by field instead of constructing them anew.
struct event_buffer {
  std::vector<status_event> events;

  /// The first `n` events, to be refilled whole.
  [[nodiscard]] std::span<status_event> take(std::size_t n) {
    if (events.size() < n) events.resize(n);
    return {events.data(), n};
  }
  void clear() noexcept {}
  [[nodiscard]] std::size_t bytes() const noexcept { return events.capacity() * sizeof(status_event); }
};

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

// Storage port for delivery logs, with the provider message id index.
//
// Contract for implementers:
// - Logs are keyed by (delivery, id). Every method is batch-first and atomic per call: what a
//   call applies becomes visible all at once, and a failed call changes nothing.
// - insert: all or nothing. Re-inserting a log equal to the stored one is accepted and changes
//   nothing (idempotent replay); the same id with different content is duplicate_id and
//   nothing of the batch is stored. A log whose `delivery` differs from the argument, or whose
//   id is 0, is invalid_argument.
// - update: each change applies only when the stored status equals `expected` (compare-and-set);
//   outcome[i] tells applied, not_found, conflict (status differs) or provider_id_taken (the
//   provider id already points to another log). Changes in one call are applied in order, so
//   two changes to the same log chain. A non-empty provider_id is recorded on the log and
//   indexed; a non-empty text replaces the log's text.
// - find_by_provider_ids: for each id, the log it was recorded on, or nothing. Every provider id
//   ever recorded on a log keeps pointing to it.
// - read_digests / scan_digests / page / get: reads; scans and pages are ascending by log id and
//   keyset-paged (`after`), returning at most `limit` rows; a page keeps only the logs in the
//   query's status and to its address, when it names them.
// - history: for each address, the logs of every delivery but `excluding` addressed to it,
//   in one of the query's statuses, last changed at or after `since`: how many, and the one
//   changed last (ties: the larger delivery id, then the larger log id). `addresses` may be a
//   whole target, and may repeat an address; adapters split it as they need.
// - erase removes every log of a delivery and its provider ids; erasing nothing is not an error.
// - Safe to call from several threads at once, for the same or different deliveries.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/delivery_log.hpp>

#include <boost/describe/class.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// One status change of one log, applied only if its status is still `expected`.
struct log_update {
  log_id id = 0;
  log_status expected = log_status::pending;
  log_status status = log_status::pending;
  failure_type type = failure_type::not_defined;
  failure_reason reason = failure_reason::not_defined;
  std::uint16_t retries = 0;
  timestamp updated{};
  std::string_view provider_id;  ///< empty: unchanged
  std::string_view text;         ///< empty: unchanged
  std::optional<timestamp> submitted;  ///< the log's new submit time (written as given, empty included)
  std::optional<timestamp> acked;      ///< the log's new ack time (written as given, empty included)
  network_code network;                ///< the log's network (written as given, unknown included)
  bool receipt_timed_out = false;      ///< the log's mark (written as given)
};

enum class write_outcome : std::uint8_t { applied, not_found, conflict, provider_id_taken };

struct log_page_query {
  std::optional<log_status> status;  ///< only logs in this status
  log_id after = 0;                  ///< keyset: logs with a larger id
  std::size_t limit = 100;
  std::optional<phone_number> address;  ///< only logs to this number ("what happened to +336...?")
};

/// Which earlier logs `history` looks at (pressure rules, attribution of replies).
struct history_query {
  timestamp since{};                 ///< logs last changed at or after this time
  delivery_id excluding = 0;         ///< leave this delivery's logs out (0: none)
  std::vector<log_status> statuses;  ///< logs in one of these statuses (empty: any status)
};

/// Whether `history` looks at a log in this status.
[[nodiscard]] inline bool looks_at(const history_query& query, log_status status) noexcept {
  return query.statuses.empty() || std::find(query.statuses.begin(), query.statuses.end(), status) != query.statuses.end();
}

/// What a store knows of the messages to one address.
struct address_history {
  std::uint32_t messages = 0;     ///< logs that match the query
  std::optional<log_ref> latest;  ///< the matching log changed last
  timestamp latest_time{};        ///< when it changed
  friend bool operator==(const address_history&, const address_history&) = default;
};
BOOST_DESCRIBE_STRUCT(address_history, (), (messages, latest, latest_time))

/// Counts one matching log into an address's history, keeping the latest (for adapters).
inline void add_to_history(address_history& history, log_ref log, timestamp updated) noexcept {
  ++history.messages;
  const auto key = [](timestamp t, const log_ref& r) { return std::tuple(t, r.delivery, r.log); };
  if (!history.latest || key(history.latest_time, *history.latest) < key(updated, log)) {
    history.latest = log;
    history.latest_time = updated;
  }
}

class log_store {
 public:
  log_store() = default;
  log_store(const log_store&) = delete;
  log_store& operator=(const log_store&) = delete;
  virtual ~log_store() = default;
  [[nodiscard]] virtual result<void> insert(delivery_id delivery, std::span<const delivery_log> logs) = 0;
  /// out.size() must equal changes.size() (invalid_argument otherwise).
  [[nodiscard]] virtual result<void> update(delivery_id delivery, std::span<const log_update> changes,
                                            std::span<write_outcome> out) = 0;
  /// out.size() must equal ids.size(); out[i] is empty for an unknown id.
  [[nodiscard]] virtual result<void> read_digests(delivery_id delivery, std::span<const log_id> ids,
                                                  std::span<std::optional<log_digest>> out) = 0;
  [[nodiscard]] virtual result<std::vector<log_digest>> scan_digests(delivery_id delivery, log_id after,
                                                                     std::size_t limit) = 0;
  /// Full records; out[i] is empty for an unknown id. out.size() must equal ids.size().
  [[nodiscard]] virtual result<void> get(delivery_id delivery, std::span<const log_id> ids,
                                         std::span<std::optional<delivery_log>> out) = 0;
  [[nodiscard]] virtual result<std::vector<delivery_log>> page(delivery_id delivery,
                                                               const log_page_query& query) = 0;
  /// out.size() must equal provider_ids.size().
  [[nodiscard]] virtual result<void> find_by_provider_ids(std::span<const std::string_view> provider_ids,
                                                          std::span<std::optional<log_ref>> out) = 0;
  /// out.size() must equal addresses.size() (invalid_argument otherwise).
  [[nodiscard]] virtual result<void> history(std::span<const phone_number> addresses, const history_query& query,
                                             std::span<address_history> out) = 0;
  /// Returns how many logs were removed.
  [[nodiscard]] virtual result<std::uint64_t> erase(delivery_id delivery) = 0;
};

SMSTRACK_END_NAMESPACE

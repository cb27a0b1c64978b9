// Storage port for exclusion logs (Delivery › Exclusions, Audit › Causes of exclusions).
//
// Contract for implementers:
// - Exclusion logs are keyed by (delivery, id). insert is all or nothing, and idempotent like
//   the log store's: an equal row is accepted, a different row with the same id is
//   duplicate_id and nothing is stored; a row of another delivery or with id 0 is
//   invalid_argument.
// - page is ascending by id, keyset-paged, optionally filtered by reason.
// - causes counts the rows per (rule, reason), ordered by rule then reason.
// - erase removes every exclusion log of a delivery (a re-analysis replaces them).
// - Atomic per call and safe to call from several threads at once.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/exclusion_log.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct exclusion_query {
  std::optional<failure_reason> reason;
  std::uint32_t after = 0;
  std::size_t limit = 100;
};

/// The volume one rule excluded for one reason.
struct exclusion_cause {
  std::string rule;
  failure_reason reason = failure_reason::not_defined;
  std::uint64_t count = 0;
  friend bool operator==(const exclusion_cause&, const exclusion_cause&) = default;
};
BOOST_DESCRIBE_STRUCT(exclusion_cause, (), (rule, reason, count))

class exclusion_store {
 public:
  virtual ~exclusion_store() = default;
  [[nodiscard]] virtual result<void> insert(delivery_id delivery, std::span<const exclusion_log> rows) = 0;
  [[nodiscard]] virtual result<std::vector<exclusion_log>> page(delivery_id delivery,
                                                                const exclusion_query& query) = 0;
  [[nodiscard]] virtual result<std::vector<exclusion_cause>> causes(delivery_id delivery) = 0;
  [[nodiscard]] virtual result<std::uint64_t> erase(delivery_id delivery) = 0;
};

SMSTRACK_END_NAMESPACE

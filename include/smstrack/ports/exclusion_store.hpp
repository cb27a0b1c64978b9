// Storage port for exclusion logs (Delivery › Exclusions, Audit › Causes of exclusions).
//
// Contract for implementers:
// - Exclusion logs are keyed by (delivery, id). insert is all or nothing, and idempotent like
//   the log store's: an equal row is accepted, a different row with the same id is
//   duplicate_id and nothing is stored; a row of another delivery or with id 0 is
//   invalid_argument.
// - page is ascending by id, keyset-paged, optionally filtered by reason.
// - set_rules replaces the rules a delivery's analysis ran (in the analysis's order); an empty
//   rule name is invalid_argument and nothing changes.
// - causes lists first each declared rule, in order, with the count of its (rule, reason) rows
//   (zero included), then the (rule, reason) pairs of rows no rule declares, ordered by rule
//   then reason, with their counts. merge_causes builds that list.
// - erase removes every exclusion log and declared rule of a delivery (a re-analysis replaces
//   them), and returns how many logs it removed.
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

/// A rule an analysis ran: the causes view lists it even when it excluded nobody.
struct exclusion_rule {
  std::string rule;
  failure_reason reason = failure_reason::not_defined;
  friend bool operator==(const exclusion_rule&, const exclusion_rule&) = default;
};
BOOST_DESCRIBE_STRUCT(exclusion_rule, (), (rule, reason))

/// The causes of a delivery from its declared rules and its counted rows (ordered by rule then
/// reason), as `causes` returns them (for adapters).
[[nodiscard]] inline std::vector<exclusion_cause> merge_causes(std::span<const exclusion_rule> declared,
                                                               std::span<const exclusion_cause> counted) {
  std::vector<exclusion_cause> out;
  out.reserve(declared.size() + counted.size());
  std::vector<bool> used(counted.size(), false);
  for (const exclusion_rule& rule : declared) {
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < counted.size(); ++i) {
      if (!used[i] && counted[i].rule == rule.rule && counted[i].reason == rule.reason) {
        count = counted[i].count;
        used[i] = true;
      }
    }
    out.push_back({rule.rule, rule.reason, count});
  }
  for (std::size_t i = 0; i < counted.size(); ++i) {
    if (!used[i]) out.push_back(counted[i]);
  }
  return out;
}

class exclusion_store {
 public:
  exclusion_store() = default;
  exclusion_store(const exclusion_store&) = delete;
  exclusion_store& operator=(const exclusion_store&) = delete;
  virtual ~exclusion_store() = default;
  [[nodiscard]] virtual result<void> insert(delivery_id delivery, std::span<const exclusion_log> rows) = 0;
  [[nodiscard]] virtual result<std::vector<exclusion_log>> page(delivery_id delivery,
                                                                const exclusion_query& query) = 0;
  [[nodiscard]] virtual result<void> set_rules(delivery_id delivery, std::span<const exclusion_rule> rules) = 0;
  [[nodiscard]] virtual result<std::vector<exclusion_cause>> causes(delivery_id delivery) = 0;
  [[nodiscard]] virtual result<std::uint64_t> erase(delivery_id delivery) = 0;
};

SMSTRACK_END_NAMESPACE

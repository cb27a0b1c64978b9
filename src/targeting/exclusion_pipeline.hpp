// The analysis's exclusion pipeline (SPEC §8): decides, rule by rule in the typology's order,
// which recipients of a target are excluded and why. It touches no storage: what it must know of
// the addresses (their quarantine entries, their earlier messages) it asks of `address_facts`,
// which the engine answers from the store; it writes nothing, and the engine turns its verdicts
// into logs.
#pragma once

#include <smstrack/model/delivery.hpp>
#include <smstrack/model/recipient.hpp>
#include <smstrack/model/quarantine.hpp>
#include <smstrack/ports/log_store.hpp>
#include <smstrack/targeting/typology.hpp>

#include "target_verdicts.hpp"

#include <span>

SMSTRACK_BEGIN_NAMESPACE
namespace targeting_detail {

/// What the pipeline needs to know of the addresses it judges, asked in batches.
class address_facts {
 public:
  address_facts() = default;
  address_facts(const address_facts&) = delete;
  address_facts& operator=(const address_facts&) = delete;
  virtual ~address_facts() = default;
  /// The entries of `keys` (out[i] empty when there is none). Errors: storage_failure.
  [[nodiscard]] virtual result<void> quarantine(std::span<const quarantine_key> keys,
                                                std::span<std::optional<quarantine_entry>> out) = 0;
  /// Each address's earlier messages that match `query` (log_store::history's contract).
  /// Errors: storage_failure.
  [[nodiscard]] virtual result<void> history(std::span<const phone_number> addresses, const history_query& query,
                                             std::span<address_history> out) = 0;
};

struct pipeline_context {
  address_facts& facts;
  const delivery& record;
  std::span<const recipient> target;
  const typology& rules;  // validated
  timestamp now;
  std::size_t batch = 10'000;  // keys per question
};

/// The seeded rank by which capacity, the control group and the budget choose recipients: it
/// depends on the address, the recipient key, the typology's seed and the rule's salt only, not
/// on the target's order.
[[nodiscard]] std::uint64_t recipient_rank(const phone_number& address, recipient_key key, std::uint64_t seed,
                                           std::uint64_t salt) noexcept;

/// Errors: invalid_argument (a filter rule threw), storage_failure.
[[nodiscard]] result<target_verdicts> decide_exclusions(const pipeline_context& context);

}  // namespace targeting_detail
SMSTRACK_END_NAMESPACE

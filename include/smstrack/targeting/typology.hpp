// A typology: every setting and rule an analysis applies to a delivery's target (SPEC §8).
//
// The analysis runs, in this order, and each recipient is excluded by the first rule that
// matches it:
//   1. control rules (content checks: they warn, they exclude nobody);
//   2. address qualification: address not specified, invalid phone number, denylisted address,
//      quarantined address, opted out (for the delivery's short code), bad quality address;
//   3. the filter rules, in the order listed;
//   4. deduplication on the normalized address;
//   5. the pressure rules, in the order listed (messages of earlier deliveries in the store);
//   6. capacity (target size limit);
//   7. the control group;
//   8. when the messages are rendered: the message size (delivery_settings::max_parts), then the
//      budget (exclusion_settings::budget: the seeds' messages first, then in a seeded order
//      each message that still fits, priced by the connector's table; over_budget).
// Seeds are never excluded, except when their address cannot be normalized; they are not
// counted. A proof keeps denylisted, quarantined and opted-out addresses (by default) and
// skips pressure, capacity, the control group and the budget.
//
// Capacity and the control group choose recipients by a seeded hash of (address, recipient
// key), so the same target and seed give the same choice whatever the target's order.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/numbering_plan.hpp>
#include <smstrack/model/time.hpp>
#include <smstrack/targeting/address_validator.hpp>
#include <smstrack/targeting/filter_rule.hpp>

#include <boost/describe/class.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// The settings of SPEC §8, with its defaults.
struct exclusion_settings {
  bool exclude_duplicates = true;
  /// Deduplicate on (address, recipient key): two recipients sharing a number both stay.
  bool keep_duplicates_of_distinct_recipients = false;
  bool exclude_opted_out = true;
  bool exclude_quarantined = true;  ///< quarantine status `quarantine` (denylisted is always excluded)
  /// Exclude numbers whose type the validator knows and that cannot take an SMS (landlines,
  /// toll-free, ...) as bad_quality_address. Needs a validator that knows types.
  bool exclude_non_mobile = false;
  std::uint64_t limit_delivery_size = 0;  ///< keep at most this many recipients (0 = no limit)
  /// Keep the recipients whose messages fit this budget, in micro-units of the connector's
  /// currency (0 = no budget; SPEC §13). Needs the connector's prices (connector_profile::prices).
  std::uint64_t budget = 0;
  /// A proof keeps denylisted, quarantined and opted-out addresses.
  bool proof_keeps_excluded_addresses = true;
  friend bool operator==(const exclusion_settings&, const exclusion_settings&) = default;
};
BOOST_DESCRIBE_STRUCT(exclusion_settings, (),
                      (exclude_duplicates, keep_duplicates_of_distinct_recipients, exclude_opted_out,
                       exclude_quarantined, exclude_non_mobile, limit_delivery_size, budget,
                       proof_keeps_excluded_addresses))

/// Fatigue: at most `max_messages` messages per address within `period`, this delivery's
/// included. Earlier deliveries' logs in the store count when they were planned or sent
/// (pending, sent, taken into account, received) and last changed within the period; an
/// address over the limit is excluded as excluded_by_arbitration (the deliveries analysed
/// first keep their messages).
struct pressure_rule {
  std::string name;
  std::uint32_t max_messages = 1;
  duration period = std::chrono::duration_cast<duration>(std::chrono::days{7});
  friend bool operator==(const pressure_rule&, const pressure_rule&) = default;
};
BOOST_DESCRIBE_STRUCT(pressure_rule, (), (name, max_messages, period))

/// A control group: recipients kept out of the delivery to measure its effect, chosen at
/// random (seeded) among those left after every other rule. Give a size or a percentage.
struct control_group {
  std::uint64_t size = 0;
  double percent = 0;  ///< of the recipients left, 0 to 100; rounded to the nearest recipient
  friend bool operator==(const control_group&, const control_group&) = default;
};
BOOST_DESCRIBE_STRUCT(control_group, (), (size, percent))

struct typology {
  exclusion_settings settings;
  numbering_plan numbering;  ///< how national numbers become E.164 (default: international only)
  std::vector<std::shared_ptr<const filter_rule>> filters;
  std::vector<pressure_rule> pressure;
  control_group control;
  std::uint64_t seed = 0;  ///< for capacity and the control group
  bool proof = false;      ///< the delivery is a proof: a test send to a small list
  /// Checks numbers beyond their syntax; null: the syntactic validator.
  std::shared_ptr<const address_validator> validator;
};

/// The names of the rules every analysis may run, as exclusion logs, the causes view and the
/// journal show them. Filter and pressure rules carry the names the typology gives them.
namespace rule_names {
inline constexpr std::string_view address_not_specified = "address not specified";
inline constexpr std::string_view invalid_phone_number = "invalid phone number";
inline constexpr std::string_view denylisted_address = "denylisted address";
inline constexpr std::string_view quarantined_address = "quarantined address";
inline constexpr std::string_view opted_out = "opted out";
inline constexpr std::string_view bad_quality_address = "bad quality address";
inline constexpr std::string_view deduplication = "deduplication";
inline constexpr std::string_view target_size_limit = "target size limit";
inline constexpr std::string_view budget = "budget";
inline constexpr std::string_view control_group = "control group";
}  // namespace rule_names

/// Rule names longer than this are refused.
inline constexpr std::size_t max_rule_name_bytes = 64;

/// Errors: invalid_settings naming what is wrong: the numbering plan; a filter rule that is
/// null, or whose reason is not excluded_by_rule, not_eligible or unqualified_address; a rule
/// name that is empty, longer than max_rule_name_bytes, not UTF-8, or used twice (the standard
/// rules' names included); a pressure rule with max_messages 0 or a period <= 0; a control
/// group with both a size and a percentage, or a percentage outside 0..100.
[[nodiscard]] result<void> validate(const typology& t);

SMSTRACK_END_NAMESPACE

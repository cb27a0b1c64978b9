// What messages cost (SPEC §13): a connector's price list, in integer micro-units of one
// currency per message part.
//
// A rule prices the parts sent to a region (ISO 3166-1 alpha-2, "001" for non-geographic
// numbers, "" for any region), optionally to one network of it, optionally in one encoding. A
// part takes the most specific rule that matches: a network before a region before any region,
// and then a named encoding before any encoding. No matching rule: the price is unknown, which
// is not the same as free.
//
// Rules of `price_table::make` (invalid_settings, naming the rule by its position):
// - the currency is three upper-case letters (ISO 4217, e.g. "EUR");
// - a region is "", "001" or two upper-case letters; a network needs its region and is well
//   formed (mobile_network.hpp);
// - a part costs at most 1 000 000 000 micro-units (1 000 currency units), so that the cost of
//   ten million messages of 255 parts fits in 64 bits;
// - no two rules have the same region, network and encoding.
//
// Thread safety: an immutable value after make; look-ups may run on several threads at once.
// Complexity: a look-up is at most six hash probes.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/mobile_network.hpp>
#include <smstrack/text/sms_encoding.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct price_rule {
  std::string region;                     ///< "FR"; "001" non-geographic; "" any region
  std::optional<mobile_network> network;  ///< one network of the region, or any
  std::optional<sms_encoding> encoding;   ///< one encoding, or any
  std::uint64_t micro_per_part = 0;       ///< millionths of the currency, per part
  friend bool operator==(const price_rule&, const price_rule&) = default;
};
BOOST_DESCRIBE_STRUCT(price_rule, (), (region, network, encoding, micro_per_part))

/// A connector's prices, as a host configures them.
struct price_list {
  std::string currency;  ///< ISO 4217, e.g. "EUR"
  std::vector<price_rule> rules;
  friend bool operator==(const price_list&, const price_list&) = default;
};
BOOST_DESCRIBE_STRUCT(price_list, (), (currency, rules))

class price_table {
 public:
  static constexpr std::uint64_t max_micro_per_part = 1'000'000'000;

  /// Errors: invalid_settings (see the rules above).
  [[nodiscard]] static result<price_table> make(const price_list& list);

  [[nodiscard]] std::string_view currency() const noexcept { return currency_; }

  /// The price of one part sent to `region` (and `network`, when known) in `encoding`, in
  /// micro-units; nothing when no rule matches.
  [[nodiscard]] std::optional<std::uint64_t> price_per_part(std::string_view region,
                                                            const std::optional<mobile_network>& network,
                                                            sms_encoding encoding) const;

  /// What a message of `parts` parts costs: parts × price_per_part; nothing when no rule
  /// matches.
  [[nodiscard]] std::optional<std::uint64_t> cost(std::string_view region, const std::optional<mobile_network>& network,
                                                  sms_encoding encoding, std::uint32_t parts) const;

 private:
  std::string currency_;
  std::unordered_map<std::string, std::uint64_t> prices_;  // by key_of(region, network, encoding)
};

SMSTRACK_END_NAMESPACE

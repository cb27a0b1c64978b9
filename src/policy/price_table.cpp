#include <smstrack/policy/price_table.hpp>

#include "../text/quote_input.hpp"

#include <algorithm>
#include <array>

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr char any_encoding = '*';

// "FR/208-01/0": region, network ("" for any), encoding (its data_coding, '*' for any).
std::string key_of(std::string_view region, const mobile_network* network, char encoding) {
  std::string key(region);
  key += '/';
  if (network != nullptr) key += to_string(*network);
  key += '/';
  key += encoding;
  return key;
}

char encoding_key(sms_encoding encoding) { return static_cast<char>('0' + static_cast<int>(encoding)); }

bool upper_letters(std::string_view text, std::size_t count) {
  return text.size() == count && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

error bad_rule(std::size_t index, const std::string& why) {
  return error{errc::invalid_settings, "price rule " + std::to_string(index) + ": " + why};
}

result<void> check_rule(const price_rule& rule, std::size_t index) {
  if (!rule.region.empty() && rule.region != "001" && !upper_letters(rule.region, 2)) {
    return bad_rule(index, "region " + quote_input(rule.region) + " is not two upper-case letters, \"001\" or empty");
  }
  if (rule.network) {
    if (rule.region.empty()) return bad_rule(index, "a network needs its region");
    if (auto valid = check_network(*rule.network); !valid) return bad_rule(index, valid.error().detail());
  }
  if (rule.encoding && rule.encoding != sms_encoding::gsm7 && rule.encoding != sms_encoding::latin1 &&
      rule.encoding != sms_encoding::ucs2) {
    return bad_rule(index, "encoding " + std::to_string(static_cast<int>(*rule.encoding)) + " is not an encoding");
  }
  if (rule.micro_per_part > price_table::max_micro_per_part) {
    return bad_rule(index, "a part priced " + std::to_string(rule.micro_per_part) + " micro-units, above " +
                               std::to_string(price_table::max_micro_per_part));
  }
  return {};
}

}  // namespace

result<price_table> price_table::make(const price_list& list) {
  if (!upper_letters(list.currency, 3)) {
    return error{errc::invalid_settings,
                 "price list currency " + quote_input(list.currency) + " is not three upper-case letters (ISO 4217)"};
  }
  price_table table;
  table.currency_ = list.currency;
  for (std::size_t i = 0; i < list.rules.size(); ++i) {
    const price_rule& rule = list.rules[i];
    if (auto valid = check_rule(rule, i); !valid) return valid.error();
    const std::string key = key_of(rule.region, rule.network ? &*rule.network : nullptr,
                                   rule.encoding ? encoding_key(*rule.encoding) : any_encoding);
    if (!table.prices_.emplace(key, rule.micro_per_part).second) {
      return bad_rule(i, "the same region, network and encoding as an earlier rule");
    }
  }
  return table;
}

std::optional<std::uint64_t> price_table::price_per_part(std::string_view region,
                                                         const std::optional<mobile_network>& network,
                                                         sms_encoding encoding) const {
  // Most specific first: the network, the region, any region; a named encoding, then any.
  const std::array<const mobile_network*, 3> networks = {network ? &*network : nullptr, nullptr, nullptr};
  const std::array<std::string_view, 3> regions = {region, region, std::string_view{}};
  for (std::size_t level = 0; level < 3; ++level) {
    if (level == 0 && !network) continue;
    for (const char coding : {encoding_key(encoding), any_encoding}) {
      const auto found = prices_.find(key_of(regions[level], networks[level], coding));
      if (found != prices_.end()) return found->second;
    }
  }
  return std::nullopt;
}

std::optional<std::uint64_t> price_table::cost(std::string_view region, const std::optional<mobile_network>& network,
                                               sms_encoding encoding, std::uint32_t parts) const {
  const auto price = price_per_part(region, network, encoding);
  if (!price) return std::nullopt;
  return *price * parts;
}

SMSTRACK_END_NAMESPACE

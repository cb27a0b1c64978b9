// What the analysis decided for each recipient of a target: kept, or excluded by which rule.
//
// Rules are numbered in the order the analysis loads them; a row holds 0 (kept) or its rule's
// number. Each rule has a default text for its exclusion logs; a row may carry its own text
// (e.g. why its address was refused).
#pragma once

#include <smstrack/model/failure.hpp>
#include <smstrack/model/phone_number.hpp>

#include <boost/unordered/unordered_flat_map.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace targeting_detail {

struct loaded_rule {
  std::string name;
  failure_reason reason = failure_reason::not_defined;
  std::string text;          ///< the exclusion logs' text, unless a row has its own
  std::uint64_t volume = 0;  ///< rows it excluded, seeds included
};

using rule_number = std::uint16_t;

class target_verdicts {
 public:
  explicit target_verdicts(std::size_t rows) : numbers(rows), rule_of_(rows, 0) {}

  rule_number load(std::string_view name, failure_reason reason, std::string text) {
    rules_.push_back({std::string(name), reason, std::move(text), 0});
    return static_cast<rule_number>(rules_.size());
  }

  [[nodiscard]] std::size_t rows() const noexcept { return rule_of_.size(); }
  [[nodiscard]] bool kept(std::size_t row) const noexcept { return rule_of_[row] == 0; }
  [[nodiscard]] const loaded_rule* rule_of(std::size_t row) const noexcept {
    return rule_of_[row] == 0 ? nullptr : &rules_[rule_of_[row] - 1u];
  }
  [[nodiscard]] std::string_view text_of(std::size_t row) const noexcept {
    if (const auto own = texts_.find(static_cast<std::uint32_t>(row)); own != texts_.end()) return own->second;
    const loaded_rule* rule = rule_of(row);
    return rule ? std::string_view(rule->text) : std::string_view{};
  }
  [[nodiscard]] const std::vector<loaded_rule>& rules() const noexcept { return rules_; }

  void exclude(std::size_t row, rule_number rule) noexcept {
    rule_of_[row] = rule;
    ++rules_[rule - 1u].volume;
  }
  void exclude(std::size_t row, rule_number rule, std::string text) {
    texts_.insert_or_assign(static_cast<std::uint32_t>(row), std::move(text));
    exclude(row, rule);
  }

  std::vector<phone_number> numbers;  ///< each row's normalized address (empty when refused)

 private:
  std::vector<rule_number> rule_of_;
  std::vector<loaded_rule> rules_;
  boost::unordered_flat_map<std::uint32_t, std::string> texts_;
};

}  // namespace targeting_detail
SMSTRACK_END_NAMESPACE

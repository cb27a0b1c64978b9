#include <smstrack/targeting/typology.hpp>

#include <smstrack/text/utf8.hpp>

#include <boost/unordered/unordered_flat_set.hpp>

#include <array>
#include <cmath>

SMSTRACK_BEGIN_NAMESPACE
namespace {

error refuse(std::string detail) { return error{errc::invalid_settings, std::move(detail)}; }

constexpr std::array standard_names = {rule_names::address_not_specified, rule_names::invalid_phone_number,
                                       rule_names::denylisted_address,    rule_names::quarantined_address,
                                       rule_names::opted_out,             rule_names::bad_quality_address,
                                       rule_names::deduplication,         rule_names::target_size_limit,
                                       rule_names::control_group};

class rule_name_check {
 public:
  rule_name_check() {
    for (const std::string_view name : standard_names) names_.insert(name);
  }
  result<void> add(std::string_view name, std::string_view what) {
    if (name.empty()) return refuse(std::string(what) + " has an empty name");
    if (name.size() > max_rule_name_bytes) {
      return refuse(std::string(what) + " name is longer than " + std::to_string(max_rule_name_bytes) + " bytes");
    }
    if (!is_valid_utf8(name)) return refuse(std::string(what) + " name is not valid UTF-8");
    if (!names_.insert(name).second) return refuse("rule name '" + std::string(name) + "' is used twice");
    return {};
  }

 private:
  boost::unordered_flat_set<std::string_view> names_;
};

bool filter_reason_allowed(failure_reason reason) noexcept {
  return reason == failure_reason::excluded_by_rule || reason == failure_reason::not_eligible ||
         reason == failure_reason::unqualified_address;
}

result<void> validate_control_group(const control_group& control) {
  if (!std::isfinite(control.percent) || control.percent < 0 || control.percent > 100) {
    return refuse("control group percent must be between 0 and 100");
  }
  if (control.size != 0 && control.percent != 0) return refuse("control group has both a size and a percent");
  return {};
}

}  // namespace

result<void> validate(const typology& t) {
  if (auto plan = address_normalizer::make(t.numbering); !plan) return plan.error();
  rule_name_check names;
  for (std::size_t i = 0; i < t.filters.size(); ++i) {
    const auto& rule = t.filters[i];
    const std::string what = "filter rule " + std::to_string(i + 1);
    if (!rule) return refuse(what + " is null");
    if (auto named = names.add(rule->name(), what); !named) return named;
    if (!filter_reason_allowed(rule->reason())) {
      return refuse(what + " ('" + std::string(rule->name()) +
                    "') must exclude with excluded_by_rule, not_eligible or unqualified_address");
    }
  }
  for (std::size_t i = 0; i < t.pressure.size(); ++i) {
    const pressure_rule& rule = t.pressure[i];
    const std::string what = "pressure rule " + std::to_string(i + 1);
    if (auto named = names.add(rule.name, what); !named) return named;
    if (rule.max_messages == 0) return refuse(what + " ('" + rule.name + "') allows 0 messages");
    if (rule.period <= duration::zero()) return refuse(what + " ('" + rule.name + "') has a period <= 0");
  }
  return validate_control_group(t.control);
}

SMSTRACK_END_NAMESPACE

// A filter rule: the application's own reason to leave recipients out of a delivery, such as
// "recipients of segment X" or "customers who closed their account" (SPEC §8, user filter
// rules). The analysis runs filter rules after the address checks and before deduplication,
// in the order the typology lists them; the first rule that excludes a recipient names the
// exclusion. Seeds are never shown to filter rules.
//
// Contract for implementers: `excludes` must not throw (an exception fails the analysis with
// invalid_argument and stores nothing) and is called from the analysing thread only.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/phone_number.hpp>
#include <smstrack/model/recipient.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

SMSTRACK_BEGIN_NAMESPACE

class filter_rule {
 public:
  virtual ~filter_rule() = default;
  /// The rule's name, as the exclusion logs, the causes view and the journal show it.
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// The reason its exclusions carry: excluded_by_rule (the default), not_eligible or
  /// unqualified_address.
  [[nodiscard]] virtual failure_reason reason() const noexcept { return failure_reason::excluded_by_rule; }
  /// Whether the rule leaves out this recipient, whose address normalized to `address`.
  [[nodiscard]] virtual bool excludes(const recipient& who, phone_number address) const = 0;
};

namespace detail {
template <class Predicate>
class predicate_filter_rule final : public filter_rule {
 public:
  predicate_filter_rule(std::string name, Predicate predicate, failure_reason reason)
      : name_(std::move(name)), predicate_(std::move(predicate)), reason_(reason) {}
  [[nodiscard]] std::string_view name() const override { return name_; }
  [[nodiscard]] failure_reason reason() const noexcept override { return reason_; }
  [[nodiscard]] bool excludes(const recipient& who, phone_number address) const override {
    return predicate_(who, address);
  }

 private:
  std::string name_;
  Predicate predicate_;
  failure_reason reason_;
};
}  // namespace detail

/// A filter rule from a predicate `bool(const recipient&, phone_number)`.
template <class Predicate>
  requires std::is_invocable_r_v<bool, const Predicate&, const recipient&, phone_number>
[[nodiscard]] std::shared_ptr<const filter_rule> make_filter_rule(std::string name, Predicate predicate,
                                                                  failure_reason reason = failure_reason::excluded_by_rule) {
  return std::make_shared<detail::predicate_filter_rule<Predicate>>(std::move(name), std::move(predicate), reason);
}

SMSTRACK_END_NAMESPACE

#include <smstrack/policy/quarantine_policy.hpp>

#include <gtest/gtest.h>

namespace {

using namespace smstrack;
using namespace std::chrono_literals;

const timestamp t0 = from_unix_ms(1'795'000'000'000);
const quarantine_key key{phone_number::parse("+33612345678").value(), ""};
const quarantine_settings defaults;

address_failure soft(delivery_id delivery = 7, failure_reason reason = failure_reason::unreachable) {
  return {failure_type::soft, reason, true, "stat:UNDELIV", delivery};
}

// Feeds `count` soft failures `gap` apart, starting at t0; returns the entry and how many
// decisions said "newly quarantined".
std::pair<std::optional<quarantine_entry>, int> soft_failures(int count, duration gap) {
  std::optional<quarantine_entry> entry;
  int quarantined = 0;
  for (int i = 0; i < count; ++i) {
    const auto decision = on_failure(entry, key, soft(), t0 + i * gap, defaults);
    if (decision.entry) entry = decision.entry;
    quarantined += decision.newly_quarantined ? 1 : 0;
  }
  return {entry, quarantined};
}

TEST(quarantine_policy, a_hard_failure_quarantines_at_once) {
  const auto decision = on_failure(std::nullopt, key, {failure_type::hard, failure_reason::user_unknown, true, "x", 7}, t0, defaults);
  ASSERT_TRUE(decision.entry);
  EXPECT_EQ(decision.entry->status, quarantine_status::quarantine);
  EXPECT_EQ(decision.entry->error_count, 1U);
  EXPECT_EQ(decision.entry->quarantined_by, 7U);
  EXPECT_EQ(decision.entry->last_error_reason, failure_reason::user_unknown);
  EXPECT_EQ(decision.entry->created, t0);
  EXPECT_TRUE(decision.newly_quarantined);
  EXPECT_EQ(decision.reason, failure_reason::user_unknown);
}

TEST(quarantine_policy, the_sixth_significant_soft_error_quarantines) {
  auto [five, none] = soft_failures(5, 24h);
  ASSERT_TRUE(five);
  EXPECT_EQ(five->status, quarantine_status::with_errors);
  EXPECT_EQ(five->error_count, 5U);
  EXPECT_EQ(none, 0);
  auto [six, once] = soft_failures(6, 24h);
  EXPECT_EQ(six->status, quarantine_status::quarantine);
  EXPECT_EQ(six->error_count, 6U);
  EXPECT_EQ(six->quarantined_by, 7U);
  EXPECT_EQ(once, 1);
}

TEST(quarantine_policy, soft_errors_within_the_significant_delay_count_once) {
  auto [entry, quarantined] = soft_failures(20, 1h);  // 20 errors within one day
  EXPECT_EQ(entry->error_count, 1U);
  EXPECT_EQ(entry->status, quarantine_status::with_errors);
  EXPECT_EQ(quarantined, 0);
}

TEST(quarantine_policy, ignored_failures_and_ignore_entries_never_touch_the_entry) {
  EXPECT_FALSE(on_failure(std::nullopt, key, {failure_type::ignored, failure_reason::not_connected, true, "", 7}, t0, defaults).entry);
  EXPECT_FALSE(on_failure(std::nullopt, key, {failure_type::hard, failure_reason::user_unknown, false, "", 7}, t0, defaults).entry);
}

TEST(quarantine_policy, allowlisted_addresses_record_error_ignored) {
  quarantine_entry allowed{.address = key.address, .status = quarantine_status::allowlisted};
  const auto decision = on_failure(allowed, key, {failure_type::hard, failure_reason::user_unknown, true, "", 7}, t0, defaults);
  EXPECT_FALSE(decision.entry);
  EXPECT_EQ(decision.type, failure_type::ignored);
  EXPECT_EQ(decision.reason, failure_reason::error_ignored);
  EXPECT_FALSE(decision.newly_quarantined);
}

TEST(quarantine_policy, a_success_resets_with_errors_to_valid) {
  auto [entry, ignored] = soft_failures(2, 24h);
  const auto after = on_success(entry, 9, t0 + 72h);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, quarantine_status::valid);
  EXPECT_EQ(after->error_count, 0U);
  EXPECT_EQ(after->last_delivery, 9U);
  EXPECT_FALSE(on_success(std::nullopt, 9, t0));
  EXPECT_FALSE(on_success(*after, 9, t0));
  quarantine_entry quarantined = *entry;
  quarantined.status = quarantine_status::quarantine;
  EXPECT_FALSE(on_success(quarantined, 9, t0)) << "quarantine is never released automatically";
}

TEST(quarantine_policy, errors_age_out_after_ten_days_and_mailbox_full_after_thirty) {
  auto [entry, ignored] = soft_failures(3, 24h);
  const timestamp last = *entry->last_significant_error;
  EXPECT_EQ(aged(*entry, last + 9 * 24h, defaults).status, quarantine_status::with_errors);
  const quarantine_entry reset = aged(*entry, last + 10 * 24h, defaults);
  EXPECT_EQ(reset.status, quarantine_status::valid);
  EXPECT_EQ(reset.error_count, 0U);
  quarantine_entry full = *entry;
  full.last_error_reason = failure_reason::mailbox_full;
  EXPECT_EQ(aged(full, last + 29 * 24h, defaults).status, quarantine_status::with_errors);
  EXPECT_EQ(aged(full, last + 30 * 24h, defaults).status, quarantine_status::valid);
  // An aged entry starts counting again.
  const auto next = on_failure(*entry, key, soft(), last + 11 * 24h, defaults);
  EXPECT_EQ(next.entry->error_count, 1U);
}

TEST(quarantine_policy, quarantine_and_denylisted_leave_only_by_release) {
  quarantine_entry blocked{.address = key.address, .status = quarantine_status::denylisted, .error_count = 3};
  EXPECT_FALSE(on_failure(blocked, key, soft(), t0, defaults).entry);
  EXPECT_EQ(aged(blocked, t0 + 1000 * 24h, defaults).status, quarantine_status::denylisted);
  const quarantine_entry free = released(blocked, t0);
  EXPECT_EQ(free.status, quarantine_status::valid);
  EXPECT_EQ(free.error_count, 0U);
  EXPECT_EQ(free.updated, t0);
  EXPECT_TRUE(blocks_sending(quarantine_status::quarantine));
  EXPECT_FALSE(blocks_sending(quarantine_status::with_errors));
}

TEST(quarantine_policy, settings_are_checked) {
  EXPECT_TRUE(validate(quarantine_settings{}));
  EXPECT_EQ(validate(quarantine_settings{.max_errors = 0}).error().detail(), "max errors before quarantine must be positive");
  EXPECT_EQ(validate(quarantine_settings{.significant_error_delay = -1ms}).error(), errc::invalid_settings);
  EXPECT_EQ(validate(quarantine_settings{.error_reset_after = 0ms}).error().detail(), "the error reset delays must be positive");
}

}  // namespace

#include <smstrack/engine/tracker.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

namespace smstrack {
namespace {

using testing::engine_test;
using testing::make_target;

using tracker_test = engine_test;

bool contains(const std::vector<audit_code>& codes, audit_code code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

TEST_F(tracker_test, creates_deliveries_in_editing_and_journals_it) {
  const delivery_id id = create();
  const delivery d = engine.get_delivery(id).value();
  EXPECT_EQ(d.state, delivery_state::editing);
  EXPECT_EQ(d.created, clock.now());
  EXPECT_EQ(journal_codes(id), std::vector<audit_code>{audit_code::delivery_created});
}

TEST_F(tracker_test, refuses_invalid_drafts) {
  delivery_draft bad{"x", "y", "z", {}};
  bad.settings.validity = duration{0};
  EXPECT_EQ(engine.create_delivery(bad).error(), errc::invalid_settings);
  EXPECT_EQ(engine.create_delivery({"bad \xC3", "", "", {}}).error(), errc::invalid_text);
  EXPECT_EQ(engine.create_delivery({"", std::string(70000, 'a'), "", {}}).error(), errc::invalid_text);
  EXPECT_EQ(engine.create_delivery({"", "", "a sender id that is far too long", {}}).error(), errc::invalid_sender);
  EXPECT_EQ(engine.create_delivery({"", "", "+33 6", {}}).error(), errc::invalid_sender);
  EXPECT_EQ(engine.create_delivery({"", "Hi {{first_name", "", {}}).error(), errc::invalid_text);
  EXPECT_TRUE(store.inner.deliveries().list(0, 10).value().empty()) << "nothing stored";
}

TEST_F(tracker_test, unknown_deliveries_are_reported) {
  EXPECT_EQ(engine.get_delivery(99).error(), errc::unknown_delivery);
  EXPECT_EQ(engine.start(99, "x").error(), errc::unknown_delivery);
  EXPECT_EQ(engine.indicators_of(99).error(), errc::unknown_delivery);
  EXPECT_EQ(engine.logs(99, {}).error(), errc::unknown_delivery);
}

TEST_F(tracker_test, analysis_excludes_missing_invalid_and_duplicate_addresses) {
  const delivery_id id = create();
  std::vector<recipient> target = make_target(10);
  target.push_back({11, "", false});
  target.push_back({12, "0612345678", false});
  target.push_back({13, target[0].address, false});
  target.push_back({14, target[0].address, true});  // a seed is never deduplicated
  const analysis_report report = engine.analyse(id, target).value();
  EXPECT_EQ(report.initial_population, 13U);
  EXPECT_EQ(report.rejected, 3U);
  EXPECT_EQ(report.to_deliver, 10U);
  EXPECT_EQ(report.seeds, 1U);
  EXPECT_EQ(report.logs_created, 11U);
  EXPECT_EQ(report.state, delivery_state::ready);
  const auto exclusions = store.inner.exclusions().page(id, {}).value();
  ASSERT_EQ(exclusions.size(), 3U);
  EXPECT_EQ(exclusions[0].reason, failure_reason::address_not_specified);
  EXPECT_EQ(exclusions[1].reason, failure_reason::invalid_phone_number);
  EXPECT_EQ(exclusions[1].address, "0612345678");
  EXPECT_EQ(exclusions[2].reason, failure_reason::duplicate);
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.to_deliver, 10U);
  EXPECT_EQ(figures.pending, 10U);
  EXPECT_EQ(figures.seeds, 1U);
  const auto codes = journal_codes(id);
  for (const audit_code code : {audit_code::analysis_started, audit_code::rules_loaded, audit_code::exclusions_summary,
                                audit_code::logs_created, audit_code::content_frozen, audit_code::analysis_finished}) {
    EXPECT_TRUE(contains(codes, code)) << static_cast<int>(code);
  }
}

// The budget rule (SPEC §13): the seeds' messages are paid first, then the recipients in a
// seeded order while their messages fit; the rest are excluded as over_budget, whatever the
// target's order.
TEST_F(tracker_test, a_budget_keeps_the_recipients_whose_messages_fit_it_in_a_seeded_order) {
  connector_profile priced{"priced", id_normalization::as_is, {}, std::nullopt,
                           price_list{"EUR", {{"FR", std::nullopt, std::nullopt, 45'000}}}};
  ASSERT_TRUE(engine.register_connector(priced).has_value());
  const auto analysed = [&](std::vector<recipient> target) {
    delivery_draft draft{"Budget", "Hello", "ACME", {}};
    draft.settings.connector = "priced";
    const delivery_id id = engine.create_delivery(draft).value();
    typology rules;
    rules.settings.budget = 450'000;  // ten messages of one part
    rules.seed = 7;
    const analysis_report report = engine.analyse(id, target, rules).value();
    EXPECT_EQ(report.to_deliver, 9U) << "the seed's message is paid first";
    EXPECT_EQ(report.causes.back(), (exclusion_cause{"budget", failure_reason::over_budget, 11}));
    std::vector<std::string> kept;
    for (const delivery_log& log : engine.logs(id, {}).value()) kept.push_back(log.address.to_string());
    std::sort(kept.begin(), kept.end());
    EXPECT_EQ(engine.indicators_of(id).value().cost.estimated, 450'000U - 45'000U) << "seeds are left out of the figures";
    const auto excluded = engine.exclusions(id, {failure_reason::over_budget, 0, 100}).value();
    EXPECT_EQ(excluded.size(), 11U);
    EXPECT_EQ(excluded.front().text, "beyond the budget of 0.45 EUR");
    return kept;
  };
  std::vector<recipient> target = make_target(20);
  target.push_back({99, "+33611111111", true});  // a seed
  const std::vector<std::string> in_order = analysed(target);
  EXPECT_EQ(in_order.size(), 10U);
  std::shuffle(target.begin(), target.end(), std::mt19937(3));
  EXPECT_EQ(analysed(target), in_order) << "the same recipients whatever the order";
}

TEST_F(tracker_test, a_budget_needs_prices_and_excludes_what_no_rule_prices) {
  delivery_draft draft{"Budget", "Hello", "ACME", {}};
  draft.settings.connector = "unpriced";
  const delivery_id id = engine.create_delivery(draft).value();
  typology rules;
  rules.settings.budget = 1'000'000;
  const auto refused = engine.analyse(id, make_target(3), rules);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), errc::invalid_settings);
  EXPECT_EQ(refused.error().detail(), "a budget needs the prices of connector 'unpriced' (connector_profile::prices)");
  EXPECT_EQ(state_of(id), delivery_state::editing) << "refused before any change";

  ASSERT_TRUE(engine.register_connector({"unpriced", id_normalization::as_is, {}, std::nullopt,
                                         price_list{"EUR", {{"DE", std::nullopt, std::nullopt, 70'000}}}}).has_value());
  std::vector<recipient> target = make_target(2);  // French numbers: no price
  target.push_back({3, "+4915112345678", false});
  const analysis_report report = engine.analyse(id, target, rules).value();
  EXPECT_EQ(report.to_deliver, 1U);
  const auto excluded = engine.exclusions(id, {failure_reason::over_budget, 0, 10}).value();
  ASSERT_EQ(excluded.size(), 2U);
  EXPECT_EQ(excluded[0].text, "no price for +33600000000 on this connector");
  rules.proof = true;
  EXPECT_EQ(engine.analyse(id, target, rules).value().to_deliver, 3U) << "a proof skips the budget";
}

TEST_F(tracker_test, analysis_is_repeatable_and_replaces_the_previous_one) {
  const delivery_id id = create();
  const auto target = make_target(50);
  const analysis_report first = engine.analyse(id, target).value();
  const auto first_logs = engine.logs(id, {std::nullopt, 0, 1000}).value();
  const analysis_report second = engine.analyse(id, target).value();
  EXPECT_EQ(first.logs_created, second.logs_created);
  EXPECT_EQ(engine.logs(id, {std::nullopt, 0, 1000}).value(), first_logs);
  const indicators incremental = engine.indicators_of(id).value();
  EXPECT_EQ(incremental, engine.recompute(id).value());
  EXPECT_TRUE(contains(journal_codes(id), audit_code::analysis_discarded));
}

TEST_F(tracker_test, shuffled_and_duplicated_targets_give_the_same_audience) {
  const auto target = make_target(200);
  std::vector<recipient> noisy = target;
  noisy.insert(noisy.end(), target.begin(), target.begin() + 40);
  std::shuffle(noisy.begin(), noisy.end(), std::mt19937(3));
  const delivery_id a = create();
  const delivery_id b = create();
  ASSERT_TRUE(engine.analyse(a, target).has_value());
  const analysis_report report = engine.analyse(b, noisy).value();
  EXPECT_EQ(report.to_deliver, 200U);
  EXPECT_EQ(report.rejected, 40U);
  auto addresses = [&](delivery_id id) {
    std::vector<std::uint64_t> out;
    for (const auto& log : engine.logs(id, {std::nullopt, 0, 1000}).value()) out.push_back(log.address.digits());
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(addresses(a), addresses(b));
}

TEST_F(tracker_test, content_is_frozen_after_analysis) {
  const delivery_id id = create();
  ASSERT_TRUE(engine.edit_content(id, "New text").has_value());
  EXPECT_EQ(engine.get_delivery(id).value().content, "New text");
  ASSERT_TRUE(engine.analyse(id, make_target(3)).has_value());
  const auto refused = engine.edit_content(id, "Too late");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(), errc::content_frozen);
  EXPECT_EQ(engine.get_delivery(id).value().content, "New text");
  ASSERT_TRUE(engine.start(id, "op").has_value());
  EXPECT_EQ(engine.edit_content(id, "Later").error(), errc::content_frozen);
  EXPECT_EQ(engine.edit_content(id, "bad \xFF").error(), errc::invalid_text);
  EXPECT_EQ(engine.edit_content(id, "Hi {{}}").error(), errc::invalid_text);
}

TEST_F(tracker_test, reopen_returns_to_editing_and_discards_the_analysis) {
  const delivery_id id = create();
  ASSERT_TRUE(engine.analyse(id, make_target(5)).has_value());
  ASSERT_TRUE(engine.reopen(id).has_value());
  EXPECT_EQ(state_of(id), delivery_state::editing);
  EXPECT_TRUE(engine.logs(id, {}).value().empty());
  EXPECT_EQ(engine.indicators_of(id).value().to_deliver, 0U);
  EXPECT_TRUE(engine.edit_content(id, "again").has_value());
  EXPECT_EQ(engine.reopen(id).error(), errc::illegal_transition);
}

TEST_F(tracker_test, start_pause_resume_stop_follow_the_lifecycle) {
  const delivery_id id = create();
  EXPECT_EQ(engine.start(id, "op").error(), errc::illegal_transition) << "not analysed";
  ASSERT_TRUE(engine.analyse(id, make_target(4)).has_value());
  ASSERT_TRUE(engine.start(id, "alice").has_value());
  const delivery d = engine.get_delivery(id).value();
  EXPECT_EQ(d.state, delivery_state::start_pending);
  EXPECT_EQ(d.started_by, "alice");
  EXPECT_EQ(d.validity_end, clock.now() + std::chrono::days{5});
  ASSERT_TRUE(change(id, {{1, log_status::sent_to_provider}}).has_value());
  EXPECT_EQ(state_of(id), delivery_state::in_progress);
  ASSERT_TRUE(engine.pause(id).has_value());
  EXPECT_EQ(state_of(id), delivery_state::paused);
  EXPECT_EQ(engine.pause(id).error(), errc::illegal_transition);
  ASSERT_TRUE(engine.resume(id).has_value());
  EXPECT_EQ(state_of(id), delivery_state::in_progress);
  ASSERT_TRUE(engine.stop(id, "bob").has_value());
  EXPECT_EQ(state_of(id), delivery_state::stopped);
  const auto resumed = engine.resume(id);
  ASSERT_FALSE(resumed.has_value());
  EXPECT_EQ(resumed.error(), errc::illegal_transition);
  EXPECT_EQ(resumed.error().detail(), "stopped -> in_progress");
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.canceled, 3U) << "stopping cancels the pending logs";
  EXPECT_EQ(figures.pending, 1U) << "the message handed to the provider stays";
  const auto codes = journal_codes(id);
  for (const audit_code code : {audit_code::delivery_started, audit_code::delivery_paused, audit_code::delivery_resumed,
                                audit_code::delivery_stopped, audit_code::logs_canceled}) {
    EXPECT_TRUE(contains(codes, code)) << static_cast<int>(code);
  }
}

TEST_F(tracker_test, automatic_approval_starts_after_analysis) {
  const delivery_id automatic = create(approval_mode::automatic);
  EXPECT_EQ(engine.analyse(automatic, make_target(2)).value().state, delivery_state::start_pending);
  const delivery_id semi = create(approval_mode::semi_automatic);
  EXPECT_EQ(engine.analyse(semi, make_target(2)).value().state, delivery_state::start_pending);
  const delivery_id warned = create(approval_mode::semi_automatic);
  std::vector<recipient> empty;
  const analysis_report report = engine.analyse(warned, empty).value();
  EXPECT_FALSE(report.warnings.empty());
  EXPECT_EQ(report.state, delivery_state::ready) << "a warning holds a semi-automatic delivery";
}

TEST_F(tracker_test, log_updates_report_an_outcome_per_change) {
  const delivery_id id = started(3);
  std::vector<change_outcome> out;
  const update_summary summary = change(id, {{1, log_status::sent_to_provider},
                                             {1, log_status::taken_into_account, {}, {}, "p-1"},
                                             {2, log_status::received_on_mobile},
                                             {2, log_status::received_on_mobile},
                                             {2, log_status::sent_to_provider},
                                             {77, log_status::failed}},
                                        &out)
                                     .value();
  EXPECT_EQ(out, (std::vector<change_outcome>{change_outcome::applied, change_outcome::applied, change_outcome::applied,
                                              change_outcome::unchanged, change_outcome::illegal_transition,
                                              change_outcome::unknown_log}));
  EXPECT_EQ(summary.applied, 3U);
  EXPECT_EQ(summary.unchanged, 1U);
  EXPECT_EQ(summary.refused, 2U);
  const auto logs = engine.logs(id, {}).value();
  EXPECT_EQ(logs[0].status, log_status::taken_into_account);
  EXPECT_EQ(logs[0].provider_id, "p-1");
  EXPECT_EQ(logs[1].status, log_status::received_on_mobile);
  ASSERT_TRUE(change(id, {{3, log_status::taken_into_account, {}, {}, "p-1"}}, &out).has_value());
  EXPECT_EQ(out[0], change_outcome::provider_id_taken);
}

TEST_F(tracker_test, log_updates_need_a_started_delivery_and_matching_outcomes) {
  const delivery_id id = create();
  ASSERT_TRUE(engine.analyse(id, make_target(2)).has_value());
  EXPECT_EQ(change(id, {{1, log_status::sent_to_provider}}).error(), errc::illegal_transition);
  ASSERT_TRUE(engine.start(id, "op").has_value());
  const status_change changes[] = {{1, log_status::sent_to_provider}};
  EXPECT_EQ(engine.update_logs(id, changes, {}).error(), errc::invalid_argument);
  EXPECT_EQ(engine.logs(id, {}).value()[0].status, log_status::pending);
}

TEST_F(tracker_test, failures_keep_type_reason_and_text_and_retries_count) {
  const delivery_id id = started(1);
  ASSERT_TRUE(change(id, {{1, log_status::sent_to_provider},
                          {1, log_status::failed, failure_type::soft, failure_reason::mailbox_full, {}, "err:005"},
                          {1, log_status::pending},
                          {1, log_status::sent_to_provider},
                          {1, log_status::taken_into_account, failure_type::hard, failure_reason::user_unknown}})
                  .has_value());
  const delivery_log log = engine.logs(id, {}).value()[0];
  EXPECT_EQ(log.status, log_status::taken_into_account);
  EXPECT_EQ(log.reason, failure_reason::not_defined) << "a success carries no failure reason";
  EXPECT_EQ(log.retries, 1U);
  EXPECT_EQ(log.text, "err:005");
}

TEST_F(tracker_test, the_delivery_finishes_when_no_log_is_left_pending) {
  const delivery_id id = started(2);
  ASSERT_TRUE(change(id, {{1, log_status::taken_into_account}}).has_value());
  EXPECT_EQ(state_of(id), delivery_state::in_progress);
  ASSERT_TRUE(change(id, {{2, log_status::failed, failure_type::hard, failure_reason::user_unknown}}).has_value());
  const delivery d = engine.get_delivery(id).value();
  EXPECT_EQ(d.state, delivery_state::finished);
  EXPECT_EQ(d.finished, clock.now());
  EXPECT_TRUE(contains(journal_codes(id), audit_code::delivery_finished));
  ASSERT_TRUE(change(id, {{1, log_status::received_on_mobile}}).has_value()) << "late receipts still apply";
  EXPECT_EQ(engine.indicators_of(id).value().delivered, 1U);
}

TEST_F(tracker_test, validity_end_cancels_pending_logs_and_finishes) {
  const delivery_id id = started(5);
  ASSERT_TRUE(change(id, {{1, log_status::taken_into_account}}).has_value());
  clock.advance(std::chrono::days{4});
  EXPECT_FALSE(engine.check_validity(id).value());
  EXPECT_EQ(state_of(id), delivery_state::in_progress);
  clock.advance(std::chrono::days{1});
  EXPECT_TRUE(engine.check_validity(id).value());
  EXPECT_EQ(state_of(id), delivery_state::finished);
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.canceled, 4U);
  EXPECT_EQ(figures.success, 1U);
  EXPECT_EQ(figures.pending, 0U);
  EXPECT_FALSE(engine.check_validity(id).value()) << "only once";
  const auto codes = journal_codes(id);
  EXPECT_TRUE(contains(codes, audit_code::validity_ended));
  EXPECT_TRUE(contains(codes, audit_code::logs_canceled));
  EXPECT_EQ(figures, engine.recompute(id).value());
}

TEST_F(tracker_test, paused_deliveries_end_with_their_validity_too) {
  const delivery_id id = started(2);
  ASSERT_TRUE(engine.pause(id).has_value());
  clock.advance(std::chrono::days{6});
  EXPECT_TRUE(engine.check_validity(id).value());
  EXPECT_EQ(state_of(id), delivery_state::finished);
}

TEST_F(tracker_test, incremental_indicators_equal_a_recompute_after_random_traffic) {
  constexpr log_status statuses[] = {log_status::pending, log_status::sent_to_provider, log_status::taken_into_account,
                                     log_status::received_on_mobile, log_status::failed, log_status::ignored,
                                     log_status::canceled};
  constexpr failure_reason reasons[] = {failure_reason::user_unknown, failure_reason::unreachable,
                                        failure_reason::refused, failure_reason::not_connected};
  for (std::uint32_t seed = 0; seed < 5; ++seed) {
    std::mt19937 random(seed);
    const delivery_id id = started(300);
    for (int batch = 0; batch < 40; ++batch) {
      std::vector<status_change> changes;
      for (int i = 0; i < 50; ++i) {
        const failure_reason reason = reasons[random() % std::size(reasons)];
        changes.push_back({static_cast<log_id>(1 + random() % 300), statuses[random() % std::size(statuses)],
                           default_type(reason), reason});
      }
      ASSERT_TRUE(change(id, changes).has_value());
      clock.advance(std::chrono::seconds{random() % 600});
    }
    const indicators incremental = engine.indicators_of(id).value();
    const auto hour = engine.throughput(id, throughput_scale::twenty_four_hours).value();
    EXPECT_EQ(incremental, engine.recompute(id).value()) << "seed " << seed;
    EXPECT_EQ(hour, engine.throughput(id, throughput_scale::twenty_four_hours).value());
  }
}

TEST_F(tracker_test, the_same_updates_twice_change_nothing_the_second_time) {
  const delivery_id id = started(100);
  std::vector<status_change> changes;
  for (log_id log = 1; log <= 100; ++log) {
    changes.push_back({log, log % 3 == 0 ? log_status::failed : log_status::taken_into_account, failure_type::soft,
                       failure_reason::unreachable});
  }
  ASSERT_TRUE(change(id, changes).has_value());
  const indicators once = engine.indicators_of(id).value();
  const auto logs_once = engine.logs(id, {std::nullopt, 0, 1000}).value();
  clock.advance(std::chrono::minutes{3});
  const update_summary again = change(id, changes).value();
  EXPECT_EQ(again.applied, 0U);
  EXPECT_EQ(again.unchanged, 100U);
  EXPECT_EQ(engine.indicators_of(id).value(), once);
  EXPECT_EQ(engine.logs(id, {std::nullopt, 0, 1000}).value(), logs_once);
}

TEST_F(tracker_test, concurrent_updates_equal_a_sequential_run) {
  const delivery_id a = started(2000);
  const delivery_id b = started(2000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const delivery_id id = t % 2 == 0 ? a : b;
      for (log_id first = static_cast<log_id>(1 + (t / 2) * 1000); first <= static_cast<log_id>((t / 2 + 1) * 1000);
           first += 100) {
        std::vector<status_change> changes;
        for (log_id log = first; log < first + 100; ++log) changes.push_back({log, log_status::taken_into_account});
        std::vector<change_outcome> out(changes.size());
        EXPECT_TRUE(engine.update_logs(id, changes, out).has_value());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const delivery_id id : {a, b}) {
    const indicators figures = engine.indicators_of(id).value();
    EXPECT_EQ(figures.success, 2000U);
    EXPECT_EQ(figures, engine.recompute(id).value());
    EXPECT_EQ(state_of(id), delivery_state::finished);
  }
}

TEST_F(tracker_test, evicted_deliveries_reload_their_counters_from_the_store) {
  const delivery_id id = started(20);
  ASSERT_TRUE(change(id, {{1, log_status::taken_into_account}, {2, log_status::failed}}).has_value());
  const indicators before = engine.indicators_of(id).value();
  EXPECT_EQ(engine.cached_deliveries(), 1U);
  EXPECT_TRUE(engine.evict(id));
  EXPECT_FALSE(engine.evict(id));
  EXPECT_EQ(engine.cached_deliveries(), 0U);
  EXPECT_EQ(engine.indicators_of(id).value(), before);
  ASSERT_TRUE(change(id, {{3, log_status::taken_into_account}}).has_value());
  EXPECT_EQ(engine.indicators_of(id).value().success, 2U);
}

TEST_F(tracker_test, reading_the_record_does_not_load_the_counters) {
  const delivery_id id = started(5);
  ASSERT_TRUE(engine.evict(id));
  store.faults.arm(testing::part::logs, testing::fault::error);
  EXPECT_EQ(engine.get_delivery(id).value().state, delivery_state::start_pending) << "no log read needed";
  EXPECT_EQ(engine.indicators_of(id).error(), errc::storage_failure) << "the counters do need the logs";
  store.faults.disarm();
  EXPECT_EQ(engine.indicators_of(id).value().pending, 5U);
}

TEST_F(tracker_test, a_delivery_with_unwritten_journal_lines_is_kept) {
  const delivery_id id = started(2);
  store.faults.arm(testing::part::audit, testing::fault::error);
  EXPECT_FALSE(engine.pause(id).has_value());
  store.faults.disarm();
  EXPECT_FALSE(engine.evict(id)) << "its journal lines would be lost";
}

TEST_F(tracker_test, page_limits_are_checked) {
  const delivery_id id = create();
  EXPECT_EQ(engine.logs(id, {std::nullopt, 0, 0}).error(), errc::invalid_argument);
  EXPECT_EQ(engine.logs(id, {std::nullopt, 0, 10'001}).error(), errc::invalid_argument);
  audit_query query;
  query.limit = 0;
  EXPECT_EQ(engine.journal(id, query).error(), errc::invalid_argument);
}

}  // namespace
}  // namespace smstrack

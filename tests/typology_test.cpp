// The analysis under a typology (SPEC §8): each rule, its order, its settings, seeds, proofs,
// determinism, and refused typologies.
#include <smstrack/targeting/typology.hpp>

#include "engine_fixture.hpp"

#include <algorithm>
#include <map>
#include <random>

namespace smstrack {
namespace {

using testing::make_target;

// Knows the type of +33 numbers by their first national digit: 6 and 7 mobile, 1 to 5 fixed
// line, 8 toll free; +339 numbers are invalid; others unknown.
class french_validator final : public address_validator {
 public:
  void check(std::span<const phone_number> numbers, std::span<address_verdict> out) const override {
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      const std::string text = numbers[i].to_string();
      if (text.rfind("+33", 0) != 0) out[i] = {};
      else if (text[3] == '9') out[i] = {false, number_type::unknown};
      else if (text[3] == '6' || text[3] == '7') out[i] = {true, number_type::mobile};
      else if (text[3] == '8') out[i] = {true, number_type::toll_free};
      else out[i] = {true, number_type::fixed_line};
    }
  }
};

class typology_test : public testing::engine_test {
 protected:
  delivery_id create_with_short_code(std::string short_code) {
    delivery_draft draft{"Typology", "Hello", "ACME", {}};
    draft.settings.short_code = std::move(short_code);
    return engine.create_delivery(draft).value();
  }
  void quarantine(std::string_view address, quarantine_status status, std::string short_code = {},
                  failure_reason reason = failure_reason::user_unknown) {
    quarantine_entry entry;
    entry.address = phone_number::parse(address).value();
    entry.short_code = std::move(short_code);
    entry.status = status;
    entry.last_error_reason = reason;
    ASSERT_TRUE(store.inner.quarantine().upsert({&entry, 1}).has_value());
  }
  std::vector<exclusion_log> exclusions(delivery_id id) {
    exclusion_query query;
    query.limit = 10'000;
    return store.inner.exclusions().page(id, query).value();
  }
  std::map<std::string, failure_reason> excluded_by_address(delivery_id id) {
    std::map<std::string, failure_reason> out;
    for (const exclusion_log& row : exclusions(id)) out[row.address] = row.reason;
    return out;
  }
  std::vector<std::uint64_t> sent_addresses(delivery_id id) {
    std::vector<std::uint64_t> out;
    for (const auto& log : engine.logs(id, {std::nullopt, 0, 10'000}).value()) out.push_back(log.address.digits());
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(typology_test, each_rule_excludes_in_the_reference_order_with_its_reason_and_name) {
  const delivery_id id = create_with_short_code("36111");
  quarantine("+33600000003", quarantine_status::denylisted);
  quarantine("+33600000004", quarantine_status::quarantine);
  quarantine("+33600000005", quarantine_status::denylisted, "36111", failure_reason::opted_out);
  quarantine("+33600000006", quarantine_status::denylisted, {}, failure_reason::opted_out);
  quarantine("+33600000007", quarantine_status::denylisted, "99999", failure_reason::opted_out);  // another code
  quarantine("+33600000008", quarantine_status::with_errors);
  quarantine("+33142000009", quarantine_status::quarantine);  // quarantined and a landline: quarantine first
  typology rules;
  rules.numbering = {"33", "0", "00"};
  rules.validator = std::make_shared<french_validator>();
  rules.settings.exclude_non_mobile = true;
  rules.filters.push_back(make_filter_rule("closed accounts", [](const recipient& r, phone_number) { return r.key == 13; }));
  const std::vector<recipient> target = {
      {1, "", false},                     // address not specified
      {2, "06 12 AB", false},             // invalid phone number (syntax)
      {3, "+33 6 00 00 00 03", false},    // denylisted
      {4, "06.00.00.00.04", false},       // quarantined
      {5, "0033600000005", false},        // opted out of this short code
      {6, "+33600000006", false},         // opted out of every short code
      {7, "+33600000007", false},         // opted out of another short code: kept
      {8, "+33600000008", false},         // with errors: kept
      {9, "01 42 00 00 09", false},       // quarantined (before bad quality)
      {10, "+33912345678", false},        // invalid for its region
      {11, "01 42 00 00 11", false},      // bad quality (landline)
      {12, "+33 800 00 00 12", false},    // bad quality (toll free)
      {13, "+33600000013", false},        // filter rule
      {14, "+33600000007", false},        // duplicate of 7
      {15, " ", false},                   // blank: address not specified
  };
  const analysis_report report = engine.analyse(id, target, rules).value();
  const std::map<std::string, failure_reason> expected = {
      {"", failure_reason::address_not_specified},
      {"06 12 AB", failure_reason::invalid_phone_number},
      {"+33 6 00 00 00 03", failure_reason::denylisted_address},
      {"06.00.00.00.04", failure_reason::quarantined_address},
      {"0033600000005", failure_reason::opted_out},
      {"+33600000006", failure_reason::opted_out},
      {"01 42 00 00 09", failure_reason::quarantined_address},
      {"+33912345678", failure_reason::invalid_phone_number},
      {"01 42 00 00 11", failure_reason::bad_quality_address},
      {"+33 800 00 00 12", failure_reason::bad_quality_address},
      {"+33600000013", failure_reason::excluded_by_rule},
      {"+33600000007", failure_reason::duplicate},
      {" ", failure_reason::address_not_specified},
  };
  EXPECT_EQ(excluded_by_address(id), expected);
  EXPECT_EQ(report.initial_population, 15U);
  EXPECT_EQ(report.rejected, 13U);
  EXPECT_EQ(report.to_deliver, 2U);
  EXPECT_EQ(sent_addresses(id), (std::vector<std::uint64_t>{33600000007ULL, 33600000008ULL}));
  const std::vector<exclusion_cause> causes = {
      {"address not specified", failure_reason::address_not_specified, 2},
      {"invalid phone number", failure_reason::invalid_phone_number, 2},
      {"denylisted address", failure_reason::denylisted_address, 1},
      {"quarantined address", failure_reason::quarantined_address, 2},
      {"opted out", failure_reason::opted_out, 2},
      {"bad quality address", failure_reason::bad_quality_address, 2},
      {"closed accounts", failure_reason::excluded_by_rule, 1},
      {"deduplication", failure_reason::duplicate, 1}};
  EXPECT_EQ(report.causes, causes);
  for (const exclusion_log& row : exclusions(id)) {
    const auto cause = std::find_if(causes.begin(), causes.end(), [&](const auto& c) { return c.reason == row.reason; });
    EXPECT_EQ(row.rule, cause->rule);
    EXPECT_FALSE(row.text.empty()) << row.address;
  }
  EXPECT_NE(exclusions(id)[1].text.find("non-digit"), std::string::npos) << "an invalid address says why";
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.rejected, 13U);
  EXPECT_EQ(figures, engine.recompute(id).value());
}

TEST_F(typology_test, the_journal_lists_the_rules_loaded_and_each_rules_volume_zero_included) {
  const delivery_id id = create();
  typology rules;
  rules.filters.push_back(make_filter_rule("nobody", [](const recipient&, phone_number) { return false; }));
  ASSERT_TRUE(engine.analyse(id, make_target(5), rules).has_value());
  audit_query query;
  query.limit = 100;
  std::vector<std::string> lines;
  for (const audit_event& e : engine.journal(id, query).value()) {
    if (e.code == audit_code::rules_loaded || e.code == audit_code::exclusions_summary) lines.push_back(e.message);
  }
  std::reverse(lines.begin(), lines.end());
  ASSERT_EQ(lines.size(), 8U);
  EXPECT_EQ(lines[0],
            "7 typology rule(s) loaded: address not specified, invalid phone number, denylisted address, "
            "quarantined address, opted out, nobody, deduplication");
  EXPECT_EQ(lines[6], "Rule 'nobody': 0 address(es) excluded");
}

TEST_F(typology_test, settings_turn_rules_off) {
  quarantine("+33600000001", quarantine_status::quarantine);
  quarantine("+33600000002", quarantine_status::denylisted, "36111", failure_reason::opted_out);
  std::vector<recipient> target = make_target(3);
  target.push_back({4, "+33600000003", false});
  target.push_back({5, "+33600000003", false});  // same number, another recipient: kept
  target.push_back({5, "+33600000003", false});  // same number, same recipient: a duplicate
  typology rules;
  rules.settings.exclude_quarantined = false;
  rules.settings.exclude_opted_out = false;
  rules.settings.keep_duplicates_of_distinct_recipients = true;
  const delivery_id id = create_with_short_code("36111");
  const analysis_report report = engine.analyse(id, target, rules).value();
  EXPECT_EQ(report.rejected, 1U);
  EXPECT_EQ(excluded_by_address(id), (std::map<std::string, failure_reason>{{"+33600000003", failure_reason::duplicate}}));
  rules.settings.exclude_duplicates = false;
  const delivery_id all = create_with_short_code("36111");
  EXPECT_EQ(engine.analyse(all, target, rules).value().rejected, 0U);
  for (const exclusion_cause& cause : engine.analyse(all, target, rules).value().causes) {
    EXPECT_NE(cause.rule, "quarantined address");
    EXPECT_NE(cause.rule, "opted out");
    EXPECT_NE(cause.rule, "deduplication");
  }
}

TEST_F(typology_test, the_row_kept_among_duplicates_does_not_depend_on_the_targets_order) {
  std::vector<recipient> target = {{7, "+33600000001", false}, {3, "0033600000001", false}, {5, "+33 6 00 00 00 01", false}};
  typology rules;
  const delivery_id a = create();
  ASSERT_TRUE(engine.analyse(a, target, rules).has_value());
  std::reverse(target.begin(), target.end());
  const delivery_id b = create();
  ASSERT_TRUE(engine.analyse(b, target, rules).has_value());
  for (const delivery_id id : {a, b}) {
    const auto logs = engine.logs(id, {}).value();
    ASSERT_EQ(logs.size(), 1U);
    EXPECT_EQ(logs[0].recipient, 3U);
  }
}

TEST_F(typology_test, seeds_are_never_excluded_unless_their_address_is_unusable) {
  quarantine("+33600000001", quarantine_status::denylisted);
  std::vector<recipient> target = make_target(3);
  target.push_back({90, "+33600000001", true});  // denylisted, duplicate: still sent
  target.push_back({91, "+33600000001", true});
  target.push_back({92, "not a number", true});   // unusable: excluded, not counted
  typology rules;
  rules.settings.limit_delivery_size = 1;
  rules.control.size = 1;
  rules.filters.push_back(make_filter_rule("everyone", [](const recipient&, phone_number) { return true; }));
  const delivery_id id = create();
  const analysis_report report = engine.analyse(id, target, rules).value();
  EXPECT_EQ(report.seeds, 3U);
  EXPECT_EQ(report.initial_population, 3U);
  EXPECT_EQ(report.rejected, 3U);
  EXPECT_EQ(report.logs_created, 2U);
  EXPECT_EQ(excluded_by_address(id)["not a number"], failure_reason::invalid_phone_number);
}

TEST_F(typology_test, a_proof_keeps_denylisted_quarantined_and_opted_out_addresses) {
  quarantine("+33600000001", quarantine_status::denylisted);
  quarantine("+33600000002", quarantine_status::quarantine);
  quarantine("+33600000003", quarantine_status::denylisted, "36111", failure_reason::opted_out);
  typology rules;
  rules.proof = true;
  rules.settings.limit_delivery_size = 1;
  rules.control.percent = 50;
  rules.pressure.push_back({"weekly", 1, std::chrono::hours{24 * 7}});
  const delivery_id id = create_with_short_code("36111");
  const analysis_report report = engine.analyse(id, make_target(4), rules).value();
  EXPECT_TRUE(report.proof);
  EXPECT_EQ(report.rejected, 0U);
  EXPECT_EQ(report.logs_created, 4U);
  rules.settings.proof_keeps_excluded_addresses = false;
  EXPECT_EQ(engine.analyse(id, make_target(4), rules).value().rejected, 3U);
}

TEST_F(typology_test, capacity_and_control_group_choose_the_same_recipients_whatever_the_order) {
  typology rules;
  rules.seed = 42;
  rules.settings.limit_delivery_size = 600;
  rules.control.percent = 10;
  std::vector<recipient> target = make_target(1000);
  const delivery_id a = create();
  const analysis_report report = engine.analyse(a, target, rules).value();
  EXPECT_EQ(report.causes.back(), (exclusion_cause{"control group", failure_reason::control_address, 60}));
  EXPECT_EQ(report.causes[report.causes.size() - 2],
            (exclusion_cause{"target size limit", failure_reason::target_size_limit, 400}));
  EXPECT_EQ(report.to_deliver, 540U);
  std::shuffle(target.begin(), target.end(), std::mt19937(7));
  const delivery_id b = create();
  ASSERT_TRUE(engine.analyse(b, target, rules).has_value());
  EXPECT_EQ(sent_addresses(a), sent_addresses(b));
  EXPECT_EQ(excluded_by_address(a), excluded_by_address(b));
  rules.seed = 43;
  const delivery_id c = create();
  ASSERT_TRUE(engine.analyse(c, target, rules).has_value());
  EXPECT_NE(sent_addresses(a), sent_addresses(c));
  rules.control = {25, 0};
  const delivery_id d = create();
  EXPECT_EQ(engine.analyse(d, target, rules).value().causes.back().count, 25U);
}

TEST_F(typology_test, re_analysis_replaces_the_exclusions_and_is_repeatable) {
  typology rules;
  rules.control.size = 3;
  std::vector<recipient> target = make_target(20);
  target.push_back({21, "", false});
  const delivery_id id = create();
  ASSERT_TRUE(engine.analyse(id, target, rules).has_value());
  const auto first = exclusions(id);
  ASSERT_TRUE(engine.analyse(id, target, rules).has_value());
  EXPECT_EQ(exclusions(id), first);
  EXPECT_EQ(first.size(), 4U);
}

TEST_F(typology_test, pressure_rules_count_the_messages_of_earlier_deliveries_within_their_period) {
  // Two earlier deliveries: one a week ago to recipients 1-4, one today to recipients 1-2.
  const delivery_id last_week = create();
  ASSERT_TRUE(engine.analyse(last_week, make_target(4)).has_value());
  clock.advance(std::chrono::hours{24 * 6});
  const delivery_id today = create();
  ASSERT_TRUE(engine.analyse(today, make_target(2)).has_value());
  ASSERT_TRUE(engine.start(today, "op").has_value());
  std::vector<change_outcome> outcomes;
  ASSERT_TRUE(change(today, {{2, log_status::failed, failure_type::soft, failure_reason::unreachable, {}, {}}}, &outcomes));
  clock.advance(std::chrono::hours{1});
  typology rules;
  rules.pressure.push_back({"two a week", 2, std::chrono::hours{24 * 7}});
  rules.pressure.push_back({"one a day", 1, std::chrono::hours{24}});
  std::vector<recipient> target = make_target(5);
  const delivery_id id = create();
  const analysis_report report = engine.analyse(id, target, rules).value();
  // Recipient 1: 2 messages this week. Recipient 2: its message today failed, so 1 this week
  // and none today. Recipients 3-4: 1 message six days ago. Recipient 5: none.
  const std::map<std::string, failure_reason> expected = {{"+33600000000", failure_reason::excluded_by_arbitration}};
  EXPECT_EQ(excluded_by_address(id), expected);
  EXPECT_EQ(exclusions(id)[0].rule, "two a week");
  EXPECT_EQ(exclusions(id)[0].text, "2 message(s) within 7d, at most 2");
  EXPECT_EQ(report.causes[report.causes.size() - 2], (exclusion_cause{"two a week", failure_reason::excluded_by_arbitration, 1}));
  EXPECT_EQ(report.causes.back(), (exclusion_cause{"one a day", failure_reason::excluded_by_arbitration, 0}));
  clock.advance(std::chrono::hours{24 * 2});  // last week's delivery leaves the period
  EXPECT_EQ(engine.analyse(id, target, rules).value().rejected, 0U);
}

TEST_F(typology_test, pressure_counts_the_rows_a_delivery_keeps_when_duplicates_stay) {
  typology rules;
  rules.settings.keep_duplicates_of_distinct_recipients = true;
  rules.pressure.push_back({"once", 1, std::chrono::hours{24}});
  const std::vector<recipient> target = {{1, "+33600000001", false}, {2, "+33600000001", false}};
  const delivery_id id = create();
  const analysis_report report = engine.analyse(id, target, rules).value();
  EXPECT_EQ(report.rejected, 1U);
  EXPECT_EQ(exclusions(id)[0].text, "1 message(s) within 1d, at most 1");
}

TEST_F(typology_test, a_refused_typology_changes_nothing) {
  const delivery_id id = create();
  const struct {
    typology rules;
    const char* detail;
  } cases[] = {
      {[] { typology t; t.numbering.country_code = "0"; return t; }(), "country_code"},
      {[] { typology t; t.filters.push_back(nullptr); return t; }(), "filter rule 1 is null"},
      {[] { typology t; t.filters.push_back(make_filter_rule("", [](const recipient&, phone_number) { return true; })); return t; }(), "empty name"},
      {[] { typology t; t.filters.push_back(make_filter_rule(std::string(65, 'x'), [](const recipient&, phone_number) { return true; })); return t; }(), "longer than 64"},
      {[] { typology t; t.filters.push_back(make_filter_rule("\xff", [](const recipient&, phone_number) { return true; })); return t; }(), "UTF-8"},
      {[] { typology t; t.filters.push_back(make_filter_rule("deduplication", [](const recipient&, phone_number) { return true; })); return t; }(), "used twice"},
      {[] { typology t; t.filters.push_back(make_filter_rule("x", [](const recipient&, phone_number) { return true; }, failure_reason::user_unknown)); return t; }(), "must exclude with"},
      {[] { typology t; t.pressure.push_back({"weekly", 0, std::chrono::hours{1}}); return t; }(), "allows 0 messages"},
      {[] { typology t; t.pressure.push_back({"weekly", 1, duration::zero()}); return t; }(), "period <= 0"},
      {[] { typology t; t.pressure.push_back({"a", 1, std::chrono::hours{1}}); t.pressure.push_back({"a", 2, std::chrono::hours{1}}); return t; }(), "used twice"},
      {[] { typology t; t.control = {5, 10}; return t; }(), "both a size and a percent"},
      {[] { typology t; t.control.percent = 101; return t; }(), "between 0 and 100"},
      {[] { typology t; t.control.percent = std::nan(""); return t; }(), "between 0 and 100"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(validate(c.rules).error(), errc::invalid_settings) << c.detail;
    const auto analysed = engine.analyse(id, make_target(3), c.rules);
    ASSERT_FALSE(analysed.has_value()) << c.detail;
    EXPECT_EQ(analysed.error(), errc::invalid_settings);
    EXPECT_NE(analysed.error().detail().find(c.detail), std::string::npos) << analysed.error().detail();
  }
  EXPECT_EQ(state_of(id), delivery_state::editing);
  EXPECT_TRUE(engine.logs(id, {}).value().empty());
  EXPECT_TRUE(journal_codes(id).size() == 1U) << "only the creation is journaled";
}

TEST_F(typology_test, a_throwing_filter_rule_fails_the_analysis_and_leaves_nothing) {
  typology rules;
  rules.filters.push_back(make_filter_rule("broken", [](const recipient& r, phone_number) -> bool {
    if (r.key == 3) throw std::runtime_error("segment service down");
    return false;
  }));
  const delivery_id id = create();
  const auto analysed = engine.analyse(id, make_target(5), rules);
  ASSERT_FALSE(analysed.has_value());
  EXPECT_EQ(analysed.error(), errc::invalid_argument);
  EXPECT_NE(analysed.error().detail().find("'broken' threw: segment service down"), std::string::npos);
  EXPECT_EQ(state_of(id), delivery_state::preparation_failed);
  EXPECT_TRUE(engine.logs(id, {}).value().empty());
  EXPECT_TRUE(exclusions(id).empty());
}

TEST_F(typology_test, a_throwing_validator_fails_the_analysis_and_leaves_nothing) {
  class broken_validator final : public address_validator {
   public:
    void check(std::span<const phone_number>, std::span<address_verdict>) const override {
      throw std::runtime_error("metadata not loaded");
    }
  };
  typology rules;
  rules.validator = std::make_shared<broken_validator>();
  const delivery_id id = create();
  const auto analysed = engine.analyse(id, make_target(3), rules);
  ASSERT_FALSE(analysed.has_value());
  EXPECT_EQ(analysed.error(), errc::invalid_argument);
  EXPECT_NE(analysed.error().detail().find("validator threw: metadata not loaded"), std::string::npos);
  EXPECT_EQ(state_of(id), delivery_state::preparation_failed);
  EXPECT_TRUE(engine.logs(id, {}).value().empty());
}

TEST_F(typology_test, a_quarantine_read_failure_fails_the_analysis_and_leaves_nothing) {
  const delivery_id id = create();
  std::vector<recipient> target = make_target(5);
  target.push_back({6, "", false});
  ASSERT_TRUE(engine.indicators_of(id).has_value());  // loads the counters before the fault is armed
  store.faults.arm(testing::part::quarantine, testing::fault::error);
  const auto analysed = engine.analyse(id, target);
  store.faults.disarm();
  ASSERT_FALSE(analysed.has_value());
  EXPECT_EQ(analysed.error(), errc::storage_failure) << analysed.error().message();
  EXPECT_EQ(state_of(id), delivery_state::preparation_failed);
  EXPECT_TRUE(engine.logs(id, {}).value().empty());
  EXPECT_TRUE(exclusions(id).empty());
  EXPECT_EQ(engine.analyse(id, target).value().rejected, 1U) << "a later analysis succeeds";
}

TEST_F(typology_test, a_failed_history_read_or_rule_declaration_fails_the_analysis) {
  typology rules;
  rules.pressure.push_back({"weekly", 1, std::chrono::hours{24 * 7}});
  std::uint64_t first = 33'600'000'000ULL;
  for (const testing::part failing : {testing::part::logs, testing::part::exclusions}) {
    std::vector<recipient> target = make_target(10, first += 1000);  // apart from the other pass's pressure
    target.push_back({99, "", false});
    const delivery_id id = create();
    ASSERT_TRUE(engine.indicators_of(id).has_value());  // loads the counters before the fault is armed
    // logs: the history read is the part's first call; exclusions: the rows pass, the rules fail.
    store.faults.arm(failing, testing::fault::exception, failing == testing::part::exclusions ? 1 : 0);
    const auto analysed = engine.analyse(id, target, rules);
    store.faults.disarm();
    ASSERT_FALSE(analysed.has_value());
    EXPECT_EQ(analysed.error(), errc::storage_failure);
    EXPECT_EQ(state_of(id), delivery_state::preparation_failed);
    const analysis_report again = engine.analyse(id, target, rules).value();
    EXPECT_EQ(again.rejected, 1U);
    EXPECT_EQ(engine.exclusion_causes(id).value(), again.causes) << "the retry replaces what was left";
  }
}

}  // namespace
}  // namespace smstrack

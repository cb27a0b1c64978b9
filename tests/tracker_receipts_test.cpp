// The tracker's receipt path (tracker.hpp, SPEC §5-§6): acks, receipts, held receipts,
// qualification, quarantine, retries and the receipt horizon.
#include <smstrack/engine/tracker.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

namespace smstrack {
namespace {

using namespace std::chrono_literals;
using namespace std::string_literals;
using namespace std::string_view_literals;
using testing::make_target;

class receipts_test : public testing::engine_test {
 protected:
  static constexpr std::string_view connector = "smpp-a";

  delivery_id started_on(std::size_t recipients, std::string_view route = connector) {
    delivery_draft draft{"Receipts", "Hello", "ACME", {}};
    draft.settings.connector = std::string(route);
    const delivery_id id = engine.create_delivery(draft).value();
    EXPECT_TRUE(engine.analyse(id, make_target(recipients)).has_value());
    EXPECT_TRUE(engine.start(id, "tester").has_value());
    return id;
  }
  std::vector<ack_outcome> ack(delivery_id id, std::vector<message_ack> acks) {
    std::vector<ack_outcome> out(acks.size());
    EXPECT_TRUE(engine.on_ack(id, acks, out).has_value());
    return out;
  }
  ack_outcome ack_one(delivery_id id, log_id log, std::string_view message_id, std::uint32_t status = 0) {
    return ack(id, {{log, message_id, status, false}}).front();
  }
  std::vector<receipt_outcome> receive(std::vector<incoming_receipt> receipts, std::string_view route = connector) {
    std::vector<receipt_outcome> out(receipts.size());
    EXPECT_TRUE(engine.on_receipts(route, receipts, out).has_value());
    return out;
  }
  receipt_outcome receive_one(std::string_view text, receipt_tlvs tlvs = {}) {
    return receive({{text, tlvs}}).front();
  }
  std::optional<qualification_entry> qualification_of(std::string_view key) {
    const std::string_view keys[] = {key};
    std::optional<qualification_entry> out[1];
    EXPECT_TRUE(store.inner.qualification().get(keys, out).has_value());
    return out[0];
  }
  void expect_indicators_match_a_recompute(delivery_id id) {
    const indicators incremental = engine.indicators_of(id).value();
    EXPECT_EQ(incremental, engine.recompute(id).value());
  }
};

TEST_F(receipts_test, an_ack_then_a_delivered_receipt_confirm_the_message) {
  const delivery_id id = started_on(3);
  EXPECT_EQ(ack_one(id, 1, "ab1"), ack_outcome::accepted);
  EXPECT_EQ(log_of(id, 1).status, log_status::taken_into_account);
  EXPECT_EQ(log_of(id, 1).provider_id, "ab1");
  EXPECT_EQ(receive_one("id:ab1 sub:001 dlvrd:001 submit date:2611240830 done date:2611240831 stat:DELIVRD err:000"),
            receipt_outcome::applied);
  EXPECT_EQ(log_of(id, 1).status, log_status::received_on_mobile);
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.delivered, 1U);
  EXPECT_EQ(figures.success, 1U);
  expect_indicators_match_a_recompute(id);
}

TEST_F(receipts_test, duplicates_intermediates_and_late_receipts_change_nothing) {
  const delivery_id id = started_on(2);
  ack_one(id, 1, "m1");
  EXPECT_EQ(ack_one(id, 1, "m1"), ack_outcome::duplicate);
  EXPECT_EQ(receive_one("id:m1 stat:ENROUTE"), receipt_outcome::intermediate);
  EXPECT_EQ(log_of(id, 1).status, log_status::taken_into_account);
  EXPECT_EQ(receive_one("id:m1 stat:DELIVRD"), receipt_outcome::applied);
  const delivery_log delivered = log_of(id, 1);
  EXPECT_EQ(receive_one("id:m1 stat:DELIVRD"), receipt_outcome::duplicate);
  EXPECT_EQ(receive_one("id:m1 stat:ACCEPTD"), receipt_outcome::intermediate) << "a final status never regresses";
  EXPECT_EQ(log_of(id, 1), delivered);
  EXPECT_FALSE(qualification_of("SR smpp-a UNDELIV 001")) << "no failure was counted";
  ack_one(id, 2, "m2");
  EXPECT_EQ(receive_one("id:m2 stat:UNDELIV err:001"), receipt_outcome::applied);
  const delivery_log failed = log_of(id, 2);
  EXPECT_EQ(receive_one("id:m2 stat:UNDELIV err:001"), receipt_outcome::duplicate);
  EXPECT_EQ(receive_one("id:m2 stat:DELIVRD"), receipt_outcome::duplicate) << "a failure wins (SPEC 6.7)";
  EXPECT_EQ(log_of(id, 2), failed);
  EXPECT_EQ(qualification_of("SR smpp-a UNDELIV 001").value().occurrences, 1U) << "counted once";
}

TEST_F(receipts_test, an_error_receipt_is_qualified_and_provisions_an_entry) {
  const delivery_id id = started_on(3);
  ack(id, {{1, "e1", 0, false}, {2, "e2", 0, false}});
  EXPECT_EQ(receive_one("id:e1 stat:UNDELIV err:034 text:Hi"), receipt_outcome::applied);
  const delivery_log failed = log_of(id, 1);
  EXPECT_EQ(failed.status, log_status::failed);
  EXPECT_EQ(failed.type, failure_type::soft);
  EXPECT_EQ(failed.reason, failure_reason::refused);
  EXPECT_EQ(failed.text, "id:e1 stat:UNDELIV err:034 text:Hi");
  const auto entry = qualification_of("SR smpp-a UNDELIV 034");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->status, qualification_status::to_qualify);
  EXPECT_EQ(entry->occurrences, 1U);
  EXPECT_EQ(entry->first_text, "id:e1 stat:UNDELIV err:034 text:Hi");
  EXPECT_EQ(receive_one("id:e2 stat:UNDELIV err:034"), receipt_outcome::applied);
  EXPECT_EQ(receive_one("id:e2 stat:UNDELIV err:034"), receipt_outcome::duplicate);
  EXPECT_EQ(qualification_of("SR smpp-a UNDELIV 034")->occurrences, 2U);
  EXPECT_EQ(qualification_of("SR smpp-a UNDELIV 034")->first_text, "id:e1 stat:UNDELIV err:034 text:Hi");
  EXPECT_EQ(quarantine_of(0)->status, quarantine_status::with_errors);
  expect_indicators_match_a_recompute(id);
}

TEST_F(receipts_test, a_batch_counts_each_key_once_per_applied_error_and_keeps_the_first_text) {
  const delivery_id id = started_on(5);
  ack(id, {{1, "e1", 0, false}, {2, "e2", 0, false}, {3, "e3", 0, false}, {4, "e4", 0, false}});
  const auto out = receive({{"id:e1 stat:UNDELIV err:034 text:first", {}},
                            {"id:e2 stat:UNDELIV err:001", {}},
                            {"id:e3 stat:UNDELIV err:034 text:second", {}},
                            {"id:e1 stat:UNDELIV err:034 text:first", {}},  // a duplicate: not counted
                            {"id:e4 stat:UNDELIV err:034", {}}});
  EXPECT_EQ(out, (std::vector<receipt_outcome>{receipt_outcome::applied, receipt_outcome::applied,
                                               receipt_outcome::applied, receipt_outcome::duplicate,
                                               receipt_outcome::applied}));
  EXPECT_EQ(qualification_of("SR smpp-a UNDELIV 034")->occurrences, 3U);
  EXPECT_EQ(qualification_of("SR smpp-a UNDELIV 034")->first_text, "id:e1 stat:UNDELIV err:034 text:first");
  EXPECT_EQ(qualification_of("SR smpp-a UNDELIV 001")->occurrences, 1U);
  for (const log_id log : {1U, 2U, 3U, 4U}) EXPECT_EQ(log_of(id, log).reason, failure_reason::refused);
  expect_indicators_match_a_recompute(id);
}

TEST_F(receipts_test, a_failed_log_keeps_the_receipt_text_made_storable) {
  const delivery_id id = started_on(3);
  ack(id, {{1, "e1", 0, false}, {2, "e2", 0, false}});
  const std::string long_text = "id:e2 stat:UNDELIV err:034 text:" + std::string(2'000, 'x');
  const auto out = receive({{"id:e1 stat:UNDELIV err:034 text:caf\xE9", {}}, {long_text, {}}});
  EXPECT_EQ(out, std::vector<receipt_outcome>(2, receipt_outcome::applied));
  EXPECT_EQ(log_of(id, 1).text, "id:e1 stat:UNDELIV err:034 text:caf\xEF\xBF\xBD") << "the bad byte replaced";
  EXPECT_EQ(log_of(id, 2).text, long_text.substr(0, tracker_options{}.max_receipt_text_bytes)) << "cut";
  EXPECT_EQ(quarantine_of(0)->last_error_text, log_of(id, 1).text);
}

TEST_F(receipts_test, a_requalified_hard_entry_quarantines_and_counts_a_new_quarantine) {
  const delivery_id id = started_on(2);
  ASSERT_TRUE(engine.requalify({.key = "SR smpp-a UNDELIV 001", .type = failure_type::hard,
                                .reason = failure_reason::user_unknown, .status = qualification_status::keep}));
  ack_one(id, 1, "h1");
  EXPECT_EQ(receive_one("id:h1 stat:UNDELIV err:001"), receipt_outcome::applied);
  EXPECT_EQ(log_of(id, 1).type, failure_type::hard);
  EXPECT_EQ(log_of(id, 1).reason, failure_reason::user_unknown);
  const auto entry = quarantine_of(0);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->status, quarantine_status::quarantine);
  EXPECT_EQ(entry->quarantined_by, id);
  EXPECT_EQ(engine.indicators_of(id).value().new_quarantines, 1U);
  EXPECT_EQ(engine.indicators_of(id).value().hard_bounces, 1U);
  expect_indicators_match_a_recompute(id);
  EXPECT_EQ(qualification_of("SR smpp-a UNDELIV 001")->occurrences, 1U);
  EXPECT_EQ(qualification_of("SR smpp-a UNDELIV 001")->status, qualification_status::keep);
}

TEST_F(receipts_test, a_success_returns_an_address_with_errors_to_valid) {
  const delivery_id first = started_on(1);
  const delivery_id second = started_on(1);  // the same address
  ack_one(first, 1, "s1");
  ack_one(second, 1, "s2");
  EXPECT_EQ(receive_one("id:s1 stat:UNDELIV err:001"), receipt_outcome::applied);
  EXPECT_EQ(quarantine_of(0)->status, quarantine_status::with_errors);
  EXPECT_EQ(receive_one("id:s2 stat:DELIVRD"), receipt_outcome::applied);
  const auto entry = quarantine_of(0);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->status, quarantine_status::valid);
  EXPECT_EQ(entry->error_count, 0U);
  EXPECT_EQ(entry->last_delivery, second);
}

TEST_F(receipts_test, a_batch_the_store_refuses_stores_nothing_and_its_retry_stores_everything) {
  const delivery_id id = started_on(2);
  ASSERT_TRUE(engine.requalify({.key = "SR smpp-a UNDELIV 001", .type = failure_type::hard,
                                .reason = failure_reason::user_unknown, .status = qualification_status::keep}));
  ack(id, {{1, "k1", 0, false}, {2, "k2", 0, false}});
  const auto journal_before = store.audit().query(id, {.limit = 100}).value().size();
  store.faults.arm(testing::part::commit, testing::fault::error);
  std::vector<receipt_outcome> out(1);
  const incoming_receipt failure{"id:k1 stat:UNDELIV err:001", {}};
  const auto refused = engine.on_receipts(connector, std::span(&failure, 1), out);
  store.faults.disarm();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), errc::storage_failure);
  EXPECT_EQ(log_of(id, 1).status, log_status::taken_into_account) << "the log is not written without its consequences";
  EXPECT_FALSE(quarantine_of(0));
  const std::string_view key[] = {"SR smpp-a UNDELIV 001"};
  std::optional<qualification_entry> entry[1];
  ASSERT_TRUE(store.qualification().get(key, entry));
  EXPECT_EQ(entry[0]->occurrences, 0U) << "nor counted";
  EXPECT_EQ(store.audit().query(id, {.limit = 100}).value().size(), journal_before);
  EXPECT_EQ(engine.indicators_of(id).value().errors, 0U);
  expect_indicators_match_a_recompute(id);

  EXPECT_EQ(receive({failure}).front(), receipt_outcome::applied) << "the gateway's retry";
  EXPECT_EQ(log_of(id, 1).status, log_status::failed);
  const auto held = quarantine_of(0);
  ASSERT_TRUE(held);
  EXPECT_EQ(held->status, quarantine_status::quarantine);
  EXPECT_EQ(held->quarantined_by, id);
  ASSERT_TRUE(store.qualification().get(key, entry));
  EXPECT_EQ(entry[0]->occurrences, 1U);
  EXPECT_EQ(engine.indicators_of(id).value().new_quarantines, 1U);
  expect_indicators_match_a_recompute(id);
  EXPECT_EQ(receive({failure}).front(), receipt_outcome::duplicate) << "a second retry";
  EXPECT_EQ(quarantine_of(0)->error_count, 1U) << "counted once";
}

TEST_F(receipts_test, ignore_entries_never_quarantine) {
  const delivery_id id = started_on(1);
  ASSERT_TRUE(engine.requalify({.key = "SR smpp-a REJECTD 005", .type = failure_type::hard,
                                .reason = failure_reason::user_unknown, .status = qualification_status::ignore}));
  ack_one(id, 1, "i1");
  EXPECT_EQ(receive_one("id:i1 stat:REJECTD err:005"), receipt_outcome::applied);
  EXPECT_EQ(log_of(id, 1).status, log_status::failed);
  EXPECT_FALSE(quarantine_of(0));
  EXPECT_EQ(engine.indicators_of(id).value().new_quarantines, 0U);
}

TEST_F(receipts_test, allowlisted_addresses_fail_as_error_ignored) {
  const delivery_id id = started_on(1);
  const quarantine_key key{phone_number::from_digits(33'600'000'000ULL).value(), ""};
  ASSERT_EQ(engine.allowlist(key).value().status, quarantine_status::allowlisted);
  ack_one(id, 1, "a1");
  EXPECT_EQ(receive_one("id:a1 stat:UNDELIV err:001"), receipt_outcome::applied);
  EXPECT_EQ(log_of(id, 1).type, failure_type::ignored);
  EXPECT_EQ(log_of(id, 1).reason, failure_reason::error_ignored);
  EXPECT_EQ(quarantine_of(0)->status, quarantine_status::allowlisted);
  EXPECT_EQ(engine.allowlist({phone_number{}, ""}).error(), errc::invalid_address);
}

TEST_F(receipts_test, an_operator_release_returns_the_address_to_valid_and_the_indicator_follows) {
  const delivery_id id = started_on(1);
  ASSERT_TRUE(engine.requalify({.key = "SR smpp-a UNDELIV 001", .type = failure_type::hard,
                                .reason = failure_reason::user_unknown, .status = qualification_status::keep}));
  ack_one(id, 1, "r1");
  receive_one("id:r1 stat:UNDELIV err:001");
  EXPECT_EQ(engine.indicators_of(id).value().new_quarantines, 1U);
  const quarantine_key key{phone_number::from_digits(33'600'000'000ULL).value(), ""};
  const quarantine_entry freed = engine.release(key).value();
  EXPECT_EQ(freed.status, quarantine_status::valid);
  EXPECT_EQ(engine.indicators_of(id).value().new_quarantines, 0U);
  expect_indicators_match_a_recompute(id);
  const auto unknown = engine.release({phone_number::from_digits(33'699'999'999ULL).value(), ""});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error(), errc::unknown_entry);
  EXPECT_EQ(unknown.error().detail(), "no quarantine entry for +33699999999");
}

TEST_F(receipts_test, a_receipt_that_overtakes_its_ack_is_held_then_applied) {
  const delivery_id id = started_on(1);
  EXPECT_EQ(receive_one("id:early stat:DELIVRD"), receipt_outcome::held);
  EXPECT_EQ(engine.held_receipts(), 1U);
  EXPECT_EQ(ack_one(id, 1, "early"), ack_outcome::accepted);
  EXPECT_EQ(engine.held_receipts(), 0U);
  EXPECT_EQ(log_of(id, 1).status, log_status::received_on_mobile);
  expect_indicators_match_a_recompute(id);
}

TEST_F(receipts_test, a_held_receipt_expires_after_the_grace_period_as_unknown) {
  started_on(1);
  receive_one("id:ghost stat:DELIVRD");
  clock.advance(10s);
  EXPECT_TRUE(engine.expire_held_receipts().value().empty()) << "still within the grace period";
  EXPECT_EQ(engine.held_receipts(), 1U);
  clock.advance(21s);
  const auto expired = engine.expire_held_receipts().value();
  ASSERT_EQ(expired.size(), 1U);
  EXPECT_EQ(expired[0].connector, "smpp-a");
  EXPECT_EQ(expired[0].message_id, "ghost");
  EXPECT_EQ(expired[0].text, "id:ghost stat:DELIVRD");
  EXPECT_EQ(engine.held_receipts(), 0U);
}

TEST_F(receipts_test, a_failing_store_keeps_held_receipts_past_their_grace_period) {
  started_on(1);
  receive_one("id:later stat:DELIVRD");
  clock.advance(31s);
  store.faults.arm(testing::part::logs, testing::fault::error);
  EXPECT_TRUE(engine.expire_held_receipts().value().empty());
  EXPECT_EQ(engine.held_receipts(), 1U) << "not reported unknown while the store cannot tell";
  store.faults.disarm();
  EXPECT_EQ(engine.expire_held_receipts().value().size(), 1U);
  EXPECT_EQ(engine.held_receipts(), 0U);
}

TEST_F(receipts_test, expiry_applies_held_receipts_whose_ack_landed_elsewhere) {
  const delivery_id id = started_on(1);
  receive_one("id:side stat:DELIVRD");
  // Another writer recorded the id behind this tracker's back.
  const log_update acked[] = {{1, log_status::pending, log_status::taken_into_account, failure_type::not_defined,
                               failure_reason::not_defined, 0, clock.now(), "side", {}}};
  std::vector<write_outcome> written(1);
  ASSERT_TRUE(store.inner.logs().update(id, acked, written).has_value());
  EXPECT_TRUE(engine.expire_held_receipts().value().empty());
  EXPECT_EQ(engine.held_receipts(), 0U);
  EXPECT_EQ(log_of(id, 1).status, log_status::received_on_mobile);
}

TEST_F(receipts_test, a_full_hold_reports_unknown_ids_at_once) {
  tracker small{store, clock, tracker_options{.max_held_receipts = 0}};
  std::vector<receipt_outcome> out(1);
  const incoming_receipt r{"id:nobody stat:DELIVRD", {}};
  ASSERT_TRUE(small.on_receipts("smpp-a", std::span(&r, 1), out).has_value());
  EXPECT_EQ(out[0], receipt_outcome::unknown_id);
}

TEST_F(receipts_test, throttling_requeues_and_errors_and_timeouts_fail_softly) {
  const delivery_id id = started_on(4);
  const auto out = ack(id, {{1, "", esme_rthrottled, false},
                            {2, "", 0x0B, false},
                            {3, "", 0, true},
                            {4, "", esme_rmsgqful, false}});
  EXPECT_EQ(out, (std::vector<ack_outcome>{ack_outcome::requeued, ack_outcome::failed, ack_outcome::failed,
                                           ack_outcome::requeued}));
  EXPECT_EQ(log_of(id, 1).status, log_status::pending);
  const delivery_log refused = log_of(id, 2);
  EXPECT_EQ(refused.status, log_status::failed);
  EXPECT_EQ(refused.type, failure_type::soft);
  EXPECT_EQ(refused.reason, failure_reason::unreachable);
  EXPECT_EQ(refused.text, "submit refused: command_status 0x0000000b");
  EXPECT_EQ(log_of(id, 3).text, "no submit_sm_resp within the MT expiration");
  EXPECT_EQ(quarantine_of(1)->error_count, 1U);
  EXPECT_EQ(engine.indicators_of(id).value().errors, 2U);
  expect_indicators_match_a_recompute(id);
}

TEST_F(receipts_test, bad_acks_are_refused_precisely) {
  const delivery_id id = started_on(2);
  EXPECT_EQ(ack_one(id, 1, ""), ack_outcome::invalid_id);
  EXPECT_EQ(ack_one(id, 99, "x"), ack_outcome::unknown_log);
  EXPECT_EQ(ack_one(id, 1, "shared"), ack_outcome::accepted);
  EXPECT_EQ(ack_one(id, 2, "shared"), ack_outcome::provider_id_taken);
  receive_one("id:shared stat:DELIVRD");
  EXPECT_EQ(ack_one(id, 1, "late", 0), ack_outcome::illegal_transition);
  std::vector<ack_outcome> too_few;
  const message_ack one[] = {{1, "x", 0, false}};
  EXPECT_EQ(engine.on_ack(id, one, too_few).error(), errc::invalid_argument);
  const delivery_id editing = create();
  std::vector<ack_outcome> out(1);
  const auto early = engine.on_ack(editing, one, out);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error(), errc::illegal_transition);
  EXPECT_EQ(engine.on_ack(424242, one, out).error(), errc::unknown_delivery);
}

TEST_F(receipts_test, malformed_receipts_are_invalid_and_change_nothing) {
  const delivery_id id = started_on(1);
  ack_one(id, 1, "ok");
  const auto out = receive({{"", {}},
                            {"stat:DELIVRD", {}},
                            {"id:ok", {}},
                            {"id:ok\0 stat:DELIVRD"s, {}},
                            {"{\"id\":\"ok\",\"stat\":\"DELIVRD\"}", {}},
                            {std::string(70'000, 'x'), {}}});
  for (const receipt_outcome o : out) EXPECT_EQ(o, receipt_outcome::invalid);
  EXPECT_EQ(log_of(id, 1).status, log_status::taken_into_account);
  std::vector<receipt_outcome> too_few;
  const incoming_receipt r{"id:ok stat:DELIVRD", {}};
  EXPECT_EQ(engine.on_receipts("smpp-a", std::span(&r, 1), too_few).error(), errc::invalid_argument);
}

// Real PDUs end the receipt text (and the TLV id) with a C-string terminator.
TEST_F(receipts_test, a_pdu_s_trailing_nul_costs_the_receipt_nothing) {
  const delivery_id id = started_on(1);
  EXPECT_EQ(ack_one(id, 1, "7F01"), ack_outcome::accepted);
  EXPECT_EQ(receive({{"id:7F01 stat:UNDELIV err:001\0"s, {.receipted_message_id = "7F01\0"sv, .message_state = 5}}})
                .front(),
            receipt_outcome::applied);
  EXPECT_EQ(log_of(id, 1).status, log_status::failed);
  EXPECT_EQ(log_of(id, 1).text, "id:7F01 stat:UNDELIV err:001");
}

TEST_F(receipts_test, a_receipt_meets_its_ack_whichever_writing_of_the_id_the_ack_used) {
  const delivery_id id = started_on(2);
  EXPECT_EQ(ack_one(id, 1, "26"), ack_outcome::accepted);  // the decimal writing
  EXPECT_EQ(ack_one(id, 2, "1B"), ack_outcome::accepted);  // the hex writing
  EXPECT_EQ(receive({{"id:26 stat:DELIVRD", {.receipted_message_id = "1A"sv}},
                     {"id:27 stat:DELIVRD", {.receipted_message_id = "1B"sv}}}),
            (std::vector<receipt_outcome>{receipt_outcome::applied, receipt_outcome::applied}));
  EXPECT_EQ(log_of(id, 1).status, log_status::received_on_mobile);
  EXPECT_EQ(log_of(id, 2).status, log_status::received_on_mobile);

  ASSERT_TRUE(engine.register_connector({"smpp-dec", id_normalization::decimal, {}, id_normalization::hex_number}));
  const delivery_id decimal = started_on(2, "smpp-dec");
  EXPECT_EQ(ack_one(decimal, 1, "0030"), ack_outcome::accepted);
  EXPECT_EQ(ack_one(decimal, 2, "31"), ack_outcome::accepted);
  EXPECT_EQ(receive({{"", {.receipted_message_id = "1E"sv, .message_state = 2}},
                     {"id:31 stat:UNDELIV err:001", {.receipted_message_id = "1f"sv}}},
                    "smpp-dec"),
            (std::vector<receipt_outcome>{receipt_outcome::applied, receipt_outcome::applied}))
      << "hex TLV ids read by the TLV ids' own normalization";
  EXPECT_EQ(log_of(decimal, 1).status, log_status::received_on_mobile);
  EXPECT_EQ(log_of(decimal, 2).status, log_status::failed);
  expect_indicators_match_a_recompute(decimal);
}

TEST_F(receipts_test, a_hex_tlv_id_meets_the_ack_through_the_connector_normalization) {
  ASSERT_TRUE(engine.register_connector({"smpp-hex", id_normalization::hex_number, {}}));
  const delivery_id id = started_on(1, "smpp-hex");
  EXPECT_EQ(ack_one(id, 1, "0000001A"), ack_outcome::accepted);
  EXPECT_EQ(log_of(id, 1).provider_id, "26");
  EXPECT_EQ(receive({{"id:26 stat:UNDELIV", {.receipted_message_id = "1a"sv, .message_state = 2}}}, "smpp-hex").front(),
            receipt_outcome::applied);
  EXPECT_EQ(log_of(id, 1).status, log_status::received_on_mobile) << "the TLV state wins over the text";
}

TEST_F(receipts_test, connector_profiles_are_validated_and_configure_outcomes) {
  EXPECT_EQ(engine.register_connector({"", id_normalization::as_is, {}}).error(), errc::invalid_argument);
  EXPECT_EQ(engine.register_connector({"x", id_normalization::as_is, {.success = {""}, .error = {}}}).error(),
            errc::invalid_settings);
  ASSERT_TRUE(engine.register_connector({"custom", id_normalization::as_is, {.success = {"OK"}, .error = {"KO"}}}));
  const delivery_id id = started_on(2, "custom");
  ack(id, {{1, "c1", 0, false}, {2, "c2", 0, false}});
  EXPECT_EQ(receive({{"id:c1 stat:OK", {}}, {"id:c2 stat:DELIVRD", {}}}, "custom"),
            (std::vector<receipt_outcome>{receipt_outcome::applied, receipt_outcome::intermediate}));
}

TEST_F(receipts_test, multipart_messages_map_every_part_and_fail_on_the_first_failing_part) {
  const delivery_id id = started_on(2);
  EXPECT_EQ(ack(id, {{1, "p1", 0, false}, {1, "p2", 0, false}, {2, "q1", 0, false}, {2, "q2", 0, false}}),
            std::vector<ack_outcome>(4, ack_outcome::accepted));
  EXPECT_EQ(receive_one("id:p2 stat:DELIVRD"), receipt_outcome::applied);
  EXPECT_EQ(receive_one("id:p1 stat:DELIVRD"), receipt_outcome::duplicate);
  EXPECT_EQ(log_of(id, 1).status, log_status::received_on_mobile);
  EXPECT_EQ(receive_one("id:q1 stat:UNDELIV"), receipt_outcome::applied);
  EXPECT_EQ(receive_one("id:q2 stat:DELIVRD"), receipt_outcome::duplicate);
  EXPECT_EQ(log_of(id, 2).status, log_status::failed);
}

// Two changes of one log in one batch chain: the second starts from the whole digest the first
// leaves (status, failure type and reason, retries), so the counters move exactly once each.
TEST_F(receipts_test, changes_of_one_log_within_a_batch_chain_on_the_whole_digest) {
  const delivery_id id = started_on(2);
  const auto out = ack(id, {{1, "", 0, true}, {1, "", esme_rthrottled, false}, {2, "", 0x0B, false}});
  EXPECT_EQ(out, (std::vector<ack_outcome>{ack_outcome::failed, ack_outcome::requeued, ack_outcome::failed}));
  const delivery_log requeued = log_of(id, 1);
  EXPECT_EQ(requeued.status, log_status::pending);
  EXPECT_EQ(requeued.type, failure_type::not_defined);
  EXPECT_EQ(requeued.retries, 1U) << "failed, then pending again: one retry";
  expect_indicators_match_a_recompute(id);
  EXPECT_EQ(ack(id, {{1, "m1", 0, false}, {1, "m2", 0, false}}),
            std::vector<ack_outcome>(2, ack_outcome::accepted));
  expect_indicators_match_a_recompute(id);
}

TEST_F(receipts_test, soft_failures_schedule_retries_that_become_due) {
  const delivery_id id = started_on(2);
  ack_one(id, 1, "s1");
  receive_one("id:s1 stat:UNDELIV err:001");
  const auto codes = journal_codes(id);
  EXPECT_NE(std::find(codes.begin(), codes.end(), audit_code::retry_scheduled), codes.end());
  EXPECT_TRUE(engine.due_retries(id, 100).value().empty());
  clock.advance(15min);
  EXPECT_EQ(engine.due_retries(id, 100).value(), std::vector<log_id>{1});
  ASSERT_TRUE(change(id, {{1, log_status::pending}}));
  EXPECT_EQ(log_of(id, 1).retries, 1U);
  EXPECT_TRUE(engine.due_retries(id, 100).value().empty());
  EXPECT_EQ(engine.due_retries(id, 0).error(), errc::invalid_argument);
}

TEST_F(receipts_test, acknowledged_logs_without_a_final_receipt_time_out_at_the_horizon) {
  const delivery_id id = started_on(2);
  ack(id, {{1, "t1", 0, false}, {2, "t2", 0, false}});
  EXPECT_EQ(engine.check_receipt_horizon(id).value(), 0U);
  clock.advance(72h);
  EXPECT_EQ(engine.check_receipt_horizon(id).value(), 2U);
  EXPECT_EQ(log_of(id, 1).text, receipt_timed_out_text);
  EXPECT_TRUE(log_of(id, 1).receipt_timed_out);
  EXPECT_EQ(log_of(id, 1).status, log_status::taken_into_account);
  EXPECT_EQ(engine.check_receipt_horizon(id).value(), 0U) << "marked once";
  expect_indicators_match_a_recompute(id);
  receive_one("id:t1 stat:DELIVRD");
  EXPECT_FALSE(log_of(id, 1).receipt_timed_out) << "a late final receipt replaces the mark";
  EXPECT_TRUE(log_of(id, 2).receipt_timed_out);
  expect_indicators_match_a_recompute(id);
}

// Acks, receipts and the host's changes may name the destination network; the log keeps the
// latest one named, and a fact that names none leaves it.
TEST_F(receipts_test, every_door_records_the_network_it_is_told) {
  const delivery_id id = started_on(3);
  const std::vector<ack_outcome> acked = ack(id, {{1, "n1", 0, false, "20801"}, {2, "n2", 0, false, ""}});
  EXPECT_EQ(acked, (std::vector{ack_outcome::accepted, ack_outcome::accepted}));
  EXPECT_EQ(log_of(id, 1).network.to_string(), "208-01");
  EXPECT_FALSE(log_of(id, 2).network.known());
  EXPECT_EQ(receive({{"id:n1 stat:DELIVRD", {}, ""}, {"id:n2 stat:DELIVRD", {}, "208 10"}}),
            (std::vector{receipt_outcome::applied, receipt_outcome::applied}));
  EXPECT_EQ(log_of(id, 1).network.to_string(), "208-01") << "a receipt that names no network keeps the ack's";
  EXPECT_EQ(log_of(id, 2).network.to_string(), "208-10");
  const status_change change{3, log_status::sent_to_provider, {}, {}, {}, {}, "310-260"};
  std::vector<change_outcome> out(1);
  ASSERT_TRUE(engine.update_logs(id, std::span(&change, 1), out).has_value());
  EXPECT_EQ(out[0], change_outcome::applied);
  EXPECT_EQ(log_of(id, 3).network.to_string(), "310-260");
}

TEST_F(receipts_test, a_malformed_network_is_refused_and_changes_nothing) {
  const delivery_id id = started_on(2);
  EXPECT_EQ(ack(id, {{1, "m1", 0, false, "2080"}}).front(), ack_outcome::invalid_network);
  EXPECT_EQ(log_of(id, 1).status, log_status::pending) << "the refused ack changed nothing";
  EXPECT_EQ(ack_one(id, 1, "m1"), ack_outcome::accepted);
  EXPECT_EQ(receive({{"id:m1 stat:DELIVRD", {}, "208-0a"}}).front(), receipt_outcome::invalid);
  EXPECT_EQ(log_of(id, 1).status, log_status::taken_into_account);
  const status_change change{2, log_status::sent_to_provider, {}, {}, {}, {}, "abc"};
  std::vector<change_outcome> out(1);
  ASSERT_TRUE(engine.update_logs(id, std::span(&change, 1), out).has_value());
  EXPECT_EQ(out[0], change_outcome::invalid_argument);
  expect_indicators_match_a_recompute(id);
}

TEST_F(receipts_test, a_storage_failure_is_reported_and_a_retry_applies_once) {
  const delivery_id id = started_on(1);
  ack_one(id, 1, "f1");
  store.faults.arm(testing::part::logs, testing::fault::error);
  std::vector<receipt_outcome> out(1);
  const incoming_receipt r{"id:f1 stat:UNDELIV err:001", {}};
  EXPECT_EQ(engine.on_receipts("smpp-a", std::span(&r, 1), out).error(), errc::storage_failure);
  store.faults.disarm();
  EXPECT_EQ(log_of(id, 1).status, log_status::taken_into_account);
  EXPECT_EQ(receive({r}).front(), receipt_outcome::applied);
  EXPECT_EQ(receive({r}).front(), receipt_outcome::duplicate);
  expect_indicators_match_a_recompute(id);
}

// ----- properties --------------------------------------------------------------------------------

// A delivery's acks and receipts: acks for every log (some multipart), then receipts of every
// kind, including unknown ids and malformed ones.
struct traffic {
  std::vector<std::string> ids;  // the provider id of log i + 1
  std::vector<std::string> texts;
  // The acks of the messages [first, first + count), as logs 1..count of one delivery.
  [[nodiscard]] std::vector<message_ack> acks(std::size_t first, std::size_t count) const {
    std::vector<message_ack> out;
    for (std::size_t i = 0; i < count; ++i) out.push_back({static_cast<log_id>(i + 1), ids[first + i], 0, false});
    return out;
  }
};

traffic make_traffic(std::size_t logs, std::uint32_t seed) {
  traffic t;
  std::mt19937 random(seed);
  for (std::size_t log = 1; log <= logs; ++log) t.ids.push_back("m" + std::to_string(log));
  const char* stats[] = {"DELIVRD", "UNDELIV err:001", "EXPIRED err:002", "ENROUTE", "REJECTD err:001", "DELIVRD"};
  for (std::size_t log = 1; log <= logs; ++log) {
    t.texts.push_back("id:m" + std::to_string(log) + " stat:" + stats[random() % 6]);
  }
  t.texts.push_back("id:nobody stat:DELIVRD");
  t.texts.push_back("stat:DELIVRD");
  return t;
}

struct outcome_of_run {
  std::vector<delivery_log> logs;  // of both deliveries
  std::vector<quarantine_entry> quarantine;
  std::vector<indicators> figures;  // per delivery
};

// Runs the traffic on a fresh tracker: the messages split over two deliveries (distinct
// addresses), acks first, then the receipts in `order`, each receipt `copies` times, split
// across `threads`, so threads ingest for the same and for different deliveries at once, in
// batches of `batch` receipts.
outcome_of_run run(const traffic& t, std::vector<std::size_t> order, int copies, int threads, std::size_t batch = 7) {
  memory_store store;
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine{store, clock};
  EXPECT_TRUE(engine.requalify({.key = "SR smpp-a REJECTD 001", .type = failure_type::hard,
                                .reason = failure_reason::user_unknown, .status = qualification_status::keep}));
  const std::size_t half = t.ids.size() / 2;
  std::vector<delivery_id> deliveries;
  for (const std::size_t first : {std::size_t{0}, half}) {
    const std::size_t count = first == 0 ? half : t.ids.size() - half;
    delivery_draft draft{"Property", "Hello", "ACME", {}};
    draft.settings.connector = "smpp-a";
    const delivery_id id = engine.create_delivery(draft).value();
    EXPECT_TRUE(engine.analyse(id, make_target(count, 33'600'000'000ULL + first)).has_value());
    EXPECT_TRUE(engine.start(id, "tester").has_value());
    const std::vector<message_ack> acks = t.acks(first, count);
    std::vector<ack_outcome> acked(acks.size());
    EXPECT_TRUE(engine.on_ack(id, acks, acked).has_value());
    deliveries.push_back(id);
  }
  std::vector<incoming_receipt> receipts;
  for (int c = 0; c < copies; ++c) {
    for (const std::size_t i : order) receipts.push_back({t.texts[i], {}});
  }
  std::vector<std::thread> workers;
  const auto thread_count = static_cast<std::size_t>(threads);
  const std::size_t share = (receipts.size() + thread_count - 1) / thread_count;
  for (std::size_t w = 0; w < thread_count; ++w) {
    workers.emplace_back([&, w] {
      const std::size_t begin = std::min(receipts.size(), w * share);
      const std::size_t end = std::min(receipts.size(), begin + share);
      for (std::size_t at = begin; at < end; at += batch) {  // small batches interleave the threads
        const std::size_t stop = std::min(end, at + batch);
        std::vector<receipt_outcome> out(stop - at);
        EXPECT_TRUE(engine.on_receipts("smpp-a", std::span(receipts).subspan(at, stop - at), out).has_value());
      }
    });
  }
  for (std::thread& w : workers) w.join();
  outcome_of_run result;
  for (const delivery_id id : deliveries) {
    const auto logs = engine.logs(id, {.limit = 10'000}).value();
    result.logs.insert(result.logs.end(), logs.begin(), logs.end());
    result.figures.push_back(engine.indicators_of(id).value());
    EXPECT_EQ(result.figures.back(), engine.recompute(id).value()) << "indicators equal a recompute";
  }
  result.quarantine = store.quarantine().page({.limit = 10'000}).value();
  return result;
}

TEST(receipts_property, shuffled_duplicated_and_threaded_receipts_give_the_same_result) {
  const traffic t = make_traffic(300, 7);
  std::vector<std::size_t> order(t.texts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const outcome_of_run reference = run(t, order, 1, 1);
  EXPECT_GT(reference.figures[1].delivered, 0U);
  EXPECT_GT(reference.figures[1].errors, 0U);
  EXPECT_GT(reference.figures[0].new_quarantines + reference.figures[1].new_quarantines, 0U);
  std::mt19937 random(11);
  for (int round = 0; round < 4; ++round) {
    std::shuffle(order.begin(), order.end(), random);
    const outcome_of_run other = run(t, order, 1 + round % 3, 1 + round % 2);
    EXPECT_EQ(other.logs, reference.logs) << "round " << round;
    EXPECT_EQ(other.quarantine, reference.quarantine) << "round " << round;
    EXPECT_EQ(other.figures, reference.figures) << "round " << round;
  }
  // One batch of 906 receipts, three copies of each: the copies of a receipt chain within it.
  std::shuffle(order.begin(), order.end(), random);
  const outcome_of_run whole = run(t, order, 3, 1, 10'000);
  EXPECT_EQ(whole.logs, reference.logs);
  EXPECT_EQ(whole.quarantine, reference.quarantine);
  EXPECT_EQ(whole.figures, reference.figures);
}

}  // namespace
}  // namespace smstrack

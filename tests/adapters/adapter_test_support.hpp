// What the adapter tests share: a storage that forwards to a store it owns together with the
// resources the store lives in (a temporary file, a schema), and a sample delivery.
#pragma once

#include <smstrack/conformance/storage_conformance.hpp>
#include <smstrack/engine/tracker.hpp>
#include <smstrack/model/json.hpp>
#include <smstrack/ports/storage.hpp>
#include <smstrack/store/memory_store.hpp>
#include <smstrack/views/routes_view.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace smstrack_test {

/// Forwards every part to `inner()`; a derived class owns the store and what it needs.
class forwarding_storage : public smstrack::storage {
 public:
  smstrack::delivery_store& deliveries() override { return inner().deliveries(); }
  smstrack::log_store& logs() override { return inner().logs(); }
  smstrack::exclusion_store& exclusions() override { return inner().exclusions(); }
  smstrack::quarantine_store& quarantine() override { return inner().quarantine(); }
  smstrack::qualification_store& qualification() override { return inner().qualification(); }
  smstrack::tracking_store& tracking() override { return inner().tracking(); }
  smstrack::audit_store& audit() override { return inner().audit(); }
  smstrack::reply_store& replies() override { return inner().replies(); }
  smstrack::result<smstrack::commit_status> commit(const smstrack::unit_of_work& unit,
                                                   std::span<smstrack::write_outcome> outcomes) override {
    return inner().commit(unit, outcomes);
  }

 protected:
  virtual smstrack::storage& inner() = 0;
};

inline smstrack::delivery sample_delivery() {
  smstrack::delivery d;
  d.label = "Spring sale";
  d.content = "Hello";
  d.settings.connector = "smpp-1";
  d.created = smstrack::conformance::at(0);
  d.last_modified = smstrack::conformance::at(0);
  return d;
}

/// What a receipt scenario leaves in a store.
struct receipt_scenario_result {
  std::vector<smstrack::delivery_log> logs;
  std::vector<smstrack::quarantine_entry> quarantine;
  std::vector<smstrack::qualification_entry> qualification;
  smstrack::indicators figures;
  std::string routes;  ///< the Routes view of the scenario's two deliveries, as JSON text
  friend bool operator==(const receipt_scenario_result&, const receipt_scenario_result&) = default;
};

/// The receipt path end to end on `store`: 40 messages acknowledged (two of them multipart, one
/// refused, one throttled), then receipts of every kind, duplicates, one that overtakes its ack,
/// an operator requalification and a release. The result must not depend on the store.
inline receipt_scenario_result run_receipt_scenario(smstrack::storage& store) {
  using namespace smstrack;
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine(store, clock);
  EXPECT_TRUE(engine.register_connector({"smpp-s", id_normalization::decimal, {}}));
  EXPECT_TRUE(engine.requalify({.key = "SR smpp-s UNDELIV 001", .type = failure_type::hard,
                                .reason = failure_reason::user_unknown, .status = qualification_status::keep}));
  delivery_draft draft{"Scenario", "Hello", "ACME", {}};
  draft.settings.connector = "smpp-s";
  const delivery_id id = engine.create_delivery(draft).value();
  std::vector<recipient> target;
  for (std::uint64_t i = 1; i <= 40; ++i) target.push_back({i, "+336000000" + std::to_string(10 + i), false});
  EXPECT_TRUE(engine.analyse(id, target).has_value());
  EXPECT_TRUE(engine.start(id, "tester").has_value());

  EXPECT_EQ(engine.held_receipts(), 0U);
  std::vector<receipt_outcome> early(1);
  const incoming_receipt overtaking{"id:00040 stat:DELIVRD", {}};
  EXPECT_TRUE(engine.on_receipts("smpp-s", std::span(&overtaking, 1), early).has_value());
  EXPECT_EQ(early[0], receipt_outcome::held);

  std::vector<std::string> ids;
  for (int log = 1; log <= 40; ++log) ids.push_back("000" + std::to_string(log));
  std::vector<message_ack> acks;
  const char* networks[] = {"208-01", "20810", "", "208 15"};  // as SMSCs write them; "" unknown
  for (int log = 1; log <= 40; ++log) {
    acks.push_back({static_cast<log_id>(log), ids[static_cast<std::size_t>(log - 1)], 0, false, networks[log % 4]});
  }
  acks.push_back({1, "9001", 0, false});  // a second part of message 1
  acks[37] = {38, "", 0x45, false};        // refused: soft / unreachable
  acks[38] = {39, "", esme_rthrottled, false};
  std::vector<ack_outcome> acked(acks.size());
  EXPECT_TRUE(engine.on_ack(id, acks, acked).has_value());
  EXPECT_EQ(engine.held_receipts(), 0U) << "the overtaking receipt is applied with its ack";

  std::vector<std::string> texts;
  const char* stats[] = {"DELIVRD err:000", "UNDELIV err:001", "UNDELIV err:034", "ENROUTE", "EXPIRED err:254"};
  for (int log = 1; log <= 37; ++log) texts.push_back("id:" + std::to_string(log) + " stat:" + stats[log % 5]);
  texts.push_back("id:9001 stat:UNDELIV err:001");  // message 1's other part, after its first
  texts.push_back(texts[3]);                         // a duplicate
  texts.push_back("id:7 stat:");                     // invalid
  std::vector<incoming_receipt> receipts;
  for (const std::string& t : texts) receipts.push_back({t, {}, receipts.size() % 7 == 0 ? "208-20" : ""});
  std::vector<receipt_outcome> outcomes(receipts.size());
  clock.advance(std::chrono::seconds(4));  // the receipts come 4 s after the acks
  EXPECT_TRUE(engine.on_receipts("smpp-s", receipts, outcomes).has_value());
  EXPECT_EQ(outcomes.back(), receipt_outcome::invalid);
  EXPECT_EQ(outcomes[outcomes.size() - 2], receipt_outcome::duplicate);
  EXPECT_TRUE(engine.release({phone_number::parse("+33600000012").value(), ""}).has_value());
  clock.advance(std::chrono::hours(72));
  EXPECT_GT(engine.check_receipt_horizon(id).value(), 0U) << "the ENROUTE ones time out";

  // A second connector, to British numbers.
  delivery_draft other{"Scenario UK", "Hello", "ACME", {}};
  other.settings.connector = "smpp-t";
  const delivery_id uk = engine.create_delivery(other).value();
  std::vector<recipient> british;
  for (std::uint64_t i = 1; i <= 6; ++i) british.push_back({i, "+4477009001" + std::to_string(10 + i), false});
  EXPECT_TRUE(engine.analyse(uk, british).has_value());
  EXPECT_TRUE(engine.start(uk, "tester").has_value());
  std::vector<std::string> uk_ids;
  for (int log = 1; log <= 6; ++log) uk_ids.push_back("uk" + std::to_string(log));
  std::vector<message_ack> uk_acks;
  for (int log = 1; log <= 6; ++log) {
    uk_acks.push_back({static_cast<log_id>(log), uk_ids[static_cast<std::size_t>(log - 1)], 0, false, "234-15"});
  }
  std::vector<ack_outcome> uk_acked(uk_acks.size());
  EXPECT_TRUE(engine.on_ack(uk, uk_acks, uk_acked).has_value());
  clock.advance(std::chrono::milliseconds(1500));
  std::vector<std::string> uk_texts;
  for (int log = 1; log <= 5; ++log) uk_texts.push_back("id:uk" + std::to_string(log) + (log == 5 ? " stat:UNDELIV err:001" : " stat:DELIVRD"));
  std::vector<incoming_receipt> uk_receipts;
  for (const std::string& t : uk_texts) uk_receipts.push_back({t, {}});
  std::vector<receipt_outcome> uk_outcomes(uk_receipts.size());
  EXPECT_TRUE(engine.on_receipts("smpp-t", uk_receipts, uk_outcomes).has_value());

  receipt_scenario_result result;
  result.logs = engine.logs(id, {.limit = 100}).value();
  result.quarantine = store.quarantine().page({.limit = 100}).value();
  result.qualification = store.qualification().page("", 100).value();
  result.figures = engine.indicators_of(id).value();
  EXPECT_EQ(result.figures, engine.recompute(id).value());
  const delivery_id both[] = {uk, id, uk};
  const routes_view routes = make_routes_view(engine, both).value();
  EXPECT_EQ(routes.connectors.size(), 2U);
  result.routes = to_json_text(routes);
  EXPECT_TRUE(engine.recompute(uk).has_value());
  EXPECT_EQ(to_json_text(make_routes_view(engine, both).value()), result.routes) << "the routes equal a recompute";
  return result;
}

// Runs the receipt scenario on `store` and expects exactly what it leaves on the memory store
// (a scenario that delivers, quarantines and qualifies something).
inline void expect_receipt_scenario_as_on_memory_store(smstrack::storage& store) {
  smstrack::memory_store reference;
  const receipt_scenario_result expected = run_receipt_scenario(reference);
  EXPECT_GT(expected.figures.delivered, 0U);
  EXPECT_GT(expected.figures.new_quarantines, 0U);
  EXPECT_FALSE(expected.qualification.empty());
  EXPECT_NE(expected.routes.find("\"network\":\"208-15\""), std::string::npos) << expected.routes;
  EXPECT_EQ(run_receipt_scenario(store), expected);
}

/// Everything a store holds about one delivery, as JSON text: byte for byte what a reader gets.
inline std::string dump_of(smstrack::storage& store, smstrack::delivery_id id) {
  using smstrack::to_json_text;
  std::string dump = to_json_text(store.deliveries().get(id).value());
  dump += to_json_text(store.logs().page(id, {.limit = 1000}).value());
  dump += to_json_text(store.audit().query(id, {.limit = 1000}).value());
  dump += to_json_text(store.quarantine().page({.limit = 1000}).value());
  dump += to_json_text(store.qualification().page("", 1000).value());
  dump += to_json_text(store.replies().page({.limit = 1000}).value());
  return dump;
}

/// Every kind of item a store could not keep or read back — unknown enumerators, texts and ids
/// that are not UTF-8 or hold a NUL, oversized texts — is refused one by one through each door,
/// and leaves `store` byte for byte as it was, and readable.
inline void expect_refused_items_to_change_nothing(smstrack::storage& store) {
  using namespace smstrack;
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine(store, clock);
  delivery_draft draft{"Refusals", "Hello", "ACME", {}};
  draft.settings.connector = "smpp-r";
  const delivery_id id = engine.create_delivery(draft).value();
  const recipient target[] = {{1, "+33600000101", false}, {2, "+33600000102", false}};
  ASSERT_TRUE(engine.analyse(id, target).has_value());
  ASSERT_TRUE(engine.start(id, "tester").has_value());
  const std::string before = dump_of(store, id);

  const std::string long_text(4000, 'x');
  const status_change changes[] = {
      {1, log_status::failed, static_cast<failure_type>(9), failure_reason::refused, {}, "bad type"},
      {1, log_status::failed, failure_type::soft, static_cast<failure_reason>(99), {}, "bad reason"},
      {1, static_cast<log_status>(42), {}, {}, {}, {}},
      {1, log_status::failed, failure_type::soft, failure_reason::refused, {}, "\x80\x81"},
      {1, log_status::failed, failure_type::soft, failure_reason::refused, {}, std::string_view("a\0b", 3)},
      {1, log_status::failed, failure_type::soft, failure_reason::refused, {}, long_text},
      {2, log_status::taken_into_account, {}, {}, "\xff\xfe", {}},
      {2, log_status::taken_into_account, {}, {}, std::string_view("p\0q", 3), {}}};
  change_outcome changed[std::size(changes)];
  const auto summary = engine.update_logs(id, changes, changed);
  ASSERT_TRUE(summary.has_value()) << summary.error().message();
  for (const change_outcome o : changed) EXPECT_EQ(o, change_outcome::invalid_argument);

  const message_ack acks[] = {{1, "\x80\x81", 0, false}, {2, std::string_view("m\0", 2), 0, false}};
  ack_outcome acked[2];
  ASSERT_TRUE(engine.on_ack(id, acks, acked).has_value());
  EXPECT_EQ(acked[0], ack_outcome::invalid_id);
  EXPECT_EQ(acked[1], ack_outcome::invalid_id);

  const incoming_receipt receipts[] = {{"id:\x80\x81 stat:UNDELIV err:001", {}}, {std::string_view("id:1 stat:DELIVRD \0x", 20), {}}};
  receipt_outcome received[2];
  ASSERT_TRUE(engine.on_receipts("smpp-r", receipts, received).has_value());
  EXPECT_EQ(received[0], receipt_outcome::invalid);
  EXPECT_EQ(received[1], receipt_outcome::invalid);

  EXPECT_EQ(engine.on_reply({"+33600000101", "", "STOP \xff", id}).error(), errc::invalid_text);
  EXPECT_EQ(engine.throughput(id, static_cast<throughput_scale>(7)).error(), errc::invalid_argument);

  EXPECT_EQ(dump_of(store, id), before) << "refused items change nothing";
  EXPECT_TRUE(parse_json<std::vector<delivery_log>>(to_json_text(store.logs().page(id, {.limit = 10}).value())))
      << "what is stored reads back";
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
}

}  // namespace smstrack_test

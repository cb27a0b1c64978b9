// What the adapter tests share: a storage that forwards to a store it owns together with the
// resources the store lives in (a temporary file, a schema), and a sample delivery.
#pragma once

#include <smstrack/conformance/storage_conformance.hpp>
#include <smstrack/engine/tracker.hpp>
#include <smstrack/ports/storage.hpp>
#include <smstrack/store/memory_store.hpp>

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
  for (int log = 1; log <= 40; ++log) acks.push_back({static_cast<log_id>(log), ids[static_cast<std::size_t>(log - 1)], 0, false});
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
  for (const std::string& t : texts) receipts.push_back({t, {}});
  std::vector<receipt_outcome> outcomes(receipts.size());
  EXPECT_TRUE(engine.on_receipts("smpp-s", receipts, outcomes).has_value());
  EXPECT_EQ(outcomes.back(), receipt_outcome::invalid);
  EXPECT_EQ(outcomes[outcomes.size() - 2], receipt_outcome::duplicate);
  EXPECT_TRUE(engine.release({phone_number::parse("+33600000012").value(), ""}).has_value());

  receipt_scenario_result result;
  result.logs = engine.logs(id, {.limit = 100}).value();
  result.quarantine = store.quarantine().page({.limit = 100}).value();
  result.qualification = store.qualification().page("", 100).value();
  result.figures = engine.indicators_of(id).value();
  EXPECT_EQ(result.figures, engine.recompute(id).value());
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
  EXPECT_EQ(run_receipt_scenario(store), expected);
}

}  // namespace smstrack_test

// One pipeline for every status change (tracker.hpp, SPEC §3, §5, §6.7): the same facts give the
// same logs, quarantine entries, retries, journal and indicators whichever door reports them, in
// any order, duplicated, split across threads; and the defects of separate doors stay fixed.
#include <smstrack/engine/tracker.hpp>

#include "engine_fixture.hpp"

#include <smstrack/model/json.hpp>
#include <smstrack/model/latency_histogram.hpp>
#include <smstrack/store/memory_store.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <random>
#include <thread>

namespace smstrack {
namespace {

using namespace std::chrono_literals;
using testing::make_target;

class pipeline_test : public testing::engine_test {
 protected:
  delivery_id started_on_connector(std::size_t recipients) {
    delivery_draft draft{"Pipeline", "Hello", "ACME", {}};
    draft.settings.connector = "smpp-a";
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
  receipt_outcome receive(std::string_view text) {
    const incoming_receipt in{text, {}};
    std::vector<receipt_outcome> out(1);
    EXPECT_TRUE(engine.on_receipts("smpp-a", std::span(&in, 1), out).has_value());
    return out[0];
  }
  std::size_t count_code(delivery_id id, audit_code code) {
    const auto codes = journal_codes(id);
    return static_cast<std::size_t>(std::count(codes.begin(), codes.end(), code));
  }
};

// ----- regressions: each failed on the engine of separate doors ----------------------------------

TEST_F(pipeline_test, a_hard_failure_reported_by_the_host_quarantines_and_a_soft_one_schedules_a_retry) {
  const delivery_id id = started_on_connector(3);
  ASSERT_TRUE(change(id, {{1, log_status::failed, failure_type::hard, failure_reason::user_unknown, {}, "gone"},
                          {2, log_status::failed, failure_type::soft, failure_reason::refused, {}, "busy"}}));
  const auto hard = quarantine_of(0);
  ASSERT_TRUE(hard);
  EXPECT_EQ(hard->status, quarantine_status::quarantine);
  EXPECT_EQ(hard->last_error_reason, failure_reason::user_unknown);
  EXPECT_EQ(quarantine_of(1).value().status, quarantine_status::with_errors);
  EXPECT_EQ(count_code(id, audit_code::retry_scheduled), 1U) << "the soft failure's retry, once";
  EXPECT_EQ(engine.indicators_of(id).value().new_quarantines, 1U);
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
}

// The route-health latencies and the prefetch window read when the latest attempt of a log was
// submitted and acknowledged, by the tracker's clock at each fact (SPEC §13).
TEST_F(pipeline_test, a_log_keeps_when_its_attempt_was_submitted_and_acknowledged) {
  const delivery_id id = started_on_connector(2);
  const timestamp submitted = clock.now();
  ASSERT_TRUE(change(id, {{1, log_status::sent_to_provider, {}, {}, {}, {}}, {2, log_status::sent_to_provider, {}, {}, {}, {}}}));
  clock.advance(std::chrono::milliseconds(350));
  ack(id, {{1, std::to_string(id) + "A1", 0, false}, {2, "", esme_rthrottled, false}});
  const timestamp acked = clock.now();
  EXPECT_EQ(log_of(id, 1).submitted, submitted);
  EXPECT_EQ(log_of(id, 1).acked, acked);
  EXPECT_EQ(log_of(id, 2).submitted, std::nullopt) << "a requeue starts a new attempt";
  EXPECT_EQ(log_of(id, 2).acked, std::nullopt);
  clock.advance(std::chrono::seconds(4));
  EXPECT_EQ(receive("id:" + std::to_string(id) + "A1 stat:DELIVRD"), receipt_outcome::applied);
  const delivery_log delivered = log_of(id, 1);
  EXPECT_EQ(delivered.status, log_status::received_on_mobile);
  EXPECT_EQ(delivered.submitted, submitted) << "a receipt keeps the attempt's times";
  EXPECT_EQ(delivered.acked, acked);
  EXPECT_EQ(delivered.updated, clock.now());
  ack(id, {{2, std::to_string(id) + "A2", 0, false}});
  EXPECT_EQ(log_of(id, 2).submitted, std::nullopt) << "acknowledged without a reported submit";
  EXPECT_EQ(log_of(id, 2).acked, clock.now());
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.acknowledged, 2U);
  EXPECT_EQ(figures.final_receipts, 1U);
  EXPECT_DOUBLE_EQ(figures.receipt_coverage, 50.0);
  EXPECT_EQ(figures.submit_to_ack.count, 1U) << "log 2 was never reported submitted";
  EXPECT_EQ(figures.submit_to_ack.p50, std::chrono::milliseconds(
                                            latency_histogram::upper_bound(latency_histogram::bucket_of(350))));
  EXPECT_EQ(figures.ack_to_final.p50, std::chrono::milliseconds(
                                           latency_histogram::upper_bound(latency_histogram::bucket_of(4'000))));
  EXPECT_EQ(figures, engine.recompute(id).value());
}

TEST_F(pipeline_test, a_multipart_message_fails_when_one_part_fails_in_either_order) {
  for (const bool failure_first : {false, true}) {
    const delivery_id id = started_on_connector(1);
    const std::string first = std::to_string(id) + "1";
    const std::string second = std::to_string(id) + "2";
    ack(id, {{1, first, 0, false}, {1, second, 0, false}});
    const std::string delivered = "id:" + first + " stat:DELIVRD";
    const std::string undelivered = "id:" + second + " stat:UNDELIV err:001";
    EXPECT_EQ(receive(failure_first ? undelivered : delivered), receipt_outcome::applied);
    EXPECT_EQ(receive(failure_first ? delivered : undelivered),
              failure_first ? receipt_outcome::duplicate : receipt_outcome::applied);
    EXPECT_EQ(log_of(id, 1).status, log_status::failed) << "failure first: " << failure_first;
    EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
  }
}

TEST_F(pipeline_test, a_late_failure_brings_a_finished_delivery_through_its_retries_to_the_validity_end) {
  const delivery_id id = started_on_connector(2);
  ack(id, {{1, "r1", 0, false}, {2, "r2", 0, false}});
  EXPECT_EQ(state_of(id), delivery_state::finished) << "nothing waits once every message is acknowledged";
  EXPECT_EQ(receive("id:r1 stat:UNDELIV err:001"), receipt_outcome::applied);
  EXPECT_EQ(state_of(id), delivery_state::retry_pending);
  clock.advance(15min);
  ASSERT_EQ(engine.due_retries(id, 10).value(), std::vector<log_id>{1});
  std::vector<change_outcome> outcomes;
  ASSERT_TRUE(change(id, {{1, log_status::pending}}, &outcomes));
  EXPECT_EQ(outcomes[0], change_outcome::applied);
  EXPECT_EQ(state_of(id), delivery_state::retry_in_progress);
  clock.advance(5 * 24h);
  EXPECT_TRUE(engine.check_validity(id).value());
  EXPECT_EQ(state_of(id), delivery_state::finished);
  EXPECT_EQ(log_of(id, 1).status, log_status::canceled) << "the resend still pending is canceled";
  EXPECT_EQ(engine.indicators_of(id).value().pending, 0U);
  EXPECT_FALSE(engine.check_validity(id).value()) << "once";
}

TEST_F(pipeline_test, a_resent_message_that_succeeds_finishes_the_delivery_again) {
  const delivery_id id = started_on_connector(1);
  ack(id, {{1, "s1", 0, false}});
  receive("id:s1 stat:UNDELIV err:001");
  clock.advance(15min);
  ASSERT_TRUE(change(id, {{1, log_status::pending}}));
  EXPECT_EQ(state_of(id), delivery_state::retry_in_progress);
  ack(id, {{1, "s1-again", 0, false}});
  EXPECT_EQ(state_of(id), delivery_state::finished);
}

TEST_F(pipeline_test, out_of_range_enumerators_are_refused_per_item_and_the_rest_applies) {
  const delivery_id id = started_on_connector(4);
  std::vector<change_outcome> outcomes;
  const auto summary = change(id,
                              {{1, log_status::failed, static_cast<failure_type>(9), failure_reason::refused},
                               {2, log_status::failed, failure_type::soft, static_cast<failure_reason>(99)},
                               {3, static_cast<log_status>(42)},
                               {4, log_status::taken_into_account, {}, {}, "p4"}},
                              &outcomes);
  ASSERT_TRUE(summary);
  EXPECT_EQ(outcomes, (std::vector<change_outcome>{change_outcome::invalid_argument, change_outcome::invalid_argument,
                                                    change_outcome::invalid_argument, change_outcome::applied}));
  EXPECT_EQ(summary->applied, 1U);
  EXPECT_EQ(summary->refused, 3U);
  for (const log_id log : {1U, 2U, 3U}) EXPECT_EQ(log_of(id, log).status, log_status::pending);
  const auto logs = engine.logs(id, {.limit = 10}).value();
  EXPECT_TRUE(parse_json<std::vector<delivery_log>>(to_json_text(logs)).has_value()) << "the logs read back";
}

TEST_F(pipeline_test, texts_and_provider_ids_that_no_store_could_keep_are_refused_per_item) {
  const delivery_id id = started_on_connector(4);
  std::vector<change_outcome> outcomes;
  ASSERT_TRUE(change(id,
                     {{1, log_status::failed, failure_type::soft, failure_reason::refused, {}, "bad \x80 text"},
                      {2, log_status::failed, failure_type::soft, failure_reason::refused, {}, std::string_view("nul\0", 4)},
                      {3, log_status::taken_into_account, {}, {}, "\x80\x81"},
                      {4, log_status::failed, failure_type::soft, failure_reason::refused, {}, std::string(2000, 'x')}},
                     &outcomes));
  EXPECT_EQ(outcomes, std::vector<change_outcome>(4, change_outcome::invalid_argument));
  EXPECT_EQ(engine.indicators_of(id).value().pending, 4U);
}

TEST_F(pipeline_test, an_ack_whose_id_is_not_utf8_is_refused_alone) {
  const delivery_id id = started_on_connector(2);
  EXPECT_EQ(ack(id, {{1, "\x80\x81", 0, false}, {2, "ok-2", 0, false}}),
            (std::vector<ack_outcome>{ack_outcome::invalid_id, ack_outcome::accepted}));
  EXPECT_EQ(log_of(id, 1).status, log_status::pending);
  EXPECT_FALSE(log_of(id, 1).provider_id);
  const std::string journal = to_json_text(engine.journal(id, {.limit = 100}).value());
  EXPECT_TRUE(parse_json<std::vector<audit_event>>(journal).has_value());
  EXPECT_EQ(receive("id:\x80\x81 stat:DELIVRD"), receipt_outcome::invalid);
}

TEST_F(pipeline_test, the_horizon_has_its_own_journal_code_and_a_later_receipt_replaces_its_mark) {
  const delivery_id id = started_on_connector(1);
  ack(id, {{1, "h1", 0, false}});
  clock.advance(72h);
  EXPECT_EQ(engine.check_receipt_horizon(id).value(), 1U);
  EXPECT_EQ(count_code(id, audit_code::receipts_timed_out), 1U);
  EXPECT_EQ(count_code(id, audit_code::unknown_message_ids), 0U);
  EXPECT_EQ(log_of(id, 1).text, receipt_timed_out_text);
  EXPECT_EQ(receive("id:h1 stat:DELIVRD"), receipt_outcome::applied);
  EXPECT_EQ(log_of(id, 1).status, log_status::received_on_mobile);
  EXPECT_NE(log_of(id, 1).text, receipt_timed_out_text);
}

TEST_F(pipeline_test, the_logs_of_one_number_answer_what_happened_to_it) {
  const delivery_id id = started_on_connector(3);
  ack(id, {{2, "n2", 0, false}});
  receive("id:n2 stat:UNDELIV err:001");
  log_page_query query;
  query.address = phone_number::parse("+33600000001").value();
  const auto logs = engine.logs(id, query).value();
  ASSERT_EQ(logs.size(), 1U);
  EXPECT_EQ(logs[0].id, 2U);
  EXPECT_EQ(logs[0].status, log_status::failed);
  EXPECT_EQ(logs[0].text, "id:n2 stat:UNDELIV err:001");
}

TEST_F(pipeline_test, filters_out_of_range_are_refused) {
  const delivery_id id = started_on_connector(1);
  EXPECT_EQ(engine.throughput(id, static_cast<throughput_scale>(2)).error(), errc::invalid_argument);
  log_page_query query;
  query.status = static_cast<log_status>(77);
  EXPECT_EQ(engine.logs(id, query).error(), errc::invalid_argument);
}

// ----- the same facts through every door --------------------------------------------------------

// What happened to one message: acknowledged with an id, then a final receipt.
struct message_fact {
  log_id log = 0;
  std::string provider_id;
  std::string final_receipt;  // "" : none
  log_status final_status = log_status::taken_into_account;
  failure_type type = failure_type::not_defined;
  failure_reason reason = failure_reason::not_defined;
};

std::vector<message_fact> make_facts(log_id logs, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<message_fact> facts;
  for (log_id log = 1; log <= logs; ++log) {
    message_fact f;
    f.log = log;
    f.provider_id = "id" + std::to_string(log);
    switch (random() % 4) {
      case 0: f.final_receipt = ""; break;
      case 1:
        f.final_receipt = "id:" + f.provider_id + " stat:DELIVRD";
        f.final_status = log_status::received_on_mobile;
        break;
      case 2:  // provisioned soft / refused
        f.final_receipt = "id:" + f.provider_id + " stat:UNDELIV err:034";
        f.final_status = log_status::failed;
        f.type = failure_type::soft;
        f.reason = failure_reason::refused;
        break;
      default:  // requalified hard / user_unknown
        f.final_receipt = "id:" + f.provider_id + " stat:REJECTD err:001";
        f.final_status = log_status::failed;
        f.type = failure_type::hard;
        f.reason = failure_reason::user_unknown;
        break;
    }
    facts.push_back(f);
  }
  return facts;
}

struct door_result {
  std::vector<delivery_log> logs;
  std::vector<quarantine_entry> quarantine;
  std::vector<qualification_entry> qualification;
  std::vector<log_id> due_retries;
  std::map<audit_code, std::size_t> journal;
  indicators figures;
  delivery_state state = delivery_state::editing;
};

// How each fact reaches the tracker.
enum class door { receipts, host, mixed };

// The facts through `how`, acks first then the final statuses in `order`, each `copies` times,
// split across `threads`.
door_result run(const std::vector<message_fact>& facts, door how, std::vector<std::size_t> order, int copies,
                int threads) {
  memory_store store;
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine{store, clock};
  EXPECT_TRUE(engine.requalify({.key = "SR smpp-a REJECTD 001", .type = failure_type::hard,
                                .reason = failure_reason::user_unknown, .status = qualification_status::keep}));
  delivery_draft draft{"Doors", "Hello", "ACME", {}};
  draft.settings.connector = "smpp-a";
  const delivery_id id = engine.create_delivery(draft).value();
  EXPECT_TRUE(engine.analyse(id, make_target(facts.size())).has_value());
  EXPECT_TRUE(engine.start(id, "tester").has_value());
  // Mixed: a fact's ack and its final status come through different doors.
  const auto through_receipts = [&](std::size_t i, bool finals) {
    return how == door::receipts || (how == door::mixed && (i + (finals ? 1 : 0)) % 2 == 0);
  };

  // Acks, then final statuses; every item of a phase in `order`, `copies` times.
  for (const bool finals : {false, true}) {
    std::vector<std::size_t> items;
    for (int c = 0; c < copies; ++c) {
      for (const std::size_t i : order) {
        if (!finals || !facts[i].final_receipt.empty()) items.push_back(i);
      }
    }
    std::vector<std::thread> workers;
    const std::size_t share = (items.size() + static_cast<std::size_t>(threads) - 1) / static_cast<std::size_t>(threads);
    for (int w = 0; w < threads; ++w) {
      workers.emplace_back([&, w] {
        const std::size_t begin = std::min(items.size(), static_cast<std::size_t>(w) * share);
        const std::size_t end = std::min(items.size(), begin + share);
        for (std::size_t at = begin; at < end; at += 5) {  // small batches interleave the doors
          std::vector<message_ack> acks;
          std::vector<incoming_receipt> receipts;
          std::vector<status_change> changes;
          for (std::size_t k = at; k < std::min(end, at + 5); ++k) {
            const message_fact& f = facts[items[k]];
            if (through_receipts(items[k], finals)) {
              if (finals) receipts.push_back({f.final_receipt, {}});
              else acks.push_back({f.log, f.provider_id, 0, false});
            } else if (finals) {
              const bool failed = f.final_status == log_status::failed;
              changes.push_back({f.log, f.final_status, f.type, f.reason, {}, failed ? std::string_view(f.final_receipt) : std::string_view()});
            } else {
              changes.push_back({f.log, log_status::taken_into_account, {}, {}, f.provider_id, {}});
            }
          }
          std::vector<ack_outcome> acked(acks.size());
          EXPECT_TRUE(engine.on_ack(id, acks, acked).has_value());
          std::vector<receipt_outcome> received(receipts.size());
          EXPECT_TRUE(engine.on_receipts("smpp-a", receipts, received).has_value());
          std::vector<change_outcome> changed(changes.size());
          EXPECT_TRUE(engine.update_logs(id, changes, changed).has_value());
        }
      });
    }
    for (std::thread& w : workers) w.join();
  }
  clock.advance(15min);
  door_result result;
  result.logs = engine.logs(id, {.limit = 10'000}).value();
  result.quarantine = store.quarantine().page({.limit = 10'000}).value();
  result.qualification = store.qualification().page("", 100).value();
  for (qualification_entry& e : result.qualification) e.first_text.clear();  // the first to come: order decides
  result.due_retries = engine.due_retries(id, 10'000).value();
  for (const audit_event& e : engine.journal(id, {.limit = 10'000}).value()) ++result.journal[e.code];
  result.figures = engine.indicators_of(id).value();
  EXPECT_EQ(result.figures, engine.recompute(id).value()) << "indicators equal a recompute";
  result.state = engine.get_delivery(id).value().state;
  return result;
}

TEST(pipeline_property, the_same_facts_give_the_same_result_through_every_door) {
  const std::vector<message_fact> facts = make_facts(120, 5);
  std::vector<std::size_t> order(facts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const door_result reference = run(facts, door::receipts, order, 1, 1);
  EXPECT_GT(reference.figures.delivered, 0U);
  EXPECT_GT(reference.figures.new_quarantines, 0U);
  EXPECT_FALSE(reference.due_retries.empty());
  EXPECT_EQ(reference.state, delivery_state::retry_pending);
  std::mt19937 random(17);
  const door doors[] = {door::host, door::mixed, door::receipts, door::host, door::mixed};
  for (std::size_t round = 0; round < std::size(doors); ++round) {
    std::shuffle(order.begin(), order.end(), random);
    const door_result other = run(facts, doors[round], order, 1 + static_cast<int>(round % 2), 1 + static_cast<int>(round % 2));
    EXPECT_EQ(other.logs, reference.logs) << "round " << round;
    EXPECT_EQ(other.quarantine, reference.quarantine) << "round " << round;
    EXPECT_EQ(other.due_retries, reference.due_retries) << "round " << round;
    EXPECT_EQ(other.journal, reference.journal) << "round " << round;
    EXPECT_EQ(other.figures, reference.figures) << "round " << round;
    EXPECT_EQ(other.state, reference.state) << "round " << round;
    // Only receipts are counted in the qualification table: a host states the failure itself.
    if (doors[round] == door::receipts) {
      EXPECT_EQ(other.qualification, reference.qualification) << "round " << round;
    }
  }
}

// ----- one unit of work per batch: another writer between the reads and the commit -----------

// A memory store where another writer acts just before a unit is committed (`before_commit`,
// for as many commits as `interferences` says).
class interfered_store final : public storage {
 public:
  memory_store inner;
  std::function<void()> before_commit;
  int interferences = 0;
  int commits = 0;

  delivery_store& deliveries() override { return inner.deliveries(); }
  log_store& logs() override { return inner.logs(); }
  exclusion_store& exclusions() override { return inner.exclusions(); }
  quarantine_store& quarantine() override { return inner.quarantine(); }
  qualification_store& qualification() override { return inner.qualification(); }
  tracking_store& tracking() override { return inner.tracking(); }
  audit_store& audit() override { return inner.audit(); }
  reply_store& replies() override { return inner.replies(); }
  result<commit_status> commit(const unit_of_work& unit, std::span<write_outcome> outcomes) override {
    ++commits;
    if (interferences > 0 && before_commit) {
      --interferences;
      before_commit();
    }
    return inner.commit(unit, outcomes);
  }
};

class pipeline_unit_test : public ::testing::Test {
 protected:
  delivery_id started(std::size_t recipients) {
    delivery_draft draft{"Units", "Hello", "ACME", {}};
    draft.settings.connector = "smpp-a";
    const delivery_id id = engine.create_delivery(draft).value();
    EXPECT_TRUE(engine.analyse(id, make_target(recipients)).has_value());
    EXPECT_TRUE(engine.start(id, "tester").has_value());
    std::vector<message_ack> acks;
    for (log_id log = 1; log <= recipients; ++log) acks.push_back({log, provider_ids_.emplace_back("u" + std::to_string(log)), 0, false});
    std::vector<ack_outcome> out(acks.size());
    const auto acked = engine.on_ack(id, acks, out);
    EXPECT_TRUE(acked.has_value()) << acked.error().message();
    return id;
  }
  result<receipt_summary> receive(std::string_view text, receipt_outcome& outcome) {
    const incoming_receipt in{text, {}};
    return engine.on_receipts("smpp-a", std::span(&in, 1), std::span(&outcome, 1));
  }
  log_status status_of(delivery_id id, log_id log) {
    std::optional<log_digest> out[1];
    EXPECT_TRUE(store.inner.logs().read_digests(id, std::span<const log_id>(&log, 1), out).has_value());
    return out[0]->status;
  }
  // Another writer fails log `log` of `id` behind the tracker.
  void fail_behind(delivery_id id, log_id log) {
    log_update change{log, log_status::taken_into_account, log_status::failed, failure_type::hard,
                      failure_reason::user_unknown, 0, clock.now(), {}, "failed elsewhere"};
    write_outcome out[1];
    ASSERT_TRUE(store.inner.logs().update(id, std::span(&change, 1), out).has_value());
    ASSERT_EQ(out[0], write_outcome::applied);
  }

  std::deque<std::string> provider_ids_;  // the acks view them
  interfered_store store;
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine{store, clock};
};

TEST_F(pipeline_unit_test, a_log_changed_by_another_writer_before_the_commit_is_decided_again) {
  const delivery_id id = started(2);
  store.before_commit = [&] { fail_behind(id, 1); };
  store.interferences = 1;
  receipt_outcome outcome{};
  ASSERT_TRUE(receive("id:u1 stat:DELIVRD", outcome));
  EXPECT_EQ(outcome, receipt_outcome::duplicate) << "decided again: the log failed meanwhile";
  EXPECT_EQ(status_of(id, 1), log_status::failed);
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
}

TEST_F(pipeline_unit_test, a_record_moved_by_another_writer_before_the_commit_is_read_again) {
  const delivery_id id = started(1);
  store.before_commit = [&] {
    delivery moved = store.inner.deliveries().get(id).value();
    moved.label = "renamed elsewhere";
    ASSERT_TRUE(store.inner.deliveries().update(moved).has_value());
  };
  store.interferences = 1;
  receipt_outcome outcome{};
  ASSERT_TRUE(receive("id:u1 stat:DELIVRD", outcome));
  EXPECT_EQ(outcome, receipt_outcome::applied);
  const delivery stored = store.inner.deliveries().get(id).value();
  EXPECT_EQ(stored.state, delivery_state::finished) << "the last receipt finishes the delivery";
  EXPECT_EQ(stored.label, "renamed elsewhere") << "over the record as the other writer left it";
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
}

TEST_F(pipeline_unit_test, a_batch_whose_logs_keep_changing_is_refused_whole_after_three_attempts) {
  const delivery_id id = started(2);
  store.before_commit = [&] {  // log 2 goes back to pending, is acknowledged again, ...: every
                               // attempt meets a change, and every attempt may deliver it
    const log_status now = status_of(id, 2);
    const log_status next = now == log_status::pending ? log_status::taken_into_account : log_status::pending;
    log_update change{2, now, next, failure_type::not_defined, failure_reason::not_defined, 0, clock.now(), {}, {}};
    write_outcome out[1];
    ASSERT_TRUE(store.inner.logs().update(id, std::span(&change, 1), out).has_value());
  };
  store.interferences = 3;
  const int commits_before = store.commits;
  const incoming_receipt batch[] = {{"id:u1 stat:UNDELIV err:001", {}}, {"id:u2 stat:DELIVRD", {}}};
  std::vector<receipt_outcome> out(2);
  const auto refused = engine.on_receipts("smpp-a", batch, out);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), errc::storage_unavailable);
  EXPECT_TRUE(refused.error() == condition::transient) << "worth reporting again";
  EXPECT_EQ(status_of(id, 1), log_status::taken_into_account) << "nothing of the batch is stored";
  EXPECT_FALSE(store.inner.quarantine().page({}).value().size() > 0);
  EXPECT_EQ(store.commits - commits_before, 3) << "three attempts";
  ASSERT_TRUE(engine.on_receipts("smpp-a", batch, out));
  EXPECT_EQ(out[0], receipt_outcome::applied) << "reported again, the batch goes through";
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
}

}  // namespace
}  // namespace smstrack

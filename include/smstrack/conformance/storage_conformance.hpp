// The storage conformance suite: GoogleTest typed tests that check an adapter against every
// contract written in the storage port headers (smstrack/ports/*.hpp).
//
// An adapter author writes, in one test source file linked with smstrack::conformance and
// GTest::gtest_main:
//
//   #include <smstrack/conformance/storage_conformance.hpp>
//   SMSTRACK_STORAGE_CONFORMANCE(my_adapter, [] { return std::make_unique<my_storage>(...); });
//
// The factory returns a `std::unique_ptr<smstrack::storage>` to a fresh, empty store; each test
// gets its own. An adapter with a legitimate deviation declares it through capabilities:
//
//   SMSTRACK_STORAGE_CONFORMANCE_WITH(my_adapter, factory,
//                                     (smstrack::conformance::capabilities{.concurrent_writers = false}));
//
// Tests whose capability is off are skipped with the reason, so the report shows what an
// adapter does not promise.
#pragma once

#include <smstrack/ports/storage.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace conformance {

/// What an adapter promises beyond the baseline contracts.
struct capabilities {
  bool concurrent_writers = true;  ///< several threads may write at once (tested with 4 threads)
};

using storage_factory = std::function<std::unique_ptr<storage>()>;

/// Helpers shared by the tests: small records with deterministic content.
inline timestamp at(std::int64_t minute) { return from_unix_ms(1'790'000'000'000 + minute * 60'000); }

inline delivery_log make_log(delivery_id d, log_id id) {
  delivery_log log;
  log.delivery = d;
  log.id = id;
  log.recipient = 1000 + id;
  log.address = phone_number::from_digits(33'600'000'000ULL + id).value();
  log.seed = id % 10 == 0;
  log.updated = at(0);
  return log;
}

inline std::vector<delivery_log> make_logs(delivery_id d, log_id first, log_id count) {
  std::vector<delivery_log> logs;
  for (log_id id = first; id < first + count; ++id) logs.push_back(make_log(d, id));
  return logs;
}

inline log_update status_update(log_id id, log_status from, log_status to, std::int64_t minute = 1) {
  log_update u;
  u.id = id;
  u.expected = from;
  u.status = to;
  u.updated = at(minute);
  return u;
}

inline audit_event make_event(delivery_id d, std::int64_t minute, audit_severity severity, std::string message) {
  audit_event e;
  e.delivery = d;
  e.time = at(minute);
  e.severity = severity;
  e.code = audit_code::delivery_started;
  e.message = std::move(message);
  return e;
}

inline quarantine_entry make_entry(std::uint64_t digits, std::string short_code, quarantine_status status) {
  quarantine_entry e;
  e.address = phone_number::from_digits(digits).value();
  e.short_code = std::move(short_code);
  e.status = status;
  e.created = e.updated = at(0);
  return e;
}

template <class Traits>
class storage_conformance : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Traits::make();
    ASSERT_NE(store_, nullptr) << "the factory returned no storage";
  }
  static capabilities caps() { return Traits::caps(); }
  storage& store() { return *store_; }
  delivery_id new_delivery(std::string label = "d") {
    delivery d;
    d.label = std::move(label);
    auto id = store().deliveries().create(d);
    EXPECT_TRUE(id.has_value());
    return id.value();
  }
  std::optional<delivery_log> read_log(delivery_id d, log_id id) {
    std::optional<delivery_log> out[1];
    EXPECT_TRUE(store().logs().get(d, std::span<const log_id>(&id, 1), out).has_value());
    return out[0];
  }

 private:
  std::unique_ptr<storage> store_;
};

TYPED_TEST_SUITE_P(storage_conformance);

// ----- deliveries ---------------------------------------------------------------------------

TYPED_TEST_P(storage_conformance, delivery_create_assigns_fresh_ids_at_revision_one) {
  delivery d;
  d.id = 999;
  d.revision = 42;
  d.label = "first";
  const auto a = this->store().deliveries().create(d).value();
  const auto b = this->store().deliveries().create(d).value();
  EXPECT_GT(a, 0U);
  EXPECT_NE(a, b);
  const delivery stored = this->store().deliveries().get(a).value();
  EXPECT_EQ(stored.id, a);
  EXPECT_EQ(stored.revision, 1U);
  EXPECT_EQ(stored.label, "first");
}

TYPED_TEST_P(storage_conformance, delivery_get_unknown_is_unknown_delivery) {
  const auto missing = this->store().deliveries().get(123456);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error(), errc::unknown_delivery);
}

TYPED_TEST_P(storage_conformance, delivery_update_is_compare_and_set_on_revision) {
  const delivery_id id = this->new_delivery("before");
  delivery d = this->store().deliveries().get(id).value();
  d.label = "after";
  EXPECT_EQ(this->store().deliveries().update(d).value(), 2U);
  d.label = "stale";  // still revision 1
  const auto stale = this->store().deliveries().update(d);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error(), errc::revision_conflict);
  EXPECT_EQ(this->store().deliveries().get(id).value().label, "after");
  d.id = 777777;
  EXPECT_EQ(this->store().deliveries().update(d).error(), errc::unknown_delivery);
}

TYPED_TEST_P(storage_conformance, delivery_list_pages_ascending) {
  std::vector<delivery_id> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(this->new_delivery("d" + std::to_string(i)));
  const auto first = this->store().deliveries().list(0, 3).value();
  ASSERT_EQ(first.size(), 3U);
  const auto rest = this->store().deliveries().list(first.back().id, 10).value();
  ASSERT_EQ(rest.size(), 2U);
  std::vector<delivery_id> seen;
  for (const auto& d : first) seen.push_back(d.id);
  for (const auto& d : rest) seen.push_back(d.id);
  EXPECT_EQ(seen, ids);
}

// ----- logs ---------------------------------------------------------------------------------

TYPED_TEST_P(storage_conformance, log_insert_then_get_round_trips_every_field) {
  const delivery_id d = this->new_delivery();
  delivery_log log = make_log(d, 1);
  log.status = log_status::failed;
  log.type = failure_type::soft;
  log.reason = failure_reason::mailbox_full;
  log.retries = 3;
  log.provider_id = "0A1B2C";
  log.text = "stat:UNDELIV err:005";
  log.submitted = at(-3);
  log.acked = at(-2);
  ASSERT_TRUE(this->store().logs().insert(d, std::span<const delivery_log>(&log, 1)).has_value());
  EXPECT_EQ(this->read_log(d, 1), log);
  EXPECT_EQ(this->read_log(d, 2), std::nullopt);
  const log_id ids[] = {1};
  std::optional<log_digest> digest[1];
  ASSERT_TRUE(this->store().logs().read_digests(d, ids, digest).has_value());
  EXPECT_EQ(digest[0], digest_of(log));
  EXPECT_EQ(this->store().logs().scan_digests(d, 0, 10).value(), std::vector<log_digest>{digest_of(log)});
}

// A log's submit and ack times are written as each change gives them, empty included, near its
// last change or weeks away from it, and read back to the millisecond.
TYPED_TEST_P(storage_conformance, log_update_writes_the_attempt_times_as_given) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 2)).has_value());
  log_update submit = status_update(1, log_status::pending, log_status::sent_to_provider, 1);
  submit.submitted = at(1) - std::chrono::milliseconds(7);
  log_update ack = status_update(1, log_status::sent_to_provider, log_status::taken_into_account, 2);
  ack.submitted = submit.submitted;
  ack.acked = at(2);
  log_update late = status_update(1, log_status::taken_into_account, log_status::received_on_mobile, 60 * 24 * 40);
  late.submitted = submit.submitted;  // 40 days before the change that carries it
  late.acked = ack.acked;
  log_update far_back = status_update(2, log_status::pending, log_status::sent_to_provider, 1);
  far_back.submitted = at(-60 * 24 * 400);
  write_outcome out[4];
  const log_update changes[] = {submit, ack, late, far_back};
  ASSERT_TRUE(this->store().logs().update(d, changes, out).has_value());
  const delivery_log first = *this->read_log(d, 1);
  EXPECT_EQ(first.submitted, submit.submitted);
  EXPECT_EQ(first.acked, ack.acked);
  EXPECT_EQ(first.updated, late.updated);
  const log_id ids[] = {1, 2};
  std::optional<log_digest> digests[2];
  ASSERT_TRUE(this->store().logs().read_digests(d, ids, digests).has_value());
  EXPECT_EQ(digests[0]->submitted, submit.submitted);
  EXPECT_EQ(digests[0]->acked, ack.acked);
  EXPECT_EQ(digests[1]->submitted, far_back.submitted);
  EXPECT_EQ(digests[1]->acked, std::nullopt);
  log_update requeue = status_update(2, log_status::sent_to_provider, log_status::pending, 2);  // times cleared
  write_outcome one[1];
  ASSERT_TRUE(this->store().logs().update(d, std::span<const log_update>(&requeue, 1), one).has_value());
  EXPECT_EQ(one[0], write_outcome::applied);
  EXPECT_EQ(this->read_log(d, 2)->submitted, std::nullopt);
  EXPECT_EQ(this->store().logs().scan_digests(d, 1, 10).value().at(0).submitted, std::nullopt);
}

TYPED_TEST_P(storage_conformance, log_keeps_its_network_message_shape_and_horizon_mark_as_written) {
  const delivery_id d = this->new_delivery();
  std::vector<delivery_log> logs = make_logs(d, 1, 3);
  logs[0].network = network_code::parse("310-260").value();  // a three-digit MNC
  logs[1].network = network_code::parse("999-999").value();  // the largest code
  logs[1].receipt_timed_out = true;
  logs[0].parts = 2;
  logs[0].encoding = sms_encoding::ucs2;
  logs[1].parts = 255;  // the longest message a delivery allows
  logs[1].encoding = sms_encoding::latin1;
  logs[1].retries = 300;
  ASSERT_TRUE(this->store().logs().insert(d, logs).has_value());
  EXPECT_EQ(*this->read_log(d, 1), logs[0]);
  EXPECT_EQ(*this->read_log(d, 2), logs[1]);
  EXPECT_EQ(this->read_log(d, 1)->network, logs[0].network);
  EXPECT_EQ(this->read_log(d, 2)->network, logs[1].network);
  EXPECT_TRUE(this->read_log(d, 2)->receipt_timed_out);
  EXPECT_FALSE(this->read_log(d, 3)->network.known());
  log_update named = status_update(3, log_status::pending, log_status::sent_to_provider, 1);
  named.network = network_code::parse("208-01").value();
  named.receipt_timed_out = true;
  log_update forgotten = status_update(2, log_status::pending, log_status::sent_to_provider, 1);  // written as given
  write_outcome out[2];
  const log_update changes[] = {named, forgotten};
  ASSERT_TRUE(this->store().logs().update(d, changes, out).has_value());
  const log_id ids[] = {2, 3};
  std::optional<log_digest> digests[2];
  ASSERT_TRUE(this->store().logs().read_digests(d, ids, digests).has_value());
  EXPECT_FALSE(digests[0]->network.known());
  EXPECT_FALSE(digests[0]->receipt_timed_out);
  EXPECT_EQ(digests[1]->network, named.network);
  EXPECT_TRUE(digests[1]->receipt_timed_out);
  const std::vector<log_digest> scanned = this->store().logs().scan_digests(d, 0, 10).value();
  ASSERT_EQ(scanned.size(), 3U);
  EXPECT_EQ(scanned[0].network, logs[0].network);
  EXPECT_EQ(scanned[2].network, named.network);
  EXPECT_EQ(scanned[0].parts, 2U);
  EXPECT_EQ(scanned[0].encoding, sms_encoding::ucs2);
  EXPECT_EQ(scanned[1].parts, 255U) << "an update keeps the message's shape";
  EXPECT_EQ(scanned[1].encoding, sms_encoding::latin1);
  EXPECT_EQ(scanned[1].retries, forgotten.retries);
  EXPECT_EQ(scanned[2].parts, 0U) << "unknown";
}

TYPED_TEST_P(storage_conformance, log_insert_is_all_or_nothing) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 3)).has_value());
  std::vector<delivery_log> batch = make_logs(d, 4, 3);
  delivery_log changed = make_log(d, 2);
  changed.recipient = 4242;
  batch.push_back(changed);
  const auto refused = this->store().logs().insert(d, batch);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(), errc::duplicate_id);
  EXPECT_EQ(this->read_log(d, 4), std::nullopt) << "a refused batch must store nothing";
  EXPECT_EQ(this->read_log(d, 2), make_log(d, 2));
}

TYPED_TEST_P(storage_conformance, log_insert_replay_is_idempotent) {
  const delivery_id d = this->new_delivery();
  const auto logs = make_logs(d, 1, 5);
  ASSERT_TRUE(this->store().logs().insert(d, logs).has_value());
  ASSERT_TRUE(this->store().logs().insert(d, logs).has_value());
  EXPECT_EQ(this->store().logs().scan_digests(d, 0, 100).value().size(), 5U);
}

TYPED_TEST_P(storage_conformance, log_insert_rejects_foreign_or_zero_ids) {
  const delivery_id d = this->new_delivery();
  const delivery_id other = this->new_delivery();
  const auto foreign = make_logs(other, 1, 1);
  EXPECT_EQ(this->store().logs().insert(d, foreign).error(), errc::invalid_argument);
  const auto zero = make_logs(d, 0, 1);
  EXPECT_EQ(this->store().logs().insert(d, zero).error(), errc::invalid_argument);
  EXPECT_TRUE(this->store().logs().scan_digests(d, 0, 10).value().empty());
}

TYPED_TEST_P(storage_conformance, log_update_is_compare_and_set_per_item) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 2)).has_value());
  const log_update changes[] = {
      status_update(1, log_status::pending, log_status::sent_to_provider),
      status_update(2, log_status::sent_to_provider, log_status::taken_into_account),  // wrong expectation
      status_update(3, log_status::pending, log_status::failed),                       // no such log
  };
  write_outcome out[3];
  ASSERT_TRUE(this->store().logs().update(d, changes, out).has_value());
  EXPECT_EQ(out[0], write_outcome::applied);
  EXPECT_EQ(out[1], write_outcome::conflict);
  EXPECT_EQ(out[2], write_outcome::not_found);
  EXPECT_EQ(this->read_log(d, 1)->status, log_status::sent_to_provider);
  EXPECT_EQ(this->read_log(d, 1)->updated, at(1));
  EXPECT_EQ(this->read_log(d, 2)->status, log_status::pending);
}

TYPED_TEST_P(storage_conformance, log_update_chains_changes_in_order) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 1)).has_value());
  log_update fail = status_update(1, log_status::sent_to_provider, log_status::failed, 2);
  fail.type = failure_type::soft;
  fail.reason = failure_reason::unreachable;
  fail.retries = 1;
  fail.text = "no ack";
  const log_update changes[] = {status_update(1, log_status::pending, log_status::sent_to_provider), fail};
  write_outcome out[2];
  ASSERT_TRUE(this->store().logs().update(d, changes, out).has_value());
  EXPECT_EQ(out[1], write_outcome::applied);
  const delivery_log stored = *this->read_log(d, 1);
  EXPECT_EQ(stored.status, log_status::failed);
  EXPECT_EQ(stored.type, failure_type::soft);
  EXPECT_EQ(stored.reason, failure_reason::unreachable);
  EXPECT_EQ(stored.retries, 1U);
  EXPECT_EQ(stored.text, "no ack");
  EXPECT_EQ(stored.updated, at(2));
}

TYPED_TEST_P(storage_conformance, log_update_records_and_indexes_provider_ids) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 3)).has_value());
  log_update ack = status_update(2, log_status::pending, log_status::taken_into_account);
  ack.provider_id = "msg-0002";
  write_outcome out[1];
  ASSERT_TRUE(this->store().logs().update(d, std::span<const log_update>(&ack, 1), out).has_value());
  ASSERT_EQ(out[0], write_outcome::applied);
  EXPECT_EQ(this->read_log(d, 2)->provider_id, "msg-0002");
  const std::string_view ids[] = {"msg-0002", "msg-9999"};
  std::optional<log_ref> refs[2];
  ASSERT_TRUE(this->store().logs().find_by_provider_ids(ids, refs).has_value());
  EXPECT_EQ(refs[0], (log_ref{d, 2}));
  EXPECT_EQ(refs[1], std::nullopt);

  log_update steal = status_update(3, log_status::pending, log_status::taken_into_account);
  steal.provider_id = "msg-0002";
  ASSERT_TRUE(this->store().logs().update(d, std::span<const log_update>(&steal, 1), out).has_value());
  EXPECT_EQ(out[0], write_outcome::provider_id_taken);
  EXPECT_EQ(this->read_log(d, 3)->status, log_status::pending);
}

TYPED_TEST_P(storage_conformance, log_scans_and_pages_are_keyset_ascending) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 25)).has_value());
  std::vector<log_id> seen;
  log_id after = 0;
  for (;;) {
    const auto page = this->store().logs().scan_digests(d, after, 7).value();
    if (page.empty()) break;
    EXPECT_LE(page.size(), 7U);
    for (const auto& digest : page) seen.push_back(digest.id);
    after = page.back().id;
  }
  ASSERT_EQ(seen.size(), 25U);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  log_update fail = status_update(5, log_status::pending, log_status::failed);
  write_outcome out[1];
  ASSERT_TRUE(this->store().logs().update(d, std::span<const log_update>(&fail, 1), out).has_value());
  const auto failed = this->store().logs().page(d, {log_status::failed, 0, 10}).value();
  ASSERT_EQ(failed.size(), 1U);
  EXPECT_EQ(failed[0].id, 5U);
  const auto after_ten = this->store().logs().page(d, {std::nullopt, 10, 100}).value();
  ASSERT_EQ(after_ten.size(), 15U);
  EXPECT_EQ(after_ten.front().id, 11U);
}

TYPED_TEST_P(storage_conformance, log_pages_filter_by_address) {
  const delivery_id d = this->new_delivery();
  std::vector<delivery_log> logs = make_logs(d, 1, 12);
  logs[8].address = logs[2].address;  // logs 3 and 9 go to one number
  ASSERT_TRUE(this->store().logs().insert(d, logs).has_value());
  log_page_query query{std::nullopt, 0, 10, logs[2].address};
  const auto both = this->store().logs().page(d, query).value();
  ASSERT_EQ(both.size(), 2U);
  EXPECT_EQ(both[0].id, 3U);
  EXPECT_EQ(both[1].id, 9U);
  query.after = 3;
  ASSERT_EQ(this->store().logs().page(d, query).value().size(), 1U) << "keyset paging applies too";
  log_update fail = status_update(9, log_status::pending, log_status::failed);
  write_outcome out[1];
  ASSERT_TRUE(this->store().logs().update(d, std::span<const log_update>(&fail, 1), out).has_value());
  const auto failed = this->store().logs().page(d, {log_status::failed, 0, 10, logs[2].address}).value();
  ASSERT_EQ(failed.size(), 1U);
  EXPECT_EQ(failed[0].id, 9U);
  const auto nobody = this->store().logs().page(d, {std::nullopt, 0, 10, phone_number::parse("+14155550100").value()});
  EXPECT_TRUE(nobody.value().empty());
}

TYPED_TEST_P(storage_conformance, log_reads_of_unknown_delivery_are_empty) {
  const log_id ids[] = {1, 2};
  std::optional<log_digest> digests[2];
  ASSERT_TRUE(this->store().logs().read_digests(424242, ids, digests).has_value());
  EXPECT_EQ(digests[0], std::nullopt);
  EXPECT_TRUE(this->store().logs().scan_digests(424242, 0, 10).value().empty());
  EXPECT_TRUE(this->store().logs().page(424242, {}).value().empty());
}

TYPED_TEST_P(storage_conformance, log_batch_outputs_must_match_inputs) {
  const delivery_id d = this->new_delivery();
  const log_id ids[] = {1, 2};
  std::optional<log_digest> one[1];
  EXPECT_EQ(this->store().logs().read_digests(d, ids, one).error(), errc::invalid_argument);
  const log_update changes[] = {status_update(1, log_status::pending, log_status::failed)};
  std::vector<write_outcome> none;
  EXPECT_EQ(this->store().logs().update(d, changes, none).error(), errc::invalid_argument);
}

TYPED_TEST_P(storage_conformance, log_history_counts_other_deliveries_logs_by_status_and_time) {
  const delivery_id a = this->new_delivery();
  const delivery_id b = this->new_delivery();
  const delivery_id current = this->new_delivery();
  const phone_number shared = phone_number::from_digits(33'611'111'111ULL).value();
  const phone_number alone = phone_number::from_digits(33'622'222'222ULL).value();
  const phone_number unknown = phone_number::from_digits(33'633'333'333ULL).value();
  const auto log_to = [](delivery_id d, log_id id, phone_number address, std::int64_t minute, log_status status) {
    delivery_log log = make_log(d, id);
    log.address = address;
    log.updated = at(minute);
    log.status = status;
    return log;
  };
  ASSERT_TRUE(this->store().logs().insert(a, std::vector<delivery_log>{
      log_to(a, 1, shared, 10, log_status::taken_into_account), log_to(a, 2, alone, 20, log_status::received_on_mobile),
      log_to(a, 3, shared, 5, log_status::pending), log_to(a, 4, shared, 30, log_status::failed),
      log_to(a, 5, shared, 1, log_status::pending)}).has_value());
  ASSERT_TRUE(this->store().logs().insert(b, std::vector<delivery_log>{
      log_to(b, 1, shared, 10, log_status::pending)}).has_value());
  ASSERT_TRUE(this->store().logs().insert(current, std::vector<delivery_log>{
      log_to(current, 1, shared, 50, log_status::pending)}).has_value());
  history_query query;
  query.since = at(5);
  query.excluding = current;
  query.statuses = {log_status::pending, log_status::taken_into_account, log_status::received_on_mobile};
  const phone_number asked[] = {shared, unknown, alone, shared};
  address_history out[4];
  ASSERT_TRUE(this->store().logs().history(asked, query, out).has_value());
  // shared: a/1 (10), a/3 (5), b/1 (10); not a/4 (failed), a/5 (too old), current/1 (excluded).
  EXPECT_EQ(out[0].messages, 3U);
  EXPECT_EQ(out[0].latest, (log_ref{b, 1})) << "equal times: the larger delivery id";
  EXPECT_EQ(out[0].latest_time, at(10));
  EXPECT_EQ(out[1], address_history{});
  EXPECT_EQ(out[2], (address_history{1, log_ref{a, 2}, at(20)}));
  EXPECT_EQ(out[3], out[0]) << "a repeated address gets the same answer";
  query = {};
  const phone_number just_shared[] = {shared};
  address_history any[1];
  ASSERT_TRUE(this->store().logs().history(just_shared, query, any).has_value());
  EXPECT_EQ(any[0].messages, 6U) << "every status, every time, every delivery";
  EXPECT_EQ(any[0].latest, (log_ref{current, 1}));
  address_history too_few[1];
  EXPECT_EQ(this->store().logs().history(asked, query, too_few).error(), errc::invalid_argument);
}

TYPED_TEST_P(storage_conformance, log_erase_removes_logs_and_provider_ids) {
  const delivery_id d = this->new_delivery();
  const delivery_id kept = this->new_delivery();
  auto logs = make_logs(d, 1, 3);
  logs[0].provider_id = "gone-1";
  auto other = make_logs(kept, 1, 2);
  other[0].provider_id = "kept-1";
  ASSERT_TRUE(this->store().logs().insert(d, logs).has_value());
  ASSERT_TRUE(this->store().logs().insert(kept, other).has_value());
  EXPECT_EQ(this->store().logs().erase(d).value(), 3U);
  EXPECT_EQ(this->store().logs().erase(d).value(), 0U);
  EXPECT_TRUE(this->store().logs().scan_digests(d, 0, 10).value().empty());
  const std::string_view ids[] = {"gone-1", "kept-1"};
  std::optional<log_ref> refs[2];
  ASSERT_TRUE(this->store().logs().find_by_provider_ids(ids, refs).has_value());
  EXPECT_EQ(refs[0], std::nullopt);
  EXPECT_EQ(refs[1], (log_ref{kept, 1}));
}

TYPED_TEST_P(storage_conformance, log_concurrent_writers_lose_nothing) {
  if (!TestFixture::caps().concurrent_writers) GTEST_SKIP() << "adapter does not support concurrent writers";
  const delivery_id a = this->new_delivery();
  const delivery_id b = this->new_delivery();
  constexpr log_id per_delivery = 2000;
  ASSERT_TRUE(this->store().logs().insert(a, make_logs(a, 1, per_delivery)).has_value());
  ASSERT_TRUE(this->store().logs().insert(b, make_logs(b, 1, per_delivery)).has_value());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const delivery_id d = t % 2 == 0 ? a : b;
      // Threads 0/1 take odd logs, 2/3 even logs: disjoint within a delivery.
      for (log_id id = static_cast<log_id>(1 + t / 2); id <= per_delivery; id += 2) {
        const log_update u = status_update(id, log_status::pending, log_status::taken_into_account);
        write_outcome out[1];
        if (!this->store().logs().update(d, std::span<const log_update>(&u, 1), out) || out[0] != write_outcome::applied) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  for (const delivery_id d : {a, b}) {
    const auto page = this->store().logs().page(d, {log_status::taken_into_account, 0, per_delivery}).value();
    EXPECT_EQ(page.size(), per_delivery);
  }
}

TYPED_TEST_P(storage_conformance, log_concurrent_compare_and_set_has_one_winner) {
  if (!TestFixture::caps().concurrent_writers) GTEST_SKIP() << "adapter does not support concurrent writers";
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 200)).has_value());
  std::atomic<int> applied{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (log_id id = 1; id <= 200; ++id) {
        const log_update u = status_update(id, log_status::pending, log_status::sent_to_provider);
        write_outcome out[1];
        if (this->store().logs().update(d, std::span<const log_update>(&u, 1), out) && out[0] == write_outcome::applied) {
          ++applied;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(applied.load(), 200) << "each compare-and-set must succeed exactly once";
}

// ----- exclusions ---------------------------------------------------------------------------

TYPED_TEST_P(storage_conformance, exclusion_insert_page_causes_erase) {
  const delivery_id d = this->new_delivery();
  std::vector<exclusion_log> rows;
  for (std::uint32_t id = 1; id <= 6; ++id) {
    rows.push_back({d, id, id, "+3360000000" + std::to_string(id),
                    id % 3 == 0 ? failure_reason::duplicate : failure_reason::invalid_phone_number,
                    id % 3 == 0 ? "deduplication" : "address check", "", at(0)});
  }
  ASSERT_TRUE(this->store().exclusions().insert(d, rows).has_value());
  ASSERT_TRUE(this->store().exclusions().insert(d, rows).has_value()) << "replay must be accepted";
  const auto dupes = this->store().exclusions().page(d, {failure_reason::duplicate, 0, 10}).value();
  ASSERT_EQ(dupes.size(), 2U);
  EXPECT_EQ(dupes[0], rows[2]);
  const auto second_page = this->store().exclusions().page(d, {std::nullopt, 4, 10}).value();
  ASSERT_EQ(second_page.size(), 2U);
  EXPECT_EQ(second_page[0].id, 5U);
  const std::vector<exclusion_cause> expected{{"address check", failure_reason::invalid_phone_number, 4},
                                              {"deduplication", failure_reason::duplicate, 2}};
  EXPECT_EQ(this->store().exclusions().causes(d).value(), expected);
  EXPECT_EQ(this->store().exclusions().erase(d).value(), 6U);
  EXPECT_TRUE(this->store().exclusions().causes(d).value().empty());
}

TYPED_TEST_P(storage_conformance, exclusion_causes_list_declared_rules_first_zero_included) {
  const delivery_id d = this->new_delivery();
  const auto row = [&](std::uint32_t id, std::string rule, failure_reason reason) {
    return exclusion_log{d, id, id, "+33600000000", reason, std::move(rule), "why", at(1)};
  };
  ASSERT_TRUE(this->store().exclusions().insert(d, std::vector<exclusion_log>{
      row(1, "zeta", failure_reason::duplicate), row(2, "zeta", failure_reason::duplicate),
      row(3, "alpha", failure_reason::excluded_by_rule), row(4, "undeclared", failure_reason::not_eligible)}).has_value());
  const std::vector<exclusion_rule> rules = {{"zeta", failure_reason::duplicate},
                                             {"nobody", failure_reason::control_address},
                                             {"alpha", failure_reason::excluded_by_rule}};
  ASSERT_TRUE(this->store().exclusions().set_rules(d, rules).has_value());
  const std::vector<exclusion_cause> expected = {{"zeta", failure_reason::duplicate, 2},
                                                 {"nobody", failure_reason::control_address, 0},
                                                 {"alpha", failure_reason::excluded_by_rule, 1},
                                                 {"undeclared", failure_reason::not_eligible, 1}};
  EXPECT_EQ(this->store().exclusions().causes(d).value(), expected);
  const std::vector<exclusion_rule> replaced = {{"alpha", failure_reason::excluded_by_rule}};
  ASSERT_TRUE(this->store().exclusions().set_rules(d, replaced).has_value());
  EXPECT_EQ(this->store().exclusions().causes(d).value().front(), (exclusion_cause{"alpha", failure_reason::excluded_by_rule, 1}));
  EXPECT_EQ(this->store().exclusions().causes(d).value().size(), 3U);
  const std::vector<exclusion_rule> unnamed = {{"", failure_reason::duplicate}};
  EXPECT_EQ(this->store().exclusions().set_rules(d, unnamed).error(), errc::invalid_argument);
  EXPECT_EQ(this->store().exclusions().causes(d).value().size(), 3U) << "a refused call changes nothing";
  EXPECT_EQ(this->store().exclusions().erase(d).value(), 4U);
  EXPECT_TRUE(this->store().exclusions().causes(d).value().empty()) << "erase removes the declared rules too";
}

TYPED_TEST_P(storage_conformance, exclusion_insert_refuses_conflicts_whole) {
  const delivery_id d = this->new_delivery();
  exclusion_log row{d, 1, 0, "", failure_reason::address_not_specified, "address check", "", at(0)};
  ASSERT_TRUE(this->store().exclusions().insert(d, std::span<const exclusion_log>(&row, 1)).has_value());
  exclusion_log fresh = row;
  fresh.id = 2;
  exclusion_log changed = row;
  changed.text = "different";
  const exclusion_log batch[] = {fresh, changed};
  EXPECT_EQ(this->store().exclusions().insert(d, batch).error(), errc::duplicate_id);
  EXPECT_EQ(this->store().exclusions().page(d, {}).value().size(), 1U);
  exclusion_log foreign = row;
  foreign.delivery = d + 1000;
  EXPECT_EQ(this->store().exclusions().insert(d, std::span<const exclusion_log>(&foreign, 1)).error(),
            errc::invalid_argument);
}

// ----- quarantine ---------------------------------------------------------------------------

TYPED_TEST_P(storage_conformance, quarantine_upsert_is_idempotent_and_later_wins) {
  const quarantine_entry first = make_entry(33612345678ULL, "", quarantine_status::with_errors);
  quarantine_entry second = first;
  second.status = quarantine_status::quarantine;
  second.error_count = 6;
  const quarantine_entry batch[] = {first, second};
  ASSERT_TRUE(this->store().quarantine().upsert(batch).has_value());
  ASSERT_TRUE(this->store().quarantine().upsert(batch).has_value());
  const quarantine_key keys[] = {{first.address, ""}, {first.address, "36111"}};
  std::optional<quarantine_entry> out[2];
  ASSERT_TRUE(this->store().quarantine().get(keys, out).has_value());
  EXPECT_EQ(out[0], second);
  EXPECT_EQ(out[1], std::nullopt);
  quarantine_entry empty;
  EXPECT_EQ(this->store().quarantine().upsert(std::span<const quarantine_entry>(&empty, 1)).error(),
            errc::invalid_argument);
}

TYPED_TEST_P(storage_conformance, quarantine_pages_by_key_and_counts_by_delivery) {
  std::vector<quarantine_entry> entries;
  for (std::uint64_t i = 0; i < 10; ++i) {
    quarantine_entry e = make_entry(33611000000ULL + i, i % 2 == 0 ? "" : "36111",
                                    i < 4 ? quarantine_status::quarantine : quarantine_status::valid);
    if (i < 3) e.quarantined_by = 7;
    entries.push_back(e);
  }
  entries.push_back(make_entry(33611000000ULL, "36111", quarantine_status::denylisted));
  entries.back().quarantined_by = 7;
  ASSERT_TRUE(this->store().quarantine().upsert(entries).has_value());
  std::vector<quarantine_entry> seen;
  quarantine_query query;
  query.limit = 4;
  for (;;) {
    const auto page = this->store().quarantine().page(query).value();
    if (page.empty()) break;
    seen.insert(seen.end(), page.begin(), page.end());
    query.after = quarantine_key{page.back().address, page.back().short_code};
  }
  ASSERT_EQ(seen.size(), 11U);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end(), [](const auto& x, const auto& y) {
    return std::tie(x.address, x.short_code) < std::tie(y.address, y.short_code);
  }));
  quarantine_query held;
  held.status = quarantine_status::quarantine;
  EXPECT_EQ(this->store().quarantine().page(held).value().size(), 4U);
  EXPECT_EQ(this->store().quarantine().count_quarantined_by(7).value(), 4U);
  EXPECT_EQ(this->store().quarantine().count_quarantined_by(8).value(), 0U);
}

// ----- qualification ------------------------------------------------------------------------

TYPED_TEST_P(storage_conformance, qualification_record_provisions_counts_and_caps) {
  qualification_occurrence item;
  item.provision.key = "SR smpp1 UNDELIV 005";
  item.provision.first_text = "id:1 stat:UNDELIV err:005";
  item.provision.last_modified = at(1);
  item.count = 3;
  qualification_entry out[1];
  ASSERT_TRUE(this->store().qualification().record(std::span<const qualification_occurrence>(&item, 1), 10, out).has_value());
  EXPECT_EQ(out[0].occurrences, 3U);
  EXPECT_EQ(out[0].type, failure_type::soft);
  EXPECT_EQ(out[0].reason, failure_reason::refused);
  qualification_occurrence again = item;
  again.provision.first_text = "a later text must not replace the first";
  again.provision.last_modified = at(2);
  again.count = 50;
  ASSERT_TRUE(this->store().qualification().record(std::span<const qualification_occurrence>(&again, 1), 10, out).has_value());
  EXPECT_EQ(out[0].occurrences, 10U);
  EXPECT_EQ(out[0].first_text, "id:1 stat:UNDELIV err:005");
  EXPECT_EQ(out[0].last_modified, at(2));
}

TYPED_TEST_P(storage_conformance, qualification_upsert_get_page) {
  std::vector<qualification_entry> entries;
  for (const char* key : {"SR a DELETED 0", "SR a EXPIRED 1", "SR b UNDELIV 2"}) {
    qualification_entry e;
    e.key = key;
    e.type = failure_type::hard;
    e.reason = failure_reason::user_unknown;
    e.status = qualification_status::keep;
    entries.push_back(e);
  }
  ASSERT_TRUE(this->store().qualification().upsert(entries).has_value());
  const std::string_view keys[] = {"SR a EXPIRED 1", "SR z"};
  std::optional<qualification_entry> out[2];
  ASSERT_TRUE(this->store().qualification().get(keys, out).has_value());
  EXPECT_EQ(out[0], entries[1]);
  EXPECT_EQ(out[1], std::nullopt);
  const auto page = this->store().qualification().page("SR a DELETED 0", 10).value();
  ASSERT_EQ(page.size(), 2U);
  EXPECT_EQ(page[0].key, "SR a EXPIRED 1");
  qualification_entry nameless;
  EXPECT_EQ(this->store().qualification().upsert(std::span<const qualification_entry>(&nameless, 1)).error(),
            errc::invalid_argument);
}

TYPED_TEST_P(storage_conformance, qualification_concurrent_records_never_lose_counts) {
  if (!TestFixture::caps().concurrent_writers) GTEST_SKIP() << "adapter does not support concurrent writers";
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      qualification_occurrence item;
      item.provision.key = "SR race UNDELIV 1";
      qualification_entry out[1];
      for (int i = 0; i < 250; ++i) {
        EXPECT_TRUE(this->store().qualification().record(std::span<const qualification_occurrence>(&item, 1), 100000, out));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const std::string_view key[] = {"SR race UNDELIV 1"};
  std::optional<qualification_entry> out[1];
  ASSERT_TRUE(this->store().qualification().get(key, out).has_value());
  ASSERT_TRUE(out[0].has_value());
  EXPECT_EQ(out[0]->occurrences, 1000U);
}

// ----- tracking -----------------------------------------------------------------------------

TYPED_TEST_P(storage_conformance, tracking_urls_clicks_and_counts) {
  const delivery_id d = this->new_delivery();
  const tracked_url urls[] = {{d, 1, "shop", tracked_url_type::click, tracking_mode::enabled, "https://example.com/shop"},
                              {d, 2, "stop", tracked_url_type::opt_out, tracking_mode::opt_out, "https://example.com/stop"},
                              {d, 3, "unused", tracked_url_type::click, tracking_mode::enabled, "https://example.com/x"}};
  ASSERT_TRUE(this->store().tracking().upsert_urls(d, urls).has_value());
  EXPECT_EQ(this->store().tracking().urls(d).value().size(), 3U);
  // People's clicks, a preview fetcher's and a crawler's: only people make clickers.
  const click clicks[] = {
      {d, 0, 10, 1, at(1), std::string("Mozilla/5.0")},
      {d, 0, 10, 1, at(2), std::nullopt},
      {d, 0, 11, 1, at(3), std::string("WhatsApp/2.23.20.0 A"), click_class::link_preview, "user agent of WhatsApp"},
      {d, 0, 12, 2, at(4), std::nullopt},
      {d, 0, 13, 1, at(5), std::string("Wget/1.21"), click_class::crawler, "user agent matches isbot pattern \"^wget\""},
      {d, 0, 11, 2, at(6), std::nullopt, click_class::prefetch, "500ms after the ack (prefetch window 2s)"}};
  const auto ids = this->store().tracking().add_clicks(clicks).value();
  ASSERT_EQ(ids.size(), 6U);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  const std::vector<url_click_count> expected{
      {1, 4, 1, {2, 1, 0, 1, 0}}, {2, 2, 1, {1, 0, 0, 0, 1}}, {3, 0, 0, {}}};
  EXPECT_EQ(this->store().tracking().click_counts(d).value(), expected);
  const url_id shop[] = {1};
  const url_id all[] = {1, 2, 3};
  EXPECT_EQ(this->store().tracking().distinct_human_clickers(d, shop).value(), 1U);
  EXPECT_EQ(this->store().tracking().distinct_human_clickers(d, all).value(), 2U);
  const auto page = this->store().tracking().clicks(d, ids[1], 10).value();
  ASSERT_EQ(page.size(), 4U);
  click preview = clicks[2];
  preview.id = ids[2];
  EXPECT_EQ(page[0], preview) << "class and why stored as given";
}

TYPED_TEST_P(storage_conformance, tracking_refuses_unregistered_urls_whole) {
  const delivery_id d = this->new_delivery();
  const tracked_url url{d, 1, "shop", tracked_url_type::click, tracking_mode::enabled, "https://example.com"};
  ASSERT_TRUE(this->store().tracking().upsert_urls(d, std::span<const tracked_url>(&url, 1)).has_value());
  const click clicks[] = {{d, 0, 1, 1, at(1), std::nullopt}, {d, 0, 1, 9, at(1), std::nullopt}};
  EXPECT_EQ(this->store().tracking().add_clicks(clicks).error(), errc::unknown_entry);
  EXPECT_TRUE(this->store().tracking().clicks(d, 0, 10).value().empty());
  tracked_url foreign = url;
  foreign.delivery = d + 1;
  EXPECT_EQ(this->store().tracking().upsert_urls(d, std::span<const tracked_url>(&foreign, 1)).error(),
            errc::invalid_argument);
}

TYPED_TEST_P(storage_conformance, tracking_replace_urls_makes_the_whole_registry) {
  const delivery_id d = this->new_delivery();
  const delivery_id other = this->new_delivery();
  const tracked_url first[] = {{d, 1, "a", tracked_url_type::click, tracking_mode::enabled, "https://a.example"},
                               {d, 2, "b", tracked_url_type::click, tracking_mode::enabled, "https://b.example"},
                               {d, 3, "c", tracked_url_type::click, tracking_mode::enabled, "https://c.example"}};
  const tracked_url kept{other, 1, "o", tracked_url_type::web, tracking_mode::always, "https://o.example"};
  ASSERT_TRUE(this->store().tracking().upsert_urls(d, first).has_value());
  ASSERT_TRUE(this->store().tracking().upsert_urls(other, std::span<const tracked_url>(&kept, 1)).has_value());
  const tracked_url second[] = {{d, 1, "b", tracked_url_type::opt_out, tracking_mode::opt_out, "https://b.example"}};
  ASSERT_TRUE(this->store().tracking().replace_urls(d, second).has_value());
  EXPECT_EQ(this->store().tracking().urls(d).value(), std::vector<tracked_url>(std::begin(second), std::end(second)));
  EXPECT_EQ(this->store().tracking().urls(other).value(), std::vector<tracked_url>{kept}) << "other deliveries untouched";
  tracked_url foreign = second[0];
  foreign.delivery = other;
  EXPECT_EQ(this->store().tracking().replace_urls(d, std::span<const tracked_url>(&foreign, 1)).error(),
            errc::invalid_argument);
  EXPECT_EQ(this->store().tracking().urls(d).value().size(), 1U) << "a refused replacement changes nothing";
  ASSERT_TRUE(this->store().tracking().replace_urls(d, {}).has_value());
  EXPECT_TRUE(this->store().tracking().urls(d).value().empty());
}

// ----- audit --------------------------------------------------------------------------------

TYPED_TEST_P(storage_conformance, audit_query_is_newest_first) {
  const delivery_id d = this->new_delivery();
  const audit_event events[] = {make_event(d, 1, audit_severity::info, "a"), make_event(d, 3, audit_severity::info, "c"),
                                make_event(d, 2, audit_severity::info, "b"), make_event(d, 3, audit_severity::info, "d")};
  const auto ids = this->store().audit().append(events).value();
  ASSERT_EQ(ids.size(), 4U);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  audit_query query;
  const auto page = this->store().audit().query(d, query).value();
  std::vector<std::string> messages;
  for (const auto& e : page) messages.push_back(e.message);
  EXPECT_EQ(messages, (std::vector<std::string>{"d", "c", "b", "a"}));
}

TYPED_TEST_P(storage_conformance, audit_query_filters_by_severity_and_time) {
  const delivery_id d = this->new_delivery();
  const delivery_id other = this->new_delivery();
  const audit_event events[] = {make_event(d, 1, audit_severity::info, "i1"), make_event(d, 2, audit_severity::warning, "w2"),
                                make_event(d, 3, audit_severity::error, "e3"), make_event(d, 4, audit_severity::info, "i4"),
                                make_event(other, 2, audit_severity::error, "other")};
  ASSERT_TRUE(this->store().audit().append(events).has_value());
  audit_query warnings;
  warnings.min_severity = audit_severity::warning;
  const auto severe = this->store().audit().query(d, warnings).value();
  ASSERT_EQ(severe.size(), 2U);
  EXPECT_EQ(severe[0].message, "e3");
  audit_query window;
  window.from = at(2);
  window.to = at(4);
  const auto inside = this->store().audit().query(d, window).value();
  ASSERT_EQ(inside.size(), 2U);
  EXPECT_EQ(inside[0].message, "e3");
  EXPECT_EQ(inside[1].message, "w2");
}

TYPED_TEST_P(storage_conformance, audit_cursor_pages_cover_everything_once) {
  const delivery_id d = this->new_delivery();
  std::vector<audit_event> events;
  for (int i = 0; i < 23; ++i) events.push_back(make_event(d, i % 5, audit_severity::info, std::to_string(i)));
  ASSERT_TRUE(this->store().audit().append(events).has_value());
  std::vector<std::string> seen;
  audit_query query;
  query.limit = 4;
  for (;;) {
    const auto page = this->store().audit().query(d, query).value();
    if (page.empty()) break;
    for (const auto& e : page) seen.push_back(e.message);
    query.before = audit_cursor{page.back().time, page.back().id};
  }
  EXPECT_EQ(seen.size(), 23U);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
}

// ----- replies ------------------------------------------------------------------------------

inline reply_record make_reply(std::uint64_t n, std::optional<delivery_id> delivery, reply_action action) {
  reply_record r;
  r.id = 999;  // ignored
  r.received = at(static_cast<std::int64_t>(n));
  r.address = phone_number::from_digits(33'600'000'000ULL + n).value();
  r.short_code = "36111";
  r.text = "STOP n\xc2\xb0" + std::to_string(n);
  if (action != reply_action::none) r.rule = static_cast<std::uint32_t>(n % 3);
  r.action = action;
  r.delivery = delivery;
  return r;
}

TYPED_TEST_P(storage_conformance, reply_append_assigns_ids_pages_and_counts_opt_outs) {
  const delivery_id d = this->new_delivery();
  const delivery_id other = this->new_delivery();
  const std::vector<reply_record> replies = {
      make_reply(1, d, reply_action::send_to_quarantine), make_reply(2, std::nullopt, reply_action::none),
      make_reply(3, d, reply_action::remove_from_quarantine), make_reply(4, other, reply_action::send_to_quarantine),
      make_reply(5, d, reply_action::send_to_quarantine)};
  const auto ids = this->store().replies().append(replies).value();
  ASSERT_EQ(ids.size(), 5U);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  const auto all = this->store().replies().page({std::nullopt, 0, 100}).value();
  ASSERT_EQ(all.size(), 5U);
  for (std::size_t i = 0; i < all.size(); ++i) {
    reply_record expected = replies[i];
    expected.id = ids[i];
    EXPECT_EQ(all[i], expected) << i;
  }
  const auto first_two = this->store().replies().page({std::nullopt, 0, 2}).value();
  ASSERT_EQ(first_two.size(), 2U);
  EXPECT_EQ(this->store().replies().page({std::nullopt, first_two.back().id, 100}).value().size(), 3U);
  const auto of_d = this->store().replies().page({d, 0, 100}).value();
  ASSERT_EQ(of_d.size(), 3U);
  for (const reply_record& r : of_d) EXPECT_EQ(r.delivery, d);
  EXPECT_EQ(this->store().replies().count_opt_outs(d).value(), 2U);
  EXPECT_EQ(this->store().replies().count_opt_outs(other).value(), 1U);
  EXPECT_EQ(this->store().replies().count_opt_outs(424242).value(), 0U);
}

TYPED_TEST_P(storage_conformance, reply_append_refuses_an_unaddressed_reply_whole) {
  std::vector<reply_record> replies = {make_reply(1, std::nullopt, reply_action::none),
                                       make_reply(2, std::nullopt, reply_action::none)};
  replies[1].address = {};
  EXPECT_EQ(this->store().replies().append(replies).error(), errc::invalid_argument);
  EXPECT_TRUE(this->store().replies().page({}).value().empty());
}


// ----- units of work (storage::commit) ------------------------------------------------------

/// A unit touching every part, for delivery `d` whose logs 1..3 are pending, as the engine
/// writes one batch of receipts: three logs change (log 1 records a provider id), one error
/// key is counted twice, one address enters quarantine, two journal lines, the record moves.
struct sample_unit {
  std::vector<log_update> logs;
  std::vector<qualification_occurrence> occurrences;
  std::vector<quarantine_entry> quarantine;
  std::vector<audit_event> journal;
  delivery record;
  unit_of_work unit() const {
    return {record.id, logs, occurrences, 100, quarantine, journal, &record};
  }
};

inline sample_unit make_sample_unit(const delivery& stored) {
  sample_unit s;
  const delivery_id d = stored.id;
  s.logs = {status_update(1, log_status::pending, log_status::taken_into_account),
            status_update(2, log_status::pending, log_status::failed),
            status_update(3, log_status::pending, log_status::received_on_mobile)};
  s.logs[0].provider_id = "unit-pid-1";
  s.logs[1].type = failure_type::hard;
  s.logs[1].reason = failure_reason::user_unknown;
  s.logs[1].text = "id:2 stat:UNDELIV err:001";
  qualification_occurrence item;
  item.provision.key = "SR unit UNDELIV 001";
  item.provision.first_text = "id:2 stat:UNDELIV err:001";
  item.provision.type = failure_type::hard;
  item.provision.reason = failure_reason::user_unknown;
  item.provision.last_modified = at(1);
  item.count = 2;
  s.occurrences = {item};
  quarantine_entry entry = make_entry(33600000002ULL, "", quarantine_status::quarantine);
  entry.quarantined_by = d;
  s.quarantine = {entry};
  s.journal = {make_event(d, 1, audit_severity::info, "unit line 1"), make_event(d, 1, audit_severity::warning, "unit line 2")};
  s.record = stored;
  s.record.label = "after the unit";
  return s;
}

/// What a store holds of everything a sample unit writes, to compare before and after.
struct unit_footprint {
  std::vector<log_status> statuses;
  std::optional<log_ref> provider_owner;
  std::optional<qualification_entry> qualification;
  std::optional<quarantine_entry> quarantine;
  std::vector<std::string> journal;
  delivery record;
  friend bool operator==(const unit_footprint&, const unit_footprint&) = default;
};

/// Compares two footprints part by part, naming the part that differs.
inline ::testing::AssertionResult same_footprint(const unit_footprint& now, const unit_footprint& before) {
  if (now.statuses != before.statuses) return ::testing::AssertionFailure() << "the logs' statuses differ";
  if (now.provider_owner != before.provider_owner) return ::testing::AssertionFailure() << "the provider id index differs";
  if (now.qualification != before.qualification) return ::testing::AssertionFailure() << "the qualification entry differs";
  if (now.quarantine != before.quarantine) return ::testing::AssertionFailure() << "the quarantine entry differs";
  if (now.journal != before.journal) {
    return ::testing::AssertionFailure() << "the journal differs (" << now.journal.size() << " lines, were "
                                         << before.journal.size() << ")";
  }
  if (now.record != before.record) return ::testing::AssertionFailure() << "the delivery's record differs";
  return ::testing::AssertionSuccess();
}

inline unit_footprint footprint_of(storage& store, delivery_id d) {
  unit_footprint f;
  const log_id ids[] = {1, 2, 3};
  std::optional<log_digest> digests[3];
  EXPECT_TRUE(store.logs().read_digests(d, ids, digests).has_value());
  for (const auto& digest : digests) f.statuses.push_back(digest ? digest->status : log_status::pending);
  const std::string_view pid[] = {"unit-pid-1"};
  std::optional<log_ref> owner[1];
  EXPECT_TRUE(store.logs().find_by_provider_ids(pid, owner).has_value());
  f.provider_owner = owner[0];
  const std::string_view key[] = {"SR unit UNDELIV 001"};
  std::optional<qualification_entry> entry[1];
  EXPECT_TRUE(store.qualification().get(key, entry).has_value());
  f.qualification = entry[0];
  const quarantine_key address[] = {{phone_number::from_digits(33600000002ULL).value(), ""}};
  std::optional<quarantine_entry> held[1];
  EXPECT_TRUE(store.quarantine().get(address, held).has_value());
  f.quarantine = held[0];
  for (const audit_event& e : store.audit().query(d, {}).value()) f.journal.push_back(e.message);
  f.record = store.deliveries().get(d).value();
  return f;
}

TYPED_TEST_P(storage_conformance, unit_commits_every_part) {
  const delivery_id d = this->new_delivery("before the unit");
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 3)).has_value());
  const sample_unit s = make_sample_unit(this->store().deliveries().get(d).value());
  std::vector<write_outcome> outcomes(s.logs.size(), write_outcome::not_found);
  ASSERT_EQ(this->store().commit(s.unit(), outcomes).value(), commit_status::committed);
  EXPECT_EQ(outcomes, std::vector<write_outcome>(3, write_outcome::applied));
  const unit_footprint after = footprint_of(this->store(), d);
  EXPECT_EQ(after.statuses, (std::vector<log_status>{log_status::taken_into_account, log_status::failed,
                                                     log_status::received_on_mobile}));
  EXPECT_EQ(after.provider_owner, (log_ref{d, 1}));
  ASSERT_TRUE(after.qualification.has_value());
  EXPECT_EQ(after.qualification->occurrences, 2U);
  EXPECT_EQ(after.quarantine, s.quarantine[0]);
  EXPECT_EQ(after.journal, (std::vector<std::string>{"unit line 2", "unit line 1"}));
  EXPECT_EQ(after.record.label, "after the unit");
  EXPECT_EQ(after.record.revision, s.record.revision + 1);
  EXPECT_EQ(this->read_log(d, 2)->text, std::optional<std::string>("id:2 stat:UNDELIV err:001"));
}

TYPED_TEST_P(storage_conformance, unit_refused_by_one_log_writes_nothing) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 3)).has_value());
  sample_unit s = make_sample_unit(this->store().deliveries().get(d).value());
  s.logs[2].expected = log_status::taken_into_account;  // log 3 is pending: the last update fails
  const unit_footprint before = footprint_of(this->store(), d);
  std::vector<write_outcome> outcomes(s.logs.size());
  ASSERT_EQ(this->store().commit(s.unit(), outcomes).value(), commit_status::logs_refused);
  EXPECT_EQ(outcomes, (std::vector<write_outcome>{write_outcome::applied, write_outcome::applied, write_outcome::conflict}));
  EXPECT_TRUE(same_footprint(footprint_of(this->store(), d), before)) << "a refused unit must leave every part as it was";
  s.logs[2] = status_update(99, log_status::pending, log_status::failed);  // unknown log
  ASSERT_EQ(this->store().commit(s.unit(), outcomes).value(), commit_status::logs_refused);
  EXPECT_EQ(outcomes[2], write_outcome::not_found);
  EXPECT_TRUE(same_footprint(footprint_of(this->store(), d), before));
}

TYPED_TEST_P(storage_conformance, unit_failing_after_its_logs_rolls_them_back) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 3)).has_value());
  sample_unit s = make_sample_unit(this->store().deliveries().get(d).value());
  delivery moved = s.record;
  ASSERT_TRUE(this->store().deliveries().update(moved).has_value());  // the unit's revision is stale now
  const unit_footprint before = footprint_of(this->store(), d);
  std::vector<write_outcome> outcomes(s.logs.size());
  const auto stale = this->store().commit(s.unit(), outcomes);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error(), errc::revision_conflict);
  EXPECT_TRUE(same_footprint(footprint_of(this->store(), d), before)) << "the logs of a unit whose record is refused must roll back";
  // The record of an unknown delivery: refused, and nothing else of the unit is written.
  s.record.id = d + 1000;
  const unit_of_work unknown{d + 1000, {}, s.occurrences, 100, s.quarantine, {}, &s.record};
  const auto missing = this->store().commit(unknown, std::span<write_outcome>());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error(), errc::unknown_delivery);
  EXPECT_TRUE(same_footprint(footprint_of(this->store(), d), before));
}

TYPED_TEST_P(storage_conformance, unit_replay_changes_nothing) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 3)).has_value());
  const sample_unit s = make_sample_unit(this->store().deliveries().get(d).value());
  std::vector<write_outcome> outcomes(s.logs.size());
  const unit_of_work without_record{d, s.logs, s.occurrences, 100, s.quarantine, s.journal, nullptr};
  ASSERT_EQ(this->store().commit(without_record, outcomes).value(), commit_status::committed);
  const unit_footprint committed = footprint_of(this->store(), d);
  ASSERT_EQ(this->store().commit(without_record, outcomes).value(), commit_status::logs_refused);
  EXPECT_EQ(outcomes, std::vector<write_outcome>(3, write_outcome::conflict));
  EXPECT_TRUE(same_footprint(footprint_of(this->store(), d), committed)) << "a replayed unit must not count or journal twice";
}

TYPED_TEST_P(storage_conformance, unit_malformed_is_refused_whole) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 3)).has_value());
  const sample_unit good = make_sample_unit(this->store().deliveries().get(d).value());
  const unit_footprint before = footprint_of(this->store(), d);
  std::vector<write_outcome> outcomes(good.logs.size());
  // Whether the store refuses the unit as invalid_argument.
  const auto invalid = [&](const sample_unit& s, delivery_id unit_delivery, std::size_t outcome_count) {
    unit_of_work unit = s.unit();
    unit.delivery = unit_delivery;
    std::vector<write_outcome> out(outcome_count);
    const auto committed = this->store().commit(unit, out);
    return !committed && committed.error() == errc::invalid_argument;
  };
  EXPECT_TRUE(invalid(good, 0, 3)) << "delivery 0";
  EXPECT_TRUE(invalid(good, d, 2)) << "outcomes of another size";
  sample_unit foreign_record = good;
  foreign_record.record.id = d + 1;
  EXPECT_TRUE(invalid(foreign_record, d, 3)) << "record of another delivery";
  sample_unit no_address = good;
  no_address.quarantine.push_back(quarantine_entry{});
  EXPECT_TRUE(invalid(no_address, d, 3)) << "quarantine entry without an address";
  sample_unit no_key = good;
  no_key.occurrences.push_back(qualification_occurrence{});
  EXPECT_TRUE(invalid(no_key, d, 3)) << "occurrence without a key";
  sample_unit foreign_line = good;
  foreign_line.journal.push_back(make_event(d + 1, 1, audit_severity::info, "elsewhere"));
  EXPECT_TRUE(invalid(foreign_line, d, 3)) << "journal line of another delivery";
  EXPECT_TRUE(same_footprint(footprint_of(this->store(), d), before));
}

TYPED_TEST_P(storage_conformance, unit_commits_a_click_and_a_reply_with_their_entry) {
  const delivery_id d = this->new_delivery();
  const tracked_url url{d, 1, "stop", tracked_url_type::opt_out, tracking_mode::opt_out, "https://example.com/stop"};
  ASSERT_TRUE(this->store().tracking().upsert_urls(d, std::span<const tracked_url>(&url, 1)).has_value());
  // A click on an opt-out link: the click and the address's entry.
  const click clicked{d, 0, 7, 1, at(1), std::string("Mozilla/5.0")};
  quarantine_entry opted = make_entry(33600000007ULL, "", quarantine_status::denylisted);
  event_id click_id[1] = {};
  unit_of_work unit;
  unit.delivery = d;
  unit.clicks = std::span<const click>(&clicked, 1);
  unit.click_ids = click_id;
  unit.quarantine = std::span<const quarantine_entry>(&opted, 1);
  ASSERT_EQ(this->store().commit(unit, {}).value(), commit_status::committed);
  const auto clicks = this->store().tracking().clicks(d, 0, 10).value();
  ASSERT_EQ(clicks.size(), 1U);
  EXPECT_NE(click_id[0], 0U);
  EXPECT_EQ(clicks[0].id, click_id[0]);
  EXPECT_EQ(clicks[0].log, 7U);
  const quarantine_key opted_key[] = {{opted.address, ""}};
  std::optional<quarantine_entry> held[1];
  ASSERT_TRUE(this->store().quarantine().get(opted_key, held).has_value());
  EXPECT_EQ(held[0], opted);
  // A reply that belongs to no delivery: a unit of delivery 0, the reply and its entry.
  const reply_record stop = make_reply(8, std::nullopt, reply_action::send_to_quarantine);
  const quarantine_entry denied = make_entry(33600000008ULL, "36111", quarantine_status::denylisted);
  event_id reply_id[1] = {};
  unit_of_work reply_unit;
  reply_unit.replies = std::span<const reply_record>(&stop, 1);
  reply_unit.reply_ids = reply_id;
  reply_unit.quarantine = std::span<const quarantine_entry>(&denied, 1);
  ASSERT_EQ(this->store().commit(reply_unit, {}).value(), commit_status::committed);
  const auto replies = this->store().replies().page({}).value();
  ASSERT_EQ(replies.size(), 1U);
  EXPECT_NE(reply_id[0], 0U);
  EXPECT_EQ(replies[0].id, reply_id[0]);
  EXPECT_EQ(replies[0].text, stop.text);
  const quarantine_key denied_key[] = {{denied.address, "36111"}};
  ASSERT_TRUE(this->store().quarantine().get(denied_key, held).has_value());
  EXPECT_EQ(held[0], denied);
}

TYPED_TEST_P(storage_conformance, unit_with_a_click_on_an_unregistered_url_writes_nothing) {
  const delivery_id d = this->new_delivery();
  ASSERT_TRUE(this->store().logs().insert(d, make_logs(d, 1, 3)).has_value());
  const tracked_url url{d, 1, "shop", tracked_url_type::click, tracking_mode::enabled, "https://example.com/shop"};
  ASSERT_TRUE(this->store().tracking().upsert_urls(d, std::span<const tracked_url>(&url, 1)).has_value());
  const sample_unit s = make_sample_unit(this->store().deliveries().get(d).value());
  const unit_footprint before = footprint_of(this->store(), d);
  // Every part, and last a click on URL 9, which the delivery does not have.
  const click clicks[] = {{d, 0, 1, 1, at(1), std::nullopt}, {d, 0, 2, 9, at(1), std::nullopt}};
  const reply_record reply = make_reply(1, d, reply_action::none);
  event_id click_ids[2] = {};
  event_id reply_id[1] = {};
  unit_of_work unit = s.unit();
  unit.clicks = clicks;
  unit.click_ids = click_ids;
  unit.replies = std::span<const reply_record>(&reply, 1);
  unit.reply_ids = reply_id;
  std::vector<write_outcome> outcomes(s.logs.size());
  const auto refused = this->store().commit(unit, outcomes);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(), errc::unknown_entry);
  EXPECT_TRUE(same_footprint(footprint_of(this->store(), d), before)) << "a unit with a refused click must write nothing";
  EXPECT_TRUE(this->store().tracking().clicks(d, 0, 10).value().empty());
  EXPECT_TRUE(this->store().replies().page({}).value().empty());
}

TYPED_TEST_P(storage_conformance, unit_of_clicks_and_replies_malformed_is_refused) {
  const delivery_id d = this->new_delivery();
  const tracked_url url{d, 1, "shop", tracked_url_type::click, tracking_mode::enabled, "https://example.com/shop"};
  ASSERT_TRUE(this->store().tracking().upsert_urls(d, std::span<const tracked_url>(&url, 1)).has_value());
  const click clicked{d, 0, 1, 1, at(1), std::nullopt};
  const click foreign{d + 1, 0, 1, 1, at(1), std::nullopt};
  reply_record unaddressed = make_reply(1, d, reply_action::none);
  unaddressed.address = phone_number{};
  const reply_record reply = make_reply(2, d, reply_action::none);
  event_id one[1] = {};
  event_id two[2] = {};
  const auto invalid = [&](const unit_of_work& unit) {
    const auto committed = this->store().commit(unit, {});
    return !committed && committed.error() == errc::invalid_argument;
  };
  unit_of_work no_delivery;
  no_delivery.clicks = std::span<const click>(&clicked, 1);
  no_delivery.click_ids = one;
  EXPECT_TRUE(invalid(no_delivery)) << "clicks in a unit of delivery 0";
  unit_of_work stray = no_delivery;
  stray.delivery = d;
  stray.clicks = std::span<const click>(&foreign, 1);
  EXPECT_TRUE(invalid(stray)) << "a click of another delivery";
  unit_of_work short_ids = no_delivery;
  short_ids.delivery = d;
  short_ids.click_ids = two;
  EXPECT_TRUE(invalid(short_ids)) << "click_ids of another size";
  unit_of_work no_address;
  no_address.replies = std::span<const reply_record>(&unaddressed, 1);
  no_address.reply_ids = one;
  EXPECT_TRUE(invalid(no_address)) << "a reply without an address";
  unit_of_work reply_ids_short;
  reply_ids_short.replies = std::span<const reply_record>(&reply, 1);
  EXPECT_TRUE(invalid(reply_ids_short)) << "reply_ids of another size";
  EXPECT_TRUE(this->store().tracking().clicks(d, 0, 10).value().empty());
  EXPECT_TRUE(this->store().replies().page({}).value().empty());
}

TYPED_TEST_P(storage_conformance, unit_concurrent_commits_lose_nothing) {
  if (!TestFixture::caps().concurrent_writers) GTEST_SKIP() << "adapter does not support concurrent writers";
  constexpr int threads_count = 4;
  constexpr log_id logs_each = 50;
  std::vector<delivery_id> deliveries;
  for (int t = 0; t < threads_count; ++t) {
    deliveries.push_back(this->new_delivery());
    ASSERT_TRUE(this->store().logs().insert(deliveries.back(), make_logs(deliveries.back(), 1, logs_each)).has_value());
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < threads_count; ++t) {
    threads.emplace_back([&, d = deliveries[static_cast<std::size_t>(t)]] {
      qualification_occurrence item;
      item.provision.key = "SR unit race 1";
      for (log_id id = 1; id <= logs_each; ++id) {
        const log_update change = status_update(id, log_status::pending, log_status::failed);
        const audit_event line = make_event(d, 1, audit_severity::info, "log " + std::to_string(id));
        const unit_of_work unit{d, std::span<const log_update>(&change, 1), std::span<const qualification_occurrence>(&item, 1),
                                100000, {}, std::span<const audit_event>(&line, 1), nullptr};
        write_outcome outcome[1];
        const auto committed = this->store().commit(unit, outcome);
        EXPECT_TRUE(committed && *committed == commit_status::committed);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const std::string_view key[] = {"SR unit race 1"};
  std::optional<qualification_entry> entry[1];
  ASSERT_TRUE(this->store().qualification().get(key, entry).has_value());
  ASSERT_TRUE(entry[0].has_value());
  EXPECT_EQ(entry[0]->occurrences, threads_count * logs_each);
  for (const delivery_id d : deliveries) {
    audit_query all;
    all.limit = 1000;
    EXPECT_EQ(this->store().audit().query(d, all).value().size(), logs_each);
    EXPECT_EQ(this->store().logs().page(d, {.status = log_status::failed, .limit = 1000}).value().size(), logs_each);
  }
}

REGISTER_TYPED_TEST_SUITE_P(storage_conformance, delivery_create_assigns_fresh_ids_at_revision_one,
                            log_update_writes_the_attempt_times_as_given,
                            log_keeps_its_network_message_shape_and_horizon_mark_as_written,
                            log_pages_filter_by_address, unit_commits_a_click_and_a_reply_with_their_entry,
                            unit_with_a_click_on_an_unregistered_url_writes_nothing,
                            unit_of_clicks_and_replies_malformed_is_refused,
                            delivery_get_unknown_is_unknown_delivery, delivery_update_is_compare_and_set_on_revision,
                            delivery_list_pages_ascending, log_insert_then_get_round_trips_every_field,
                            log_insert_is_all_or_nothing, log_insert_replay_is_idempotent,
                            log_insert_rejects_foreign_or_zero_ids, log_update_is_compare_and_set_per_item,
                            log_update_chains_changes_in_order, log_update_records_and_indexes_provider_ids,
                            log_scans_and_pages_are_keyset_ascending, log_reads_of_unknown_delivery_are_empty,
                            log_batch_outputs_must_match_inputs, log_history_counts_other_deliveries_logs_by_status_and_time,
                            log_erase_removes_logs_and_provider_ids,
                            log_concurrent_writers_lose_nothing, log_concurrent_compare_and_set_has_one_winner,
                            exclusion_insert_page_causes_erase, exclusion_causes_list_declared_rules_first_zero_included,
                            exclusion_insert_refuses_conflicts_whole,
                            quarantine_upsert_is_idempotent_and_later_wins,
                            quarantine_pages_by_key_and_counts_by_delivery,
                            qualification_record_provisions_counts_and_caps, qualification_upsert_get_page,
                            qualification_concurrent_records_never_lose_counts, tracking_urls_clicks_and_counts,
                            tracking_refuses_unregistered_urls_whole,
                            tracking_replace_urls_makes_the_whole_registry, audit_query_is_newest_first,
                            audit_query_filters_by_severity_and_time, audit_cursor_pages_cover_everything_once,
                            reply_append_assigns_ids_pages_and_counts_opt_outs,
                            reply_append_refuses_an_unaddressed_reply_whole, unit_commits_every_part,
                            unit_refused_by_one_log_writes_nothing, unit_failing_after_its_logs_rolls_them_back,
                            unit_replay_changes_nothing, unit_malformed_is_refused_whole,
                            unit_concurrent_commits_lose_nothing);

}  // namespace conformance
SMSTRACK_END_NAMESPACE

/// Instantiates the conformance suite for an adapter: `name` prefixes the test names,
/// `factory` is a callable returning std::unique_ptr<smstrack::storage> to a fresh store.
#define SMSTRACK_STORAGE_CONFORMANCE(name, factory) \
  SMSTRACK_STORAGE_CONFORMANCE_WITH(name, factory, (::smstrack::conformance::capabilities{}))

/// As SMSTRACK_STORAGE_CONFORMANCE, with the adapter's capabilities (a parenthesized value).
#define SMSTRACK_STORAGE_CONFORMANCE_WITH(name, factory, caps_value)                        \
  SMSTRACK_BEGIN_NAMESPACE                                                                  \
  namespace conformance {                                                                   \
  struct name##_conformance_traits {                                                        \
    static std::unique_ptr<::smstrack::storage> make() { return (factory)(); }              \
    static ::smstrack::conformance::capabilities caps() { return caps_value; }              \
  };                                                                                        \
  INSTANTIATE_TYPED_TEST_SUITE_P(name, storage_conformance, ::testing::Types<name##_conformance_traits>); \
  }                                                                                         \
  SMSTRACK_END_NAMESPACE

#include <smstrack/store/memory_store.hpp>

#include <smstrack/conformance/storage_conformance.hpp>

#include "adapters/adapter_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

// The reference implementation passes the whole conformance suite.
SMSTRACK_STORAGE_CONFORMANCE(memory, [] { return std::make_unique<smstrack::memory_store>(); });

namespace smstrack {
namespace {

TEST(memory_store, refused_items_leave_the_store_as_it_was_and_readable) {
  memory_store store;
  smstrack_test::expect_refused_items_to_change_nothing(store);
}

TEST(memory_store, reports_compact_log_memory) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  ASSERT_TRUE(store.logs().insert(d, conformance::make_logs(d, 1, 10'000)).has_value());
  const log_memory_usage usage = store.log_memory();
  EXPECT_EQ(usage.logs, 10'000U);
  EXPECT_GE(usage.bytes, usage.logs * 48);
  EXPECT_LE(usage.bytes, usage.logs * 96) << "a delivery log should stay under 96 bytes";
}

// Ids packed inline (one-case hex up to 14 characters) and ids kept aside (any other) are found
// and read back exactly, and never taken for one another.
TEST(memory_store, provider_ids_of_every_form_are_found_and_read_back) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  const std::vector<std::string> ids{"0A1B2C", "0a1b2c", "a1b2c", "123", "0123", "aB", "msg-7", "\xff\x01",
                                     std::string(300, 'x'), std::string(2 * 1024 * 1024, 'y')};
  std::vector<delivery_log> logs = conformance::make_logs(d, 1, static_cast<log_id>(ids.size()));
  for (std::size_t i = 0; i < ids.size(); ++i) logs[i].provider_id = ids[i];
  ASSERT_TRUE(store.logs().insert(d, logs).has_value());
  for (const delivery_log& log : logs) {
    const std::string_view wanted_id[] = {*log.provider_id};
    std::optional<log_ref> found[1];
    ASSERT_TRUE(store.logs().find_by_provider_ids(wanted_id, found).has_value());
    EXPECT_EQ(found[0], (log_ref{d, log.id})) << log.provider_id->substr(0, 20);
    const log_id wanted[] = {log.id};
    std::optional<delivery_log> read[1];
    ASSERT_TRUE(store.logs().get(d, wanted, read).has_value());
    EXPECT_EQ(read[0], log);
  }
  const std::string_view unknown[] = {"0A1B2D", "A1B2C", "x", ""};
  std::optional<log_ref> none[4];
  ASSERT_TRUE(store.logs().find_by_provider_ids(unknown, none).has_value());
  for (const auto& n : none) EXPECT_EQ(n, std::nullopt);
}

TEST(memory_store, with_provider_ids_a_log_takes_under_64_bytes_beyond_its_address) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  std::vector<delivery_log> logs = conformance::make_logs(d, 1, 200'000);
  for (delivery_log& log : logs) log.provider_id = "7F" + std::to_string(10'000'000 + log.id);
  ASSERT_TRUE(store.logs().insert(d, logs).has_value());
  const log_memory_usage usage = store.log_memory();
  EXPECT_LE(usage.bytes, usage.logs * (64 + 8)) << "a log with a 10-character provider id";
}

// Rows inserted out of order move the stored ones; their ids must still lead to them, in
// deliveries large enough to span several pages and slabs.
TEST(memory_store, provider_ids_survive_out_of_order_inserts_across_deliveries) {
  memory_store store;
  const delivery_id first = store.deliveries().create({}).value();
  const delivery_id second = store.deliveries().create({}).value();
  const auto id_of = [](delivery_id d, log_id log) { return std::to_string(d) + "F" + std::to_string(log); };
  for (const delivery_id d : {first, second}) {
    std::vector<delivery_log> late = conformance::make_logs(d, 20'001, 20'000);
    std::vector<delivery_log> early = conformance::make_logs(d, 1, 20'000);
    for (auto& log : late) log.provider_id = id_of(d, log.id);
    for (auto& log : early) log.provider_id = id_of(d, log.id);
    ASSERT_TRUE(store.logs().insert(d, late).has_value());
    ASSERT_TRUE(store.logs().insert(d, early).has_value());
  }
  std::vector<std::string> ids;
  std::vector<log_ref> expected;
  for (const delivery_id d : {first, second}) {
    for (log_id log = 1; log <= 40'000; log += 37) {
      ids.push_back(id_of(d, log));
      expected.push_back({d, log});
    }
  }
  const std::vector<std::string_view> views(ids.begin(), ids.end());
  std::vector<std::optional<log_ref>> found(views.size());
  ASSERT_TRUE(store.logs().find_by_provider_ids(views, found).has_value());
  for (std::size_t i = 0; i < views.size(); ++i) EXPECT_EQ(found[i], expected[i]) << views[i];
}

// Each part of a multipart message records its own id: every id leads to the log, the log
// shows the newest, and erasing the delivery frees them all.
TEST(memory_store, a_log_with_several_provider_ids_is_found_by_each) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  ASSERT_TRUE(store.logs().insert(d, conformance::make_logs(d, 1, 1)).has_value());
  const std::vector<std::string> parts{"AA01", "part-two", "AA03"};
  for (const std::string& part : parts) {
    const log_update change{1, log_status::pending, log_status::pending, failure_type::not_defined,
                            failure_reason::not_defined, 0, {}, part, {}};
    write_outcome out[1];
    ASSERT_TRUE(store.logs().update(d, std::span(&change, 1), out).has_value());
    EXPECT_EQ(out[0], write_outcome::applied);
  }
  const std::vector<std::string_view> views(parts.begin(), parts.end());
  std::vector<std::optional<log_ref>> found(views.size());
  ASSERT_TRUE(store.logs().find_by_provider_ids(views, found).has_value());
  for (const auto& f : found) EXPECT_EQ(f, (log_ref{d, 1}));
  const log_id wanted[] = {1};
  std::optional<delivery_log> read[1];
  ASSERT_TRUE(store.logs().get(d, wanted, read).has_value());
  EXPECT_EQ(read[0]->provider_id, "AA03");
  EXPECT_EQ(store.logs().erase(d).value(), 1U);
  ASSERT_TRUE(store.logs().find_by_provider_ids(views, found).has_value());
  for (const auto& f : found) EXPECT_EQ(f, std::nullopt);
}

TEST(memory_store, erasing_a_delivery_frees_its_provider_ids) {
  memory_store store;
  const delivery_id first = store.deliveries().create({}).value();
  const delivery_id second = store.deliveries().create({}).value();
  std::vector<delivery_log> logs = conformance::make_logs(first, 1, 2);
  logs[0].provider_id = "p1";
  ASSERT_TRUE(store.logs().insert(first, logs).has_value());
  std::vector<delivery_log> kept = conformance::make_logs(second, 1, 1);
  kept[0].provider_id = "p2";
  ASSERT_TRUE(store.logs().insert(second, kept).has_value());
  EXPECT_EQ(store.logs().erase(first).value(), 2U);
  const std::string_view ids[] = {"p1", "p2"};
  std::optional<log_ref> found[2];
  ASSERT_TRUE(store.logs().find_by_provider_ids(ids, found).has_value());
  EXPECT_EQ(found[0], std::nullopt);
  EXPECT_EQ(found[1], (log_ref{second, 1}));
  std::vector<delivery_log> again = conformance::make_logs(second, 2, 1);
  again[0].provider_id = "p1";
  EXPECT_TRUE(store.logs().insert(second, again).has_value()) << "the id is free again";
}

TEST(memory_store, finds_logs_inserted_out_of_order) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  ASSERT_TRUE(store.logs().insert(d, conformance::make_logs(d, 100, 5)).has_value());
  ASSERT_TRUE(store.logs().insert(d, conformance::make_logs(d, 1, 5)).has_value());
  const auto page = store.logs().page(d, {std::nullopt, 0, 100}).value();
  ASSERT_EQ(page.size(), 10U);
  EXPECT_EQ(page.front().id, 1U);
  EXPECT_EQ(page.back().id, 104U);
  const log_id ids[] = {3, 102, 50};
  std::optional<log_digest> out[3];
  ASSERT_TRUE(store.logs().read_digests(d, ids, out).has_value());
  EXPECT_TRUE(out[0] && out[1]);
  EXPECT_FALSE(out[2]);
}

TEST(memory_store, sorts_a_batch_inserted_in_descending_order_once) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  auto logs = conformance::make_logs(d, 1, 50'000);
  std::reverse(logs.begin(), logs.end());
  ASSERT_TRUE(store.logs().insert(d, logs).has_value());
  const auto page = store.logs().scan_digests(d, 49'990, 100).value();
  ASSERT_EQ(page.size(), 10U);
  EXPECT_EQ(page.front().id, 49'991U);
}

TEST(memory_store, refuses_one_provider_id_on_two_new_logs_of_a_batch) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  auto logs = conformance::make_logs(d, 1, 2);
  logs[0].provider_id = logs[1].provider_id = "same";
  EXPECT_EQ(store.logs().insert(d, logs).error(), errc::duplicate_id);
  EXPECT_TRUE(store.logs().scan_digests(d, 0, 10).value().empty());
}

TEST(memory_store, interns_repeated_failure_texts) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  auto logs = conformance::make_logs(d, 1, 1000);
  ASSERT_TRUE(store.logs().insert(d, logs).has_value());
  const std::size_t before = store.log_memory().bytes;
  std::vector<log_update> updates;
  const std::string text = "stat:UNDELIV err:005 a long carrier text that is the same for every log";
  for (log_id id = 1; id <= 1000; ++id) {
    log_update u = conformance::status_update(id, log_status::pending, log_status::failed);
    u.text = text;
    updates.push_back(u);
  }
  std::vector<write_outcome> out(updates.size());
  ASSERT_TRUE(store.logs().update(d, updates, out).has_value());
  EXPECT_LT(store.log_memory().bytes - before, 1000U) << "the text is stored once";
}

TEST(memory_store, a_quarantine_entry_shares_its_last_error_text_with_the_log) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  ASSERT_TRUE(store.logs().insert(d, conformance::make_logs(d, 1, 1)).has_value());
  const std::string text(4'000, 'e');  // a long carrier text
  log_update failed = conformance::status_update(1, log_status::pending, log_status::failed);
  failed.text = text;
  write_outcome out[1];
  ASSERT_TRUE(store.logs().update(d, std::span<const log_update>(&failed, 1), out).has_value());
  const std::size_t with_the_log = store.log_memory().bytes;
  quarantine_entry entry = conformance::make_entry(33612345678ULL, "", quarantine_status::with_errors);
  entry.last_error_text = text;
  ASSERT_TRUE(store.quarantine().upsert(std::span<const quarantine_entry>(&entry, 1)).has_value());
  EXPECT_LT(store.log_memory().bytes - with_the_log, 1'000U) << "the text is kept once";
  const quarantine_key key{entry.address, ""};
  std::optional<quarantine_entry> read[1];
  ASSERT_TRUE(store.quarantine().get(std::span<const quarantine_key>(&key, 1), read).has_value());
  EXPECT_EQ(read[0], entry);
  // A text of its own is counted with the logs' texts: the pool is the same.
  entry.last_error_text = std::string(4'000, 'f');
  ASSERT_TRUE(store.quarantine().upsert(std::span<const quarantine_entry>(&entry, 1)).has_value());
  EXPECT_GE(store.log_memory().bytes - with_the_log, 4'000U);
}

}  // namespace
}  // namespace smstrack

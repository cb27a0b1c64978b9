#include <smstrack/store/memory_store.hpp>

#include <smstrack/conformance/storage_conformance.hpp>

#include <gtest/gtest.h>

#include <algorithm>

// The reference implementation passes the whole conformance suite.
SMSTRACK_STORAGE_CONFORMANCE(memory, [] { return std::make_unique<smstrack::memory_store>(); });

namespace smstrack {
namespace {

TEST(memory_store, reports_compact_log_memory) {
  memory_store store;
  const delivery_id d = store.deliveries().create({}).value();
  ASSERT_TRUE(store.logs().insert(d, conformance::make_logs(d, 1, 10'000)).has_value());
  const log_memory_usage usage = store.log_memory();
  EXPECT_EQ(usage.logs, 10'000U);
  EXPECT_GE(usage.bytes, usage.logs * 48);
  EXPECT_LE(usage.bytes, usage.logs * 96) << "a delivery log should stay under 96 bytes";
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

}  // namespace
}  // namespace smstrack

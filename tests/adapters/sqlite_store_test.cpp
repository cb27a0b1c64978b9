#include <smstrack/adapters/sqlite_store.hpp>

#include <smstrack/conformance/storage_conformance.hpp>

#include "adapter_test_support.hpp"
#include "temp_path.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sqlite3.h>

#include <csignal>
#include <fstream>
#include <optional>
#include <thread>
#include <utility>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace smstrack;
using smstrack_test::sample_delivery;
using smstrack_test::temp_database;

// A store on a temporary file that is removed with the store.
class temporary_sqlite final : public smstrack_test::forwarding_storage {
 public:
  temporary_sqlite() : store_(sqlite_store::open({.path = file_.path()}).value()) {}

 private:
  storage& inner() override { return *store_; }
  temp_database file_;
  std::unique_ptr<sqlite_store> store_;
};

// A raw connection to the same file, for what the tests do behind the adapter's back.
class raw_sqlite {
 public:
  explicit raw_sqlite(const std::string& path) { sqlite3_open(path.c_str(), &db_); }
  ~raw_sqlite() { sqlite3_close(db_); }
  raw_sqlite(const raw_sqlite&) = delete;
  raw_sqlite& operator=(const raw_sqlite&) = delete;
  int exec(const std::string& sql) { return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace

SMSTRACK_STORAGE_CONFORMANCE(sqlite, [] { return std::make_unique<temporary_sqlite>(); });

TEST(sqlite_store, open_refuses_invalid_settings) {
  const auto no_path = sqlite_store::open({});
  ASSERT_FALSE(no_path);
  EXPECT_EQ(no_path.error(), errc::invalid_settings);
  temp_database file;
  const auto bad_version = sqlite_store::open({.path = file.path(), .schema_version = sqlite_store::latest_schema_version + 1});
  ASSERT_FALSE(bad_version);
  EXPECT_EQ(bad_version.error(), errc::invalid_settings);
  EXPECT_NE(bad_version.error().detail().find("schema_version " + std::to_string(sqlite_store::latest_schema_version + 1)), std::string::npos);
  const auto tiny_cache = sqlite_store::open({.path = file.path(), .cache_bytes = 512 * 1024});
  ASSERT_FALSE(tiny_cache);
  EXPECT_EQ(tiny_cache.error(), errc::invalid_settings);
  EXPECT_EQ(tiny_cache.error().detail(), "sqlite_options.cache_bytes 524288 is under 1 MiB");
  const auto tiny_log = sqlite_store::open({.path = file.path(), .checkpoint_bytes = 4096});
  ASSERT_FALSE(tiny_log);
  EXPECT_EQ(tiny_log.error(), errc::invalid_settings);
  EXPECT_EQ(tiny_log.error().detail(), "sqlite_options.checkpoint_bytes 4096 is under 1 MiB");
}

// The write-ahead log grows to checkpoint_bytes before it is copied into the database: with the
// default (256 MiB) it holds every page the batches changed, with 1 MiB it starts over each
// time it passes 1 MiB.
TEST(sqlite_store, the_write_ahead_log_grows_to_checkpoint_bytes) {
  const auto largest_log = [](std::size_t checkpoint_bytes) {
    temp_database file;
    auto store = sqlite_store::open({.path = file.path(), .checkpoint_bytes = checkpoint_bytes}).value();
    const delivery_id id = store->deliveries().create(sample_delivery()).value();
    for (log_id first = 1; first <= 40'000; first += 1000) {
      EXPECT_TRUE(store->logs().insert(id, conformance::make_logs(id, first, 1000)));
    }
    return std::filesystem::file_size(file.path() + "-wal");
  };
  const auto small = largest_log(std::size_t{1} << 20);
  const auto large = largest_log(std::size_t{256} << 20);
  EXPECT_LT(small, std::uintmax_t{3} << 20) << "checkpointed past 1 MiB";
  EXPECT_GT(large, 4 * small) << "every batch's pages kept in the log";
}

// The page cache and the memory map are tuning: any size, mapping off included, stores the same.
TEST(sqlite_store, page_cache_and_memory_map_sizes_change_nothing_stored) {
  for (const auto& [cache, map] : {std::pair{std::size_t{1} << 20, std::size_t{0}},
                                   std::pair{std::size_t{256} << 20, std::size_t{1} << 30}}) {
    temp_database file;
    auto store = sqlite_store::open({.path = file.path(), .cache_bytes = cache, .mmap_bytes = map}).value();
    const delivery_id id = store->deliveries().create(sample_delivery()).value();
    ASSERT_TRUE(store->logs().insert(id, conformance::make_logs(id, 1, 5000)));
    const log_id wanted[] = {1, 2500, 5000};
    std::optional<delivery_log> out[3];
    ASSERT_TRUE(store->logs().get(id, wanted, out));
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(out[i].value().id, wanted[i]) << "cache " << cache << ", map " << map;
  }
}

TEST(sqlite_store, everything_survives_closing_and_reopening) {
  temp_database file;
  delivery_id id = 0;
  {
    auto store = sqlite_store::open({.path = file.path()}).value();
    id = store->deliveries().create(sample_delivery()).value();
    ASSERT_TRUE(store->logs().insert(id, conformance::make_logs(id, 1, 5)));
    const log_update ack = [] {
      log_update u = conformance::status_update(3, log_status::pending, log_status::sent_to_provider);
      u.provider_id = "msg-3";
      return u;
    }();
    write_outcome outcome{};
    ASSERT_TRUE(store->logs().update(id, {&ack, 1}, {&outcome, 1}));
    EXPECT_EQ(outcome, write_outcome::applied);
  }
  auto store = sqlite_store::open({.path = file.path()}).value();
  EXPECT_EQ(store->schema_version(), sqlite_store::latest_schema_version);
  EXPECT_EQ(store->deliveries().get(id).value().label, "Spring sale");
  EXPECT_EQ(store->logs().scan_digests(id, 0, 100).value().size(), 5U);
  const std::string_view wanted = "msg-3";
  std::optional<log_ref> found;
  ASSERT_TRUE(store->logs().find_by_provider_ids({&wanted, 1}, {&found, 1}));
  EXPECT_EQ(found, (log_ref{id, 3}));
}

TEST(sqlite_store, an_older_schema_is_upgraded_in_place) {
  temp_database file;
  delivery_id id = 0;
  {
    auto v1 = sqlite_store::open({.path = file.path(), .schema_version = 1}).value();
    EXPECT_EQ(v1->schema_version(), 1);
    // A delivery as version 1 stored it (today's code writes later columns too).
    raw_sqlite(file.path()).exec(
        "INSERT INTO smstrack_deliveries (id, revision, label, content, sender, approval, validity_ms, connector, "
        "short_code, state, created, last_modified, initial_population, rejected) "
        "VALUES (1, 1, 'v1', 'Hello', 'ACME', 0, 432000000, 'smpp', '', 0, 0, 0, 0, 0)");
    id = 1;
    // Logs as version 1 stored them: no submit or ack times.
    for (int log = 1; log <= 3; ++log) {
      raw_sqlite(file.path()).exec(
          "INSERT INTO smstrack_logs (delivery, id, recipient, address, seed, status, failure_type, reason, retries, "
          "updated) VALUES (1, " + std::to_string(log) + ", 7, 33600000001, 0, 0, 0, 0, 0, 0)");
    }
    // A log the receipt horizon marked, as version 1 kept the mark: in its text only.
    raw_sqlite(file.path()).exec(
        "INSERT INTO smstrack_logs (delivery, id, recipient, address, seed, status, failure_type, reason, retries, "
        "updated, text) VALUES (1, 4, 7, 33600000004, 0, 2, 0, 0, 0, 0, 'receipt timed out')");
    // A click as version 1 stored it: not classified.
    raw_sqlite(file.path()).exec(
        "INSERT INTO smstrack_urls VALUES (1, 1, 'shop', 1, 0, 'https://example.com');"
        "INSERT INTO smstrack_clicks (delivery, log_id, url_id, clicked_at, user_agent) VALUES (1, 1, 1, 5, 'UA')");
  }
  auto latest = sqlite_store::open({.path = file.path()}).value();
  EXPECT_EQ(latest->schema_version(), sqlite_store::latest_schema_version);
  EXPECT_EQ(latest->deliveries().get(id).value().content, "Hello");
  const auto logs = latest->logs().page(id, {.status = log_status::pending}).value();
  ASSERT_EQ(logs.size(), 3U);
  EXPECT_EQ(logs[0].submitted, std::nullopt) << "times unknown before version 7";
  EXPECT_EQ(logs[0].acked, std::nullopt);
  EXPECT_FALSE(logs[0].network.known()) << "networks unknown before version 8";
  EXPECT_FALSE(logs[0].receipt_timed_out);
  const auto marked = latest->logs().page(id, {.status = log_status::taken_into_account}).value();
  ASSERT_EQ(marked.size(), 1U);
  EXPECT_TRUE(marked[0].receipt_timed_out) << "version 8 reads the horizon's mark from the text";
  EXPECT_EQ(latest->deliveries().get(id).value().settings.max_parts, 0U) << "added columns take their defaults";
  const auto clicks = latest->tracking().clicks(id, 0, 10).value();
  ASSERT_EQ(clicks.size(), 1U);
  EXPECT_EQ(clicks[0].kind, click_class::human) << "a click stored before classification counts as a person's";
  EXPECT_EQ(clicks[0].why, "");
}

TEST(sqlite_store, a_newer_schema_is_refused) {
  temp_database file;
  (void)sqlite_store::open({.path = file.path()}).value();
  raw_sqlite(file.path()).exec("UPDATE smstrack_schema SET version = 99");
  const auto opened = sqlite_store::open({.path = file.path()});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error(), errc::storage_failure);
  EXPECT_TRUE(opened.error().is(condition::permanent));
  EXPECT_NE(opened.error().detail().find("schema version 99, newer than"), std::string::npos);
}

TEST(sqlite_store, a_file_that_is_not_a_database_is_a_permanent_failure) {
  temp_database file;
  std::ofstream(file.path()) << std::string(4096, 'x');
  const auto opened = sqlite_store::open({.path = file.path()});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error(), errc::storage_failure);
  EXPECT_TRUE(opened.error().is(condition::permanent));
  EXPECT_NE(opened.error().detail().find("SQLite: file is not a database"), std::string::npos);
}

TEST(sqlite_store, a_locked_database_is_a_transient_failure_and_writes_nothing) {
  temp_database file;
  auto store = sqlite_store::open({.path = file.path(), .busy_timeout = std::chrono::milliseconds(20)}).value();
  const delivery_id id = store->deliveries().create(sample_delivery()).value();
  raw_sqlite other(file.path());
  ASSERT_EQ(other.exec("BEGIN EXCLUSIVE"), SQLITE_OK);
  const auto blocked = store->logs().insert(id, conformance::make_logs(id, 1, 10));
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error(), errc::storage_failure);
  EXPECT_TRUE(blocked.error().is(condition::transient));
  EXPECT_NE(blocked.error().detail().find("database is locked"), std::string::npos);
  ASSERT_EQ(other.exec("COMMIT"), SQLITE_OK);
  EXPECT_TRUE(store->logs().scan_digests(id, 0, 100).value().empty());
  EXPECT_TRUE(store->logs().insert(id, conformance::make_logs(id, 1, 10)));
}

TEST(sqlite_store, a_refused_row_rolls_the_whole_batch_back) {
  temp_database file;
  auto store = sqlite_store::open({.path = file.path()}).value();
  raw_sqlite(file.path())
      .exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON smstrack_audit WHEN NEW.message = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'boom is refused'); END");
  const std::vector<audit_event> events = {conformance::make_event(1, 0, audit_severity::info, "fine"),
                                           conformance::make_event(1, 1, audit_severity::info, "boom")};
  const auto appended = store->audit().append(events);
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error(), errc::storage_failure);
  EXPECT_TRUE(appended.error().is(condition::permanent));
  EXPECT_NE(appended.error().detail().find("boom is refused"), std::string::npos);
  EXPECT_TRUE(store->audit().query(1, {}).value().empty());
}

TEST(sqlite_store, a_damaged_row_is_reported_not_decoded) {
  temp_database file;
  auto store = sqlite_store::open({.path = file.path()}).value();
  const delivery_id id = store->deliveries().create(sample_delivery()).value();
  ASSERT_TRUE(store->logs().insert(id, conformance::make_logs(id, 1, 2)));
  raw_sqlite(file.path()).exec("UPDATE smstrack_logs SET status = 99 WHERE id = 2");
  const auto page = store->logs().page(id, {});
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error(), errc::storage_failure);
  EXPECT_EQ(page.error().detail(), "corrupt row in logs, column 5: unknown enumerator 99");
}

TEST(sqlite_store, two_stores_on_one_file_write_concurrently) {
  temp_database file;
  auto first = sqlite_store::open({.path = file.path()}).value();
  auto second = sqlite_store::open({.path = file.path()}).value();
  const delivery_id id = first->deliveries().create(sample_delivery()).value();
  std::thread writer([&] {
    for (log_id batch = 0; batch < 20; ++batch) {
      EXPECT_TRUE(second->logs().insert(id, conformance::make_logs(id, 1000 + batch * 10, 10)));
    }
  });
  for (log_id batch = 0; batch < 20; ++batch) {
    EXPECT_TRUE(first->logs().insert(id, conformance::make_logs(id, 1 + batch * 10, 10)));
  }
  writer.join();
  EXPECT_EQ(first->logs().scan_digests(id, 0, 1000).value().size(), 400U);
}

// A full disk, simulated with a file-size limit in a child process: the batch that does not fit
// is a transient storage_failure, and it leaves nothing behind.
TEST(sqlite_store, a_full_disk_is_a_transient_failure_and_writes_nothing) {
  temp_database file;
  delivery_id id = 0;
  {
    auto store = sqlite_store::open({.path = file.path()}).value();
    id = store->deliveries().create(sample_delivery()).value();
    ASSERT_TRUE(store->logs().insert(id, conformance::make_logs(id, 1, 100)));
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{256 * 1024, 256 * 1024};
    setrlimit(RLIMIT_FSIZE, &limit);
    auto store = sqlite_store::open({.path = file.path()}).value();
    for (log_id first = 101;; first += 5'000) {
      const auto inserted = store->logs().insert(id, conformance::make_logs(id, first, 5'000));
      if (!inserted) {
        const bool expected = inserted.error() == errc::storage_failure && inserted.error().is(condition::transient);
        _exit(expected ? 0 : 2);
      }
      if (first > 1'000'000) _exit(3);  // the limit never bit
    }
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "2: wrong error, 3: the file-size limit never bit";
  auto store = sqlite_store::open({.path = file.path()}).value();
  const auto logs = store->logs().scan_digests(id, 0, 2'000'000).value();
  EXPECT_EQ(logs.size() % 5'000, 100U);  // whole batches only
  EXPECT_EQ(logs.front().id, 1U);
}

TEST(sqlite_store, the_receipt_path_and_its_routes_give_what_they_give_on_the_memory_store) {
  temporary_sqlite store;
  smstrack_test::expect_receipt_scenario_as_on_memory_store(store);
}

TEST(sqlite_store, refused_items_leave_the_store_as_it_was_and_readable) {
  temporary_sqlite store;
  smstrack_test::expect_refused_items_to_change_nothing(store);
}

// The PostgreSQL adapter against a real server: ctest starts one (pg_server.sh) and passes its
// connection string in SMSTRACK_TEST_POSTGRES. Without it every test fails: a missing server
// is never a silent skip.
#include <smstrack/adapters/postgres_store.hpp>

#include <smstrack/conformance/storage_conformance.hpp>

#include "adapter_test_support.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace {

using namespace smstrack;
using smstrack_test::sample_delivery;

std::string server() {
  const char* conninfo = std::getenv("SMSTRACK_TEST_POSTGRES");
  if (conninfo == nullptr || *conninfo == '\0') {
    throw std::runtime_error("SMSTRACK_TEST_POSTGRES is not set: run these tests through ctest, which starts a server");
  }
  return conninfo;
}

// A raw libpq connection, for what the tests do behind the adapter's back.
class raw_postgres {
 public:
  explicit raw_postgres(const std::string& schema = {}) : conn_(PQconnectdb(server().c_str())) {
    if (!schema.empty()) exec("SET search_path TO " + schema);
  }
  ~raw_postgres() { PQfinish(conn_); }
  raw_postgres(const raw_postgres&) = delete;
  raw_postgres& operator=(const raw_postgres&) = delete;
  bool exec(const std::string& sql) {
    PGresult* res = PQexec(conn_, sql.c_str());
    const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    PQclear(res);
    return ok;
  }

 private:
  PGconn* conn_;
};

std::string fresh_schema_name() {
  static std::atomic<int> counter{0};
  return "smstrack_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

// A store in its own schema, dropped with the store. Its connections carry the schema name as
// their application_name, so a test can single them out among those of tests running beside it.
class temporary_postgres final : public smstrack_test::forwarding_storage {
 public:
  explicit temporary_postgres(postgres_options options = {}) : schema_(fresh_schema_name()) {
    options.conninfo = server() + " application_name=" + schema_;
    options.schema = schema_;
    store_ = postgres_store::open(options).value();
  }
  ~temporary_postgres() override {
    store_.reset();
    raw_postgres().exec("DROP SCHEMA " + schema_ + " CASCADE");
  }
  temporary_postgres(const temporary_postgres&) = delete;
  temporary_postgres& operator=(const temporary_postgres&) = delete;
  [[nodiscard]] const std::string& schema() const { return schema_; }

 private:
  storage& inner() override { return *store_; }
  std::string schema_;
  std::unique_ptr<postgres_store> store_;
};

}  // namespace

SMSTRACK_STORAGE_CONFORMANCE(postgres, [] { return std::make_unique<temporary_postgres>(); });

TEST(postgres_store, open_refuses_invalid_settings) {
  const auto no_conninfo = postgres_store::open({});
  ASSERT_FALSE(no_conninfo);
  EXPECT_EQ(no_conninfo.error(), errc::invalid_settings);
  const auto no_pool = postgres_store::open({.conninfo = server(), .pool_size = 0});
  ASSERT_FALSE(no_pool);
  EXPECT_EQ(no_pool.error(), errc::invalid_settings);
  const auto bad_version = postgres_store::open({.conninfo = server(), .schema_version = postgres_store::latest_schema_version + 1});
  ASSERT_FALSE(bad_version);
  EXPECT_EQ(bad_version.error(), errc::invalid_settings);
}

TEST(postgres_store, an_unreachable_server_is_a_transient_failure) {
  const auto opened = postgres_store::open({.conninfo = "host=127.0.0.1 port=1 connect_timeout=2"});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error(), errc::storage_failure);
  EXPECT_TRUE(opened.error().is(condition::transient));
  EXPECT_NE(opened.error().detail().find("PostgreSQL: cannot connect"), std::string::npos);
}

TEST(postgres_store, everything_survives_reconnecting) {
  const std::string schema = fresh_schema_name();
  delivery_id id = 0;
  {
    auto store = postgres_store::open({.conninfo = server(), .schema = schema}).value();
    id = store->deliveries().create(sample_delivery()).value();
    ASSERT_TRUE(store->logs().insert(id, conformance::make_logs(id, 1, 5)));
  }
  auto store = postgres_store::open({.conninfo = server(), .schema = schema}).value();
  EXPECT_EQ(store->schema_version(), postgres_store::latest_schema_version);
  EXPECT_EQ(store->deliveries().get(id).value().label, "Spring sale");
  EXPECT_EQ(store->logs().scan_digests(id, 0, 100).value().size(), 5U);
  store.reset();
  raw_postgres().exec("DROP SCHEMA " + schema + " CASCADE");
}

TEST(postgres_store, an_older_schema_is_upgraded_in_place) {
  const std::string schema = fresh_schema_name();
  delivery_id id = 0;
  {
    auto v1 = postgres_store::open({.conninfo = server(), .schema = schema, .schema_version = 1}).value();
    EXPECT_EQ(v1->schema_version(), 1);
    // A delivery as version 1 stored it (today's code writes later columns too).
    raw_postgres().exec("INSERT INTO " + schema +
                        ".smstrack_deliveries (id, revision, label, content, sender, approval, validity_ms, connector, "
                        "short_code, state, created, last_modified, initial_population, rejected) "
                        "VALUES (1, 1, 'v1', 'Hello', 'ACME', 0, 432000000, 'smpp', '', 0, 0, 0, 0, 0)");
    // A click as version 1 stored it: not classified.
    raw_postgres().exec("INSERT INTO " + schema + ".smstrack_urls VALUES (1, 1, 'shop', 1, 0, 'https://example.com')");
    raw_postgres().exec("INSERT INTO " + schema +
                        ".smstrack_clicks (delivery, log_id, url_id, clicked_at, user_agent) VALUES (1, 1, 1, 5, 'UA')");
    id = 1;
  }
  auto latest = postgres_store::open({.conninfo = server(), .schema = schema}).value();
  EXPECT_EQ(latest->schema_version(), postgres_store::latest_schema_version);
  EXPECT_EQ(latest->deliveries().get(id).value().content, "Hello");
  EXPECT_EQ(latest->deliveries().get(id).value().settings.tracking_host, "") << "added columns take their defaults";
  const auto clicks = latest->tracking().clicks(id, 0, 10).value();
  ASSERT_EQ(clicks.size(), 1U);
  EXPECT_EQ(clicks[0].kind, click_class::human) << "a click stored before classification counts as a person's";
  EXPECT_EQ(clicks[0].why, "");
  latest.reset();
  raw_postgres().exec("DROP SCHEMA " + schema + " CASCADE");
}

TEST(postgres_store, a_newer_schema_is_refused) {
  temporary_postgres store;
  ASSERT_TRUE(raw_postgres(store.schema()).exec("UPDATE smstrack_schema SET version = 99"));
  const auto opened = postgres_store::open({.conninfo = server(), .schema = store.schema()});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error(), errc::storage_failure);
  EXPECT_TRUE(opened.error().is(condition::permanent));
  EXPECT_NE(opened.error().detail().find("schema version 99, newer than"), std::string::npos);
}

TEST(postgres_store, schemas_keep_stores_apart) {
  temporary_postgres first;
  temporary_postgres second;
  const delivery_id id = first.deliveries().create(sample_delivery()).value();
  EXPECT_EQ(second.deliveries().get(id).error(), errc::unknown_delivery);
}

TEST(postgres_store, a_lost_connection_is_transient_and_the_next_call_reconnects) {
  temporary_postgres store(postgres_options{.pool_size = 1});
  const delivery_id id = store.deliveries().create(sample_delivery()).value();
  ASSERT_TRUE(raw_postgres().exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + store.schema() + "'"));
  const auto lost = store.deliveries().get(id);
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error(), errc::storage_failure);
  EXPECT_TRUE(lost.error().is(condition::transient));
  EXPECT_EQ(store.deliveries().get(id).value().label, "Spring sale");
}

TEST(postgres_store, a_constraint_violation_is_permanent_and_rolls_the_batch_back) {
  temporary_postgres store;
  const delivery_id id = store.deliveries().create(sample_delivery()).value();
  ASSERT_TRUE(store.logs().insert(id, conformance::make_logs(id, 1, 2)));
  ASSERT_TRUE(raw_postgres(store.schema()).exec(
      "ALTER TABLE smstrack_logs ADD CONSTRAINT few_retries CHECK (retries < 100)"));
  std::vector<log_update> changes = {conformance::status_update(1, log_status::pending, log_status::sent_to_provider),
                                     conformance::status_update(1, log_status::sent_to_provider, log_status::failed)};
  changes[1].retries = 500;
  std::vector<write_outcome> out(changes.size());
  const auto updated = store.logs().update(id, changes, out);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error(), errc::storage_failure);
  EXPECT_TRUE(updated.error().is(condition::permanent));
  EXPECT_NE(updated.error().detail().find("few_retries"), std::string::npos);
  EXPECT_NE(updated.error().detail().find("SQLSTATE 23514"), std::string::npos);
  EXPECT_EQ(store.logs().scan_digests(id, 0, 10).value().front().status, log_status::pending);
}

TEST(postgres_store, a_damaged_row_is_reported_not_decoded) {
  temporary_postgres store;
  const delivery_id id = store.deliveries().create(sample_delivery()).value();
  ASSERT_TRUE(store.logs().insert(id, conformance::make_logs(id, 1, 2)));
  ASSERT_TRUE(raw_postgres(store.schema()).exec("UPDATE smstrack_logs SET status = 99 WHERE id = 2"));
  const auto page = store.logs().page(id, {});
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error(), errc::storage_failure);
  EXPECT_EQ(page.error().detail(), "corrupt row in logs, column 5: unknown enumerator 99");
}

TEST(postgres_store, the_receipt_path_and_its_routes_give_what_they_give_on_the_memory_store) {
  temporary_postgres store;
  smstrack_test::expect_receipt_scenario_as_on_memory_store(store);
}

TEST(postgres_store, refused_items_leave_the_store_as_it_was_and_readable) {
  temporary_postgres store;
  smstrack_test::expect_refused_items_to_change_nothing(store);
}

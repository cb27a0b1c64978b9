// Crash safety of the PostgreSQL adapter, across parts, against a server of its own
// (pg_server.sh on SMSTRACK_CRASH_POSTGRES_PORT): smstrack-crash-ingest works through a delivery
// (crash_workload.hpp) and
// - is killed with SIGKILL at random moments and restarted, 20 times;
// - keeps running while the server is crashed (pg_ctl stop -m immediate) and restarted under it,
//   5 times, going on after each restart as a gateway would.
// After each kill or restart the database must hold every reported change with all its
// consequences, nothing half-applied (crash_harness.hpp).
#include <smstrack/adapters/postgres_store.hpp>

#include "crash_harness.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

using namespace smstrack;

const std::string port = std::to_string(SMSTRACK_CRASH_POSTGRES_PORT);
const std::string conninfo = "host=127.0.0.1 port=" + port + " user=smstrack dbname=postgres connect_timeout=5";

// Runs pg_server.sh with an action on this test's server.
void server(const std::string& action) {
  const std::string command = "sh " SMSTRACK_PG_SERVER " " + action + " " + port;
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

class postgres_crash : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server("start"); }
  static void TearDownTestSuite() { server("stop"); }

  // A store on the schema of the running test; opening waits for a restarting server.
  static std::unique_ptr<storage> open_store(const std::string& schema) {
    for (int attempt = 0;; ++attempt) {
      auto store = postgres_store::open({.conninfo = conninfo, .schema = schema});
      if (store || attempt == 100) return std::move(store).value();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
};

TEST_F(postgres_crash, every_reported_change_survives_a_killed_client_with_its_consequences) {
  const std::string schema = "crash_client";
  // A round trip per call: the client gets longer between kills than on SQLite.
  smstrack_crash::kill_and_verify([&] { return open_store(schema); }, {"postgres", conninfo, schema}, 20, 20261207,
                                  std::chrono::milliseconds(800));
}

TEST_F(postgres_crash, every_reported_change_survives_server_restarts_with_its_consequences) {
  const std::string schema = "crash_server";
  int restarts = 0;
  auto next_restart = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
  const auto restart_now_and_then = [&] {
    if (restarts == 5 || std::chrono::steady_clock::now() < next_restart) return;
    server("crash");
    server("restart");
    ++restarts;
    next_restart = std::chrono::steady_clock::now() + std::chrono::milliseconds(200 + 100 * restarts);
  };
  // A delivery per run; a run ends when the ingester gets through its delivery (or after 20 s).
  for (int run = 0; run < 4 && restarts < 5; ++run) {
    const delivery_id id = smstrack_crash::prepare(*open_store(schema));
    smstrack_crash::reports seen;
    const std::vector<std::string> args{"postgres", conninfo, schema};
    smstrack_crash::parse_reports(smstrack_crash::run_and_kill(args, std::chrono::seconds(20), true, restart_now_and_then),
                                  seen);
    EXPECT_GT(seen.received.size(), 0U);
    smstrack_crash::verify(*open_store(schema), id, seen);
    if (HasFailure()) return;
  }
  EXPECT_EQ(restarts, 5);
}

}  // namespace

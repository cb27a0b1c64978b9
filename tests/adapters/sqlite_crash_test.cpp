// Crash safety of the SQLite adapter: smstrack-crash-ingest ingests acks and receipts into a
// file and is killed with SIGKILL at random moments, then restarted on the same file, 25 times.
// After each kill, every change it reported as applied must be in the file, and the indicators
// a new tracker computes must equal what the stored logs say. When the ingester gets through a
// delivery, the test adds the next one, so a fast build is killed as often as a slow one.
#include <smstrack/adapters/sqlite_store.hpp>
#include <smstrack/engine/tracker.hpp>

#include "temp_path.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <sstream>
#include <string>

extern char** environ;

namespace {

using namespace smstrack;

constexpr int kill_rounds = 25;
constexpr std::size_t recipients = 30'000;

struct reports {
  std::map<log_id, bool> acked;                 // log -> reported acknowledged
  std::map<log_id, log_status> received;        // log -> final status reported
  bool done = false;
};

void parse_reports(const std::string& text, reports& into) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (lines.eof()) break;  // a line the kill cut short was never reported
    std::istringstream words(line);
    std::string kind;
    log_id log = 0;
    words >> kind >> log;
    if (kind == "ack") into.acked[log] = true;
    if (kind == "receipt") {
      int status = 0;
      words >> status;
      into.received[log] = static_cast<log_status>(status);
    }
    if (kind == "done") into.done = true;
  }
}

// Runs the ingester for `run_for` — counted from its first report when `after_first_report`, so
// that a slow build still makes progress — then kills it; returns what it printed.
std::string run_and_kill(const std::string& database, std::chrono::milliseconds run_for, bool after_first_report) {
  int out[2];
  EXPECT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  const std::string program = SMSTRACK_CRASH_INGEST;
  char* argv[] = {const_cast<char*>(program.c_str()), const_cast<char*>(database.c_str()), nullptr};
  pid_t child = 0;
  EXPECT_EQ(posix_spawn(&child, program.c_str(), &actions, nullptr, argv, environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  std::string printed;
  char buffer[4096];
  const auto started = std::chrono::steady_clock::now();
  auto deadline = after_first_report ? started + std::chrono::seconds(60) : started + run_for;
  bool open = true;
  while (open && std::chrono::steady_clock::now() < deadline) {
    pollfd ready{out[0], POLLIN, 0};
    if (poll(&ready, 1, 5) <= 0) continue;
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) open = false; else printed.append(buffer, static_cast<std::size_t>(n));
    if (after_first_report && printed.find('\n') != std::string::npos) {
      deadline = std::min(deadline, std::chrono::steady_clock::now() + run_for);
    }
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  // Killed, or finished its delivery; any other end is a failure of the ingester itself.
  EXPECT_TRUE(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0))
      << "smstrack-crash-ingest ended with status " << status;
  for (ssize_t n = 0; (n = read(out[0], buffer, sizeof buffer)) > 0;) printed.append(buffer, static_cast<std::size_t>(n));
  close(out[0]);
  return printed;
}

delivery_id prepare(const std::string& database) {
  auto store = sqlite_store::open({.path = database}).value();
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine(*store, clock);
  // Each delivery targets numbers of its own: its hard failures quarantine theirs.
  const std::uint64_t first = 33'600'000'000ULL + store->deliveries().list(0, 1000).value().size() * recipients;
  const delivery_id id = engine.create_delivery({"Crash test", "Hello", "ACME", {}}).value();
  std::vector<recipient> target;
  for (std::size_t i = 0; i < recipients; ++i) target.push_back({i + 1, "+" + std::to_string(first + i), false});
  EXPECT_TRUE(engine.analyse(id, target));
  EXPECT_TRUE(engine.start(id, "crash test"));
  return id;
}

void verify(const std::string& database, delivery_id id, const reports& seen) {
  auto store = sqlite_store::open({.path = database}).value();
  std::map<log_id, delivery_log> logs;
  for (log_id after = 0;;) {
    const auto page = store->logs().page(id, {.after = after, .limit = 5000}).value();
    if (page.empty()) break;
    for (const delivery_log& log : page) logs.emplace(log.id, log);
    after = page.back().id;
  }
  ASSERT_EQ(logs.size(), recipients);
  for (const auto& [log, acked] : seen.acked) {
    const delivery_log& stored = logs.at(log);
    EXPECT_NE(stored.status, log_status::pending) << "log " << log << " was reported acknowledged";
    EXPECT_EQ(stored.provider_id, "P" + std::to_string(id) + "-" + std::to_string(log));
  }
  for (const auto& [log, status] : seen.received) EXPECT_EQ(logs.at(log).status, status) << "log " << log;
  std::uint64_t delivered = 0, failed = 0, pending = 0;
  for (const auto& [log, stored] : logs) {
    delivered += stored.status == log_status::received_on_mobile ? 1 : 0;
    failed += stored.status == log_status::failed ? 1 : 0;
    pending += stored.status == log_status::pending || stored.status == log_status::sent_to_provider ? 1 : 0;
  }
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine(*store, clock);
  const indicators counted = engine.indicators_of(id).value();
  EXPECT_EQ(counted.delivered, delivered);
  EXPECT_EQ(counted.errors, failed);
  EXPECT_EQ(counted.pending, pending);  // waiting for a send or for a receipt
  EXPECT_EQ(counted, engine.recompute(id).value());
}

TEST(sqlite_crash, every_reported_change_survives_sigkill) {
  smstrack_test::temp_database file;
  delivery_id id = prepare(file.path());
  std::mt19937 random(20261124);
  reports seen;
  int kills = 0;
  std::size_t acked = 0, received = 0;
  for (int round = 0; round < kill_rounds; ++round) {
    if (seen.done) {
      acked += seen.acked.size();
      received += seen.received.size();
      seen = {};
      id = prepare(file.path());
    }
    const auto run_for = std::chrono::milliseconds(std::uniform_int_distribution<int>(10, 150)(random));
    // Every other round may be killed while starting up; the others after some progress.
    parse_reports(run_and_kill(file.path(), run_for, round % 2 == 1), seen);
    ++kills;
    verify(file.path(), id, seen);
    if (HasFailure()) break;
  }
  EXPECT_EQ(kills, kill_rounds);
  EXPECT_GT(acked + seen.acked.size(), 0U);
  EXPECT_GT(received + seen.received.size(), 0U);
}

}  // namespace

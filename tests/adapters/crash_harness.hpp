// The crash tests' harness (sqlite_crash_test.cpp, postgres_crash_test.cpp): runs the ingester
// (crash_ingest.cpp) and kills it, reads what it reported, and checks a store against it: every
// change reported as applied is stored with all its consequences (a failed log's quarantine
// entry, qualification count and retry line, a click, a reply's denylisting), no consequence is
// stored without its change or twice, and the indicators a new tracker computes equal what the
// stored logs say.
#pragma once

#include <smstrack/adapters/system_clock.hpp>
#include <smstrack/engine/tracker.hpp>

#include "crash_workload.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace smstrack_crash {

using namespace smstrack;

struct reports {
  std::map<log_id, bool> acked;                 // log -> reported acknowledged
  std::map<log_id, log_status> received;        // log -> final status reported
  std::set<log_id> clicked;
  std::set<log_id> replied;
  bool done = false;
};

inline void parse_reports(const std::string& text, reports& into) {
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
    if (kind == "click") into.clicked.insert(log);
    if (kind == "reply") into.replied.insert(log);
    if (kind == "done") into.done = true;
  }
}

// Runs the ingester with `args` for `run_for` — counted from its first report when
// `after_first_report`, so that a slow build still makes progress — calling `meanwhile` as it
// runs, then kills it; returns what it printed.
inline std::string run_and_kill(const std::vector<std::string>& args, std::chrono::milliseconds run_for,
                                bool after_first_report, const std::function<void()>& meanwhile = {}) {
  int out[2];
  EXPECT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  const std::string program = SMSTRACK_CRASH_INGEST;
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t child = 0;
  EXPECT_EQ(posix_spawn(&child, program.c_str(), &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  std::string printed;
  char buffer[4096];
  const auto started = std::chrono::steady_clock::now();
  auto deadline = after_first_report ? started + std::chrono::seconds(60) : started + run_for;
  bool open = true;
  while (open && std::chrono::steady_clock::now() < deadline) {
    if (meanwhile) meanwhile();
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

// Adds the next delivery for the ingester to work through.
inline delivery_id prepare(storage& store) {
  smstrack::system_clock clock;  // the ingester's: its retries fall within the validity
  tracker engine(store, clock);
  keyring keys;
  add_workload_key(keys);
  engine.set_tracking_keys(&keys);
  // Once per file: a requalification replaces the entry, its count of occurrences included.
  const std::string_view key[] = {hard_key};
  std::optional<qualification_entry> entry[1];
  EXPECT_TRUE(store.qualification().get(key, entry));
  if (!entry[0]) {
    EXPECT_TRUE(engine.requalify({.key = std::string(hard_key), .type = failure_type::hard,
                                  .reason = failure_reason::user_unknown, .status = qualification_status::keep}));
  }
  delivery_draft draft{"Crash test", std::string(content), "ACME", {}};
  draft.settings.connector = std::string(connector);
  draft.settings.short_code = std::string(short_code);
  draft.settings.tracking_host = "t.acme.example";
  const delivery_id id = engine.create_delivery(draft).value();
  std::vector<recipient> target;
  for (log_id log = 1; log <= recipients; ++log) target.push_back({log, "+" + std::to_string(address_of(id, log)), false});
  EXPECT_TRUE(engine.analyse(id, target));
  EXPECT_TRUE(engine.start(id, "crash test"));
  return id;
}

// Every log of a delivery, by id.
inline std::map<log_id, delivery_log> logs_of(storage& store, delivery_id id) {
  std::map<log_id, delivery_log> logs;
  for (log_id after = 0;;) {
    const auto page = store.logs().page(id, {.after = after, .limit = 5000}).value();
    if (page.empty()) break;
    for (const delivery_log& log : page) logs.emplace(log.id, log);
    after = page.back().id;
  }
  return logs;
}

inline std::optional<quarantine_entry> entry_of(storage& store, std::uint64_t address, std::string_view code) {
  const quarantine_key key[] = {{phone_number::from_digits(address).value(), std::string(code)}};
  std::optional<quarantine_entry> out[1];
  store.quarantine().get(key, out).value();
  return out[0];
}

// How many retry lines the journal holds per log.
inline std::map<log_id, int> retry_lines(storage& store, delivery_id id) {
  std::map<log_id, int> lines;
  audit_query query;
  query.limit = 1000;
  for (;;) {
    const auto page = store.audit().query(id, query).value();
    for (const audit_event& e : page) {
      const auto at = e.message.find(" of log ");
      if (e.code == audit_code::retry_scheduled && at != std::string::npos) ++lines[static_cast<log_id>(std::stoul(e.message.substr(at + 8)))];
    }
    if (page.size() < query.limit) return lines;
    query.before = audit_cursor{page.back().time, page.back().id};
  }
}

// The occurrences counted under `key`, and the failed logs of every delivery of the file with
// that fate: they must be equal.
inline void expect_occurrences_match_failures(storage& store, std::string_view key, fate which) {
  std::uint64_t failed = 0;
  for (const delivery& d : store.deliveries().list(0, 1000).value()) {
    for (const auto& [log, stored] : logs_of(store, d.id)) failed += stored.status == log_status::failed && fate_of(log) == which;
  }
  const std::string_view keys[] = {key};
  std::optional<qualification_entry> entry[1];
  store.qualification().get(keys, entry).value();
  EXPECT_EQ(entry[0] ? entry[0]->occurrences : 0U, failed) << key;
}

// The failure entries (short code "") of every log's address, by log.
inline std::map<log_id, std::optional<quarantine_entry>> failure_entries(storage& store, delivery_id id) {
  std::vector<quarantine_key> keys;
  for (log_id log = 1; log <= recipients; ++log) keys.push_back({phone_number::from_digits(address_of(id, log)).value(), ""});
  std::vector<std::optional<quarantine_entry>> found(keys.size());
  store.quarantine().get(keys, found).value();
  std::map<log_id, std::optional<quarantine_entry>> entries;
  for (log_id log = 1; log <= recipients; ++log) entries.emplace(log, std::move(found[log - 1]));
  return entries;
}

// A log's consequences: a failure's quarantine entry and retry line, nothing for the others.
inline void expect_consequences(delivery_id id, const delivery_log& log, const std::optional<quarantine_entry>& entry,
                         int retry_line_count) {
  const bool failed = log.status == log_status::failed;
  if (failed && fate_of(log.id) == fate::hard_failure) {
    ASSERT_TRUE(entry) << "hard failure of log " << log.id << " without its quarantine entry";
    EXPECT_EQ(entry->status, quarantine_status::quarantine) << "log " << log.id;
    EXPECT_EQ(entry->quarantined_by, id) << "log " << log.id;
  } else if (failed) {
    ASSERT_TRUE(entry) << "soft failure of log " << log.id << " without its quarantine entry";
    EXPECT_EQ(entry->error_count, 1U) << "log " << log.id;
  } else {
    EXPECT_FALSE(entry) << "log " << log.id << " did not fail, yet its address has an entry";
  }
  const int expected_lines = failed && fate_of(log.id) == fate::soft_failure ? 1 : 0;
  EXPECT_EQ(retry_line_count, expected_lines) << "retry lines of log " << log.id;
}

/// A STOP is one unit of work: an address is denylisted exactly when a reply that opted it out
/// is stored, whether or not the ingester lived to report it.
inline void expect_stops_whole(storage& store, delivery_id id) {
  std::set<std::uint64_t> opted_out_by_reply;
  for (event_id after = 0;;) {
    const auto page = store.replies().page({id, after, 5000}).value();
    for (const reply_record& r : page) {
      if (r.action == reply_action::send_to_quarantine) opted_out_by_reply.insert(r.address.digits());
    }
    if (page.size() < 5000) break;
    after = page.back().id;
  }
  std::vector<quarantine_key> keys;
  for (log_id log = 1; log <= recipients; ++log) {
    if (replies_stop(log)) keys.push_back({phone_number::from_digits(address_of(id, log)).value(), std::string(short_code)});
  }
  std::vector<std::optional<quarantine_entry>> entries(keys.size());
  ASSERT_TRUE(store.quarantine().get(keys, entries).has_value());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const bool denied = entries[i] && entries[i]->status == quarantine_status::denylisted;
    EXPECT_EQ(denied, opted_out_by_reply.contains(keys[i].address.digits()))
        << "address " << keys[i].address.digits() << ": a denylisting and its STOP reply are stored together";
  }
}

// Checks what `store` holds of delivery `id` against what the ingester reported.
inline void verify(storage& opened, delivery_id id, const reports& seen) {
  storage* store = &opened;
  const std::map<log_id, delivery_log> logs = logs_of(*store, id);
  ASSERT_EQ(logs.size(), recipients);
  for (const auto& [log, acked] : seen.acked) {
    const delivery_log& stored = logs.at(log);
    EXPECT_NE(stored.status, log_status::pending) << "log " << log << " was reported acknowledged";
    EXPECT_EQ(stored.provider_id, message_id_of(id, log));
  }
  for (const auto& [log, status] : seen.received) EXPECT_EQ(logs.at(log).status, status) << "log " << log;
  const std::map<log_id, int> retries = retry_lines(*store, id);
  const std::map<log_id, std::optional<quarantine_entry>> entries = failure_entries(*store, id);
  std::uint64_t delivered = 0, failed = 0, unsent = 0;
  for (const auto& [log, stored] : logs) {
    const auto lines = retries.find(log);
    expect_consequences(id, stored, entries.at(log), lines == retries.end() ? 0 : lines->second);
    if (::testing::Test::HasFailure()) return;
    delivered += stored.status == log_status::received_on_mobile ? 1 : 0;
    failed += stored.status == log_status::failed ? 1 : 0;
    unsent += stored.status == log_status::pending || stored.status == log_status::sent_to_provider ? 1 : 0;
  }
  expect_occurrences_match_failures(*store, hard_key, fate::hard_failure);
  expect_occurrences_match_failures(*store, soft_key, fate::soft_failure);
  std::set<log_id> stored_clicks;
  for (event_id after = 0;;) {
    const auto page = store->tracking().clicks(id, after, 5000).value();
    for (const click& c : page) EXPECT_TRUE(stored_clicks.insert(c.log).second) << "log " << c.log << " clicked twice";
    if (page.size() < 5000) break;
    after = page.back().id;
  }
  for (const log_id log : seen.clicked) EXPECT_TRUE(stored_clicks.contains(log)) << "click of log " << log;
  for (const log_id log : seen.replied) {
    const auto denied = entry_of(*store, address_of(id, log), short_code);
    ASSERT_TRUE(denied) << "STOP of log " << log;
    EXPECT_EQ(denied->status, quarantine_status::denylisted) << "STOP of log " << log;
  }
  expect_stops_whole(*store, id);
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine(*store, clock);
  const indicators counted = engine.indicators_of(id).value();
  EXPECT_EQ(counted.delivered, delivered);
  EXPECT_EQ(counted.errors, failed);
  EXPECT_EQ(counted.pending, unsent);  // not acknowledged yet
  EXPECT_EQ(counted, engine.recompute(id).value());
}

/// Kills the ingester (`args`) `rounds` times at random moments (up to `longest` after its
/// first report), checking `open_store()`'s store after each kill; a delivery the ingester got
/// through is followed by a new one.
inline void kill_and_verify(const std::function<std::unique_ptr<storage>()>& open_store,
                            const std::vector<std::string>& args, int rounds, std::uint32_t seed,
                            std::chrono::milliseconds longest) {
  delivery_id id = prepare(*open_store());
  std::mt19937 random(seed);
  reports seen;
  int kills = 0;
  std::size_t acked = 0, received = 0, clicked = 0, replied = 0;
  for (int round = 0; round < rounds; ++round) {
    if (seen.done) {
      acked += seen.acked.size();
      received += seen.received.size();
      clicked += seen.clicked.size();
      replied += seen.replied.size();
      seen = {};
      id = prepare(*open_store());
    }
    const auto run_for =
        std::chrono::milliseconds(std::uniform_int_distribution<std::int64_t>(10, longest.count())(random));
    // Every other round may be killed while starting up; the others after some progress.
    parse_reports(run_and_kill(args, run_for, round % 2 == 1), seen);
    ++kills;
    verify(*open_store(), id, seen);
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_EQ(kills, rounds);
  EXPECT_GT(acked + seen.acked.size(), 0U);
  EXPECT_GT(received + seen.received.size(), 0U);
  EXPECT_GT(clicked + seen.clicked.size(), 0U);
  EXPECT_GT(replied + seen.replied.size(), 0U);
}

}  // namespace smstrack_crash

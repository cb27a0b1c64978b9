// The victim of the crash tests (sqlite_crash_test.cpp, postgres_crash_test.cpp): works through
// the newest delivery of a store as a gateway would — acks, then carrier receipts (delivered,
// hard and soft failures), then clicks on the tracked link and STOP replies from some of the
// delivered numbers — until nothing is left, reporting on stdout each change the tracker
// reported as applied, after the call returned:
//   ack <log>                 receipt <log> <status>
//   click <log>               reply <log>
// The tests kill it with SIGKILL at random moments and restart it on the same store, or restart
// the database server under it: a transient storage failure makes it wait a little and go on, as
// a gateway would; any other failure ends it with status 1.
//   smstrack-crash-ingest sqlite PATH
//   smstrack-crash-ingest postgres CONNINFO SCHEMA
#include "crash_workload.hpp"

#include <smstrack/adapters/sqlite_store.hpp>
#include <smstrack/adapters/system_clock.hpp>
#include <smstrack/engine/tracker.hpp>
#include <smstrack/store/keyring.hpp>
#include <smstrack/tracking/tracking_token.hpp>
#ifdef SMSTRACK_CRASH_WITH_POSTGRES
#include <smstrack/adapters/postgres_store.hpp>
#endif

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace smstrack;
using namespace smstrack_crash;

// Whether the current round met a transient failure (the server restarting): then it goes on.
bool interrupted = false;

// Whether a call went through. A transient failure interrupts the round after a short wait;
// any other ends the ingester.
bool went_through(const error& e) {
  if (e == condition::transient) {
    interrupted = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return false;
  }
  std::fprintf(stderr, "smstrack-crash-ingest: %s\n", e.message().c_str());
  std::exit(1);
}
template <class T>
bool went_through(const result<T>& r) {
  return r ? true : went_through(r.error());
}

// Acknowledges a batch of pending logs; returns how many were applied.
std::size_t ack_some(tracker& engine, delivery_id id) {
  const auto pending = engine.logs(id, {.status = log_status::pending, .limit = batch});
  if (!went_through(pending) || pending->empty()) return 0;
  std::deque<std::string> message_ids;
  std::vector<message_ack> acks;
  for (const delivery_log& log : *pending) acks.push_back({log.id, message_ids.emplace_back(message_id_of(id, log.id))});
  std::vector<ack_outcome> outcomes(acks.size());
  if (!went_through(engine.on_ack(id, acks, outcomes))) return 0;
  std::size_t applied = 0;
  for (std::size_t i = 0; i < acks.size(); ++i) {
    if (outcomes[i] != ack_outcome::accepted) continue;
    std::printf("ack %u\n", acks[i].log);
    ++applied;
  }
  std::fflush(stdout);
  return applied;
}

// Receipts for a batch of acknowledged logs; returns the logs they delivered.
std::vector<log_id> receive_some(tracker& engine, delivery_id id, std::size_t& applied) {
  const auto sent = engine.logs(id, {.status = log_status::taken_into_account, .limit = batch});
  if (!went_through(sent) || sent->empty()) return {};
  std::deque<std::string> texts;
  std::vector<incoming_receipt> receipts;
  for (const delivery_log& log : *sent) receipts.push_back({texts.emplace_back(receipt_text_of(id, log.id)), {}});
  std::vector<receipt_outcome> outcomes(receipts.size());
  if (!went_through(engine.on_receipts(connector, receipts, outcomes))) return {};
  std::vector<log_id> delivered;
  for (std::size_t i = 0; i < sent->size(); ++i) {
    if (outcomes[i] != receipt_outcome::applied) continue;
    const log_id log = (*sent)[i].id;
    const log_status status = fate_of(log) == fate::delivered ? log_status::received_on_mobile : log_status::failed;
    std::printf("receipt %u %d\n", log, static_cast<int>(status));
    if (status == log_status::received_on_mobile) delivered.push_back(log);
    ++applied;
  }
  std::fflush(stdout);
  return delivered;
}

// Clicks on the tracked link of some delivered logs, and STOP replies from some of their numbers.
void react(tracker& engine, const token_signer& signer, delivery_id id, const std::vector<log_id>& delivered) {
  for (const log_id log : delivered) {
    if (clicks(log)) {
      const std::string token = signer.sign({id, log, workload_url});
      if (went_through(engine.on_click({token, "Mozilla/5.0 (Linux; Android 14)", {}, id}))) std::printf("click %u\n", log);
    }
    if (replies_stop(log)) {
      const std::string from = "+" + std::to_string(address_of(id, log));
      const auto replied = engine.on_reply({from, short_code, "STOP", id});
      if (went_through(replied) && replied->action == reply_action::send_to_quarantine) std::printf("reply %u\n", log);
    }
  }
  std::fflush(stdout);
}

// The store the arguments name; a server still starting is waited for (up to a minute).
std::unique_ptr<storage> open_store(int argc, char** argv) {
  const std::string kind = argc > 1 ? argv[1] : "";
  for (int attempt = 0; attempt < 600; ++attempt) {
    result<std::unique_ptr<storage>> opened = error{errc::invalid_settings};
    if (kind == "sqlite" && argc == 3) {
      auto store = sqlite_store::open({.path = argv[2]});
      opened = store ? result<std::unique_ptr<storage>>(std::move(*store)) : store.error();
#ifdef SMSTRACK_CRASH_WITH_POSTGRES
    } else if (kind == "postgres" && argc == 4) {
      auto store = postgres_store::open({.conninfo = argv[2], .schema = argv[3]});
      opened = store ? result<std::unique_ptr<storage>>(std::move(*store)) : store.error();
#endif
    } else {
      std::fprintf(stderr, "usage: smstrack-crash-ingest sqlite PATH | postgres CONNINFO SCHEMA\n");
      std::exit(2);
    }
    if (opened) return std::move(*opened);
    (void)went_through(opened.error());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::fprintf(stderr, "smstrack-crash-ingest: the store stayed unavailable\n");
  std::exit(1);
}

// The newest delivery of the store.
delivery_id newest_delivery(storage& store) {
  delivery_id id = 0;
  for (;;) {
    const auto page = store.deliveries().list(id, 100);
    if (!went_through(page)) continue;
    if (page->empty()) return id;
    id = page->back().id;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::unique_ptr<storage> store = open_store(argc, argv);
  smstrack::system_clock clock;
  tracker engine(*store, clock);
  keyring keys;
  add_workload_key(keys);
  engine.set_tracking_keys(&keys);
  if (!engine.set_keyword_rules(workload_rules())) return 1;
  const token_signer signer = token_signer::make(keys.current().value()).value();
  const delivery_id id = newest_delivery(*store);
  for (;;) {
    interrupted = false;
    std::size_t applied = ack_some(engine, id);
    react(engine, signer, id, receive_some(engine, id, applied));
    if (applied == 0 && !interrupted) break;
  }
  // Nothing applied any more: every log must be final, or the ingester is stuck.
  const bool left = !engine.logs(id, {.status = log_status::pending, .limit = 1}).value().empty() ||
                    !engine.logs(id, {.status = log_status::taken_into_account, .limit = 1}).value().empty();
  if (left) {
    std::fprintf(stderr, "smstrack-crash-ingest: logs are left that no change applies to\n");
    return 1;
  }
  std::printf("done\n");
  return 0;
}

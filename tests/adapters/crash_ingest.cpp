// The victim of the crash test (sqlite_crash_test.cpp): works through the newest delivery in a
// SQLite file as a gateway would — acks, then carrier receipts (delivered, hard and soft
// failures), then clicks on the tracked link and STOP replies from some of the delivered numbers —
// until nothing is left, reporting on stdout each change the tracker reported as applied, after
// the call returned:
//   ack <log>                 receipt <log> <status>
//   click <log>               reply <log>
// The test kills it with SIGKILL at random moments and restarts it on the same file.
#include "crash_workload.hpp"

#include <smstrack/adapters/sqlite_store.hpp>
#include <smstrack/adapters/system_clock.hpp>
#include <smstrack/engine/tracker.hpp>
#include <smstrack/store/keyring.hpp>
#include <smstrack/tracking/tracking_token.hpp>

#include <cstdio>
#include <deque>
#include <string>
#include <vector>

namespace {

using namespace smstrack;
using namespace smstrack_crash;

// Acknowledges a batch of pending logs; returns how many were applied.
std::size_t ack_some(tracker& engine, delivery_id id) {
  const auto pending = engine.logs(id, {.status = log_status::pending, .limit = batch}).value();
  if (pending.empty()) return 0;
  std::deque<std::string> message_ids;
  std::vector<message_ack> acks;
  for (const delivery_log& log : pending) acks.push_back({log.id, message_ids.emplace_back(message_id_of(id, log.id))});
  std::vector<ack_outcome> outcomes(acks.size());
  engine.on_ack(id, acks, outcomes).value();
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
  const auto sent = engine.logs(id, {.status = log_status::taken_into_account, .limit = batch}).value();
  std::deque<std::string> texts;
  std::vector<incoming_receipt> receipts;
  for (const delivery_log& log : sent) receipts.push_back({texts.emplace_back(receipt_text_of(id, log.id)), {}});
  std::vector<receipt_outcome> outcomes(receipts.size());
  if (!receipts.empty()) engine.on_receipts(connector, receipts, outcomes).value();
  std::vector<log_id> delivered;
  for (std::size_t i = 0; i < sent.size(); ++i) {
    if (outcomes[i] != receipt_outcome::applied) continue;
    const log_status status = fate_of(sent[i].id) == fate::delivered ? log_status::received_on_mobile : log_status::failed;
    std::printf("receipt %u %d\n", sent[i].id, static_cast<int>(status));
    if (status == log_status::received_on_mobile) delivered.push_back(sent[i].id);
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
      if (engine.on_click({token, "Mozilla/5.0 (Linux; Android 14)", {}, id})) std::printf("click %u\n", log);
    }
    if (replies_stop(log)) {
      const std::string from = "+" + std::to_string(address_of(id, log));
      const auto replied = engine.on_reply({from, short_code, "STOP", id});
      if (replied && replied->action == reply_action::send_to_quarantine) std::printf("reply %u\n", log);
    }
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: smstrack-crash-ingest DATABASE\n");
    return 2;
  }
  auto store = sqlite_store::open({.path = argv[1]});
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message().c_str());
    return 1;
  }
  smstrack::system_clock clock;
  tracker engine(**store, clock);
  keyring keys;
  add_workload_key(keys);
  engine.set_tracking_keys(&keys);
  if (!engine.set_keyword_rules(workload_rules())) return 1;
  const token_signer signer = token_signer::make(keys.current().value()).value();
  delivery_id id = 0;
  for (auto page = (*store)->deliveries().list(0, 100).value(); !page.empty();
       page = (*store)->deliveries().list(id, 100).value()) {
    id = page.back().id;
  }
  for (;;) {
    std::size_t applied = ack_some(engine, id);
    react(engine, signer, id, receive_some(engine, id, applied));
    if (applied == 0) break;
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

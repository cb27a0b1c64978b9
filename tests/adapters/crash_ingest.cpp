// The victim of the crash test (sqlite_crash_test.cpp): ingests acks and receipts of the newest
// delivery in a SQLite file until none is left, reporting on stdout each change the tracker
// reported as applied ("ack <log>" or "receipt <log> <status>"), after the call returned.
// The test kills it with SIGKILL at random moments and restarts it on the same file.
#include <smstrack/adapters/sqlite_store.hpp>
#include <smstrack/adapters/system_clock.hpp>
#include <smstrack/engine/tracker.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace smstrack;

constexpr std::size_t batch = 250;

// Unique across deliveries: the test adds deliveries to the same file.
std::string provider_id_of(delivery_id id, log_id log) { return "P" + std::to_string(id) + "-" + std::to_string(log); }

// Acknowledges a batch of pending logs; returns how many were applied.
std::size_t ack_some(tracker& engine, delivery_id id) {
  const auto pending = engine.logs(id, {.status = log_status::pending, .limit = batch}).value();
  if (pending.empty()) return 0;
  std::vector<std::string> provider_ids;
  for (const delivery_log& log : pending) provider_ids.push_back(provider_id_of(id, log.id));
  std::vector<status_change> changes;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    changes.push_back({.log = pending[i].id, .status = log_status::sent_to_provider, .provider_id = provider_ids[i]});
  }
  std::vector<change_outcome> outcomes(changes.size());
  const update_summary summary = engine.update_logs(id, changes, outcomes).value();
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (outcomes[i] == change_outcome::applied) std::printf("ack %u\n", changes[i].log);
  }
  std::fflush(stdout);
  return summary.applied;
}

// Applies receipts, found by provider id, to a batch of acknowledged logs; returns how many were
// applied.
std::size_t receive_some(tracker& engine, storage& store, delivery_id id) {
  const auto sent = engine.logs(id, {.status = log_status::sent_to_provider, .limit = batch}).value();
  if (sent.empty()) return 0;
  std::vector<std::string> provider_ids;
  for (const delivery_log& log : sent) provider_ids.push_back(provider_id_of(id, log.id));
  const std::vector<std::string_view> wanted(provider_ids.begin(), provider_ids.end());
  std::vector<std::optional<log_ref>> found(wanted.size());
  store.logs().find_by_provider_ids(wanted, found).value();
  std::vector<status_change> changes;
  for (const auto& ref : found) {
    if (!ref) continue;
    status_change change{.log = ref->log, .status = log_status::received_on_mobile};
    if (ref->log % 7 == 0) {
      change.status = log_status::failed;
      change.type = failure_type::hard;
      change.reason = failure_reason::user_unknown;
      change.text = "id:x stat:UNDELIV err:001";
    }
    changes.push_back(change);
  }
  std::vector<change_outcome> outcomes(changes.size());
  const update_summary summary = engine.update_logs(id, changes, outcomes).value();
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (outcomes[i] == change_outcome::applied) {
      std::printf("receipt %u %d\n", changes[i].log, static_cast<int>(changes[i].status));
    }
  }
  std::fflush(stdout);
  return summary.applied;
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
  delivery_id id = 0;
  for (auto page = (*store)->deliveries().list(0, 100).value(); !page.empty();
       page = (*store)->deliveries().list(id, 100).value()) {
    id = page.back().id;
  }
  while (ack_some(engine, id) + receive_some(engine, **store, id) > 0) {
  }
  // Nothing applied any more: every log must be final, or the ingester is stuck.
  const bool left = !engine.logs(id, {.status = log_status::pending, .limit = 1}).value().empty() ||
                    !engine.logs(id, {.status = log_status::sent_to_provider, .limit = 1}).value().empty();
  if (left) {
    std::fprintf(stderr, "smstrack-crash-ingest: logs are left that no change applies to\n");
    return 1;
  }
  std::printf("done\n");
  return 0;
}

// The tracker's door for the provider's answers to submits (SPEC §6.7): acks become status
// events and go through the status pipeline; receipts that overtook them are then applied.
#include "tracker_impl.hpp"

#include <cstdio>

SMSTRACK_BEGIN_NAMESPACE
namespace {

using engine_detail::event_origin;
using engine_detail::held_entries;
using engine_detail::status_event;

std::string hex_status(std::uint32_t status) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", status);
  return text;
}

ack_outcome ack_outcome_of(const status_event& e) {
  switch (e.outcome) {
    case change_outcome::applied:
      return e.status == log_status::failed    ? ack_outcome::failed
             : e.status == log_status::pending ? ack_outcome::requeued
                                               : ack_outcome::accepted;
    case change_outcome::unchanged: return e.status == log_status::pending ? ack_outcome::requeued : ack_outcome::duplicate;
    case change_outcome::illegal_transition: return ack_outcome::illegal_transition;
    case change_outcome::unknown_log: return ack_outcome::unknown_log;
    case change_outcome::invalid_argument: return ack_outcome::invalid_id;
    case change_outcome::conflict: return ack_outcome::conflict;
    case change_outcome::provider_id_taken: break;
  }
  return ack_outcome::provider_id_taken;
}

// The status event an ack asks for; nothing for an accepted ack whose id was refused.
std::optional<status_event> event_of(const message_ack& ack, std::size_t source, const provider_key& key, bool refused) {
  status_event e;
  e.source = static_cast<std::uint32_t>(source);
  e.origin = event_origin::ack;
  e.log = ack.log;
  e.failure = {failure_type::soft, failure_reason::unreachable, true};
  if (ack.timed_out) {
    e.status = log_status::failed;
    e.made_text = "no submit_sm_resp within the MT expiration";
  } else if (ack.command_status == esme_rthrottled || ack.command_status == esme_rmsgqful) {
    e.status = log_status::pending;
  } else if (ack.command_status != 0) {
    e.status = log_status::failed;
    e.made_text = "submit refused: command_status " + hex_status(ack.command_status);
  } else if (refused) {
    return std::nullopt;
  } else {
    e.status = log_status::taken_into_account;
    e.provider_id = key.view();
  }
  return e;
}

// The ids of accepted acks normalized into `keys`; an id the connector's rule refuses decides
// its ack's outcome at once.
void normalize_ack_ids(const connector_profile& profile, std::span<const message_ack> acks,
                       std::span<ack_outcome> outcomes, std::vector<provider_key>& keys, std::vector<bool>& refused) {
  keys.assign(acks.size(), provider_key{});
  refused.assign(acks.size(), false);
  for (std::size_t i = 0; i < acks.size(); ++i) {
    if (acks[i].timed_out || acks[i].command_status != 0) continue;
    auto key = normalize_provider_id(acks[i].message_id, profile.ids);
    if (!key) {
      outcomes[i] = ack_outcome::invalid_id;
      refused[i] = true;
      continue;
    }
    keys[i] = *key;
  }
}

}  // namespace

result<void> tracker::on_ack(delivery_id id, std::span<const message_ack> acks, std::span<ack_outcome> outcomes) {
  if (auto sized = engine_detail::check_sizes(outcomes.size(), acks.size(), "acks"); !sized) return sized.error();
  std::string connector;
  std::vector<provider_key> recorded;
  std::vector<provider_key> keys;      // the events view them
  std::vector<status_event> events;
  auto acked = impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<void> {
    if (!rt.record().started) {
      return error{errc::illegal_transition, "delivery " + std::to_string(id) + " is " + name_of(rt.record().state) +
                                                 ": acks come only after the start"};
    }
    connector = rt.record().settings.connector;
    std::vector<bool> refused;
    normalize_ack_ids(impl_->connectors.of(connector), acks, outcomes, keys, refused);
    for (std::size_t i = 0; i < acks.size(); ++i) {
      auto network = network_code::parse(acks[i].network);
      if (!network) {
        outcomes[i] = ack_outcome::invalid_network;
        continue;
      }
      if (auto e = event_of(acks[i], i, keys[i], refused[i])) {
        e->network = *network;
        events.push_back(std::move(*e));
      }
    }
    if (auto ran = impl_->run_events(rt, events, impl_->now()); !ran) return ran.error();
    for (const status_event& e : events) {
      outcomes[e.source] = ack_outcome_of(e);
      if (e.outcome == change_outcome::applied && e.status == log_status::taken_into_account) {
        recorded.push_back(keys[e.source]);
      }
    }
    return {};
  });
  if (!acked) return acked;

  // Receipts that overtook these acks are applied now; on a failure they stay held for the next
  // attempt (expire_held_receipts).
  held_entries waiting = impl_->hold.take(connector, recorded);
  if (waiting.empty()) return {};
  std::vector<incoming_receipt> replay;
  replay.reserve(waiting.size());
  for (const auto& entry : waiting) replay.push_back(entry.second.view());
  std::vector<receipt_outcome> replayed(replay.size());
  if (auto applied = on_receipts(connector, replay, replayed); !applied) {
    impl_->hold.put_back(std::move(waiting));
    return applied.error();
  }
  return {};
}

SMSTRACK_END_NAMESPACE

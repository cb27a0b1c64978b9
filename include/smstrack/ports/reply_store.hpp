// Storage port for incoming replies (SPEC §9).
//
// Contract for implementers:
// - append stores replies atomically, assigning ids (ascending in call order, unique in the
//   store; the ids passed in are ignored) and returns them. A reply with an empty address is
//   invalid_argument and nothing is stored.
// - page lists replies ascending by id after `after`, at most `limit`, optionally only those
//   attributed to one delivery.
// - count_opt_outs counts the replies attributed to a delivery whose action was
//   send_to_quarantine (the delivery's opt-out indicator counts them).
// - Safe to call from several threads at once.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/reply.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

struct reply_query {
  std::optional<delivery_id> delivery;  ///< only replies attributed to this delivery
  event_id after = 0;
  std::size_t limit = 100;
};

class reply_store {
 public:
  reply_store() = default;
  reply_store(const reply_store&) = delete;
  reply_store& operator=(const reply_store&) = delete;
  virtual ~reply_store() = default;
  [[nodiscard]] virtual result<std::vector<event_id>> append(std::span<const reply_record> replies) = 0;
  [[nodiscard]] virtual result<std::vector<reply_record>> page(const reply_query& query) = 0;
  [[nodiscard]] virtual result<std::uint64_t> count_opt_outs(delivery_id delivery) = 0;
};

SMSTRACK_END_NAMESPACE

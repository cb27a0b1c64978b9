// Storage port for tracked URLs and clicks (SPEC §10).
//
// Contract for implementers:
// - upsert_urls inserts or replaces URLs by (delivery, id); a URL of another delivery or with
//   id 0 is invalid_argument and nothing is written. urls lists them ascending by id.
// - replace_urls atomically makes `urls` the delivery's whole registry (the others are removed;
//   an empty span clears it), with upsert_urls's checks. The tracker calls it only while the
//   delivery has no clicks.
// - add_clicks appends clicks atomically, assigning ids (ascending in call order, unique in the
//   store; the ids passed in are ignored) and returns them. A click on a URL not registered for
//   its delivery is unknown_entry and nothing is written.
// - clicks pages a delivery's clicks ascending by id after a given id.
// - click_counts gives, for every registered URL of the delivery (zero counts included, ascending
//   by URL id), its clicks (all of them, and by class) and the logs with at least one human click
//   on it; distinct_human_clickers counts the logs with at least one human click on any of the
//   given URLs. A click's class and why are stored as given.
// - Safe to call from several threads at once.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/tracking.hpp>

#include <cstdint>
#include <span>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

class tracking_store {
 public:
  tracking_store() = default;
  tracking_store(const tracking_store&) = delete;
  tracking_store& operator=(const tracking_store&) = delete;
  virtual ~tracking_store() = default;
  [[nodiscard]] virtual result<void> upsert_urls(delivery_id delivery, std::span<const tracked_url> urls) = 0;
  [[nodiscard]] virtual result<void> replace_urls(delivery_id delivery, std::span<const tracked_url> urls) = 0;
  [[nodiscard]] virtual result<std::vector<tracked_url>> urls(delivery_id delivery) = 0;
  [[nodiscard]] virtual result<std::vector<event_id>> add_clicks(std::span<const click> clicks) = 0;
  [[nodiscard]] virtual result<std::vector<click>> clicks(delivery_id delivery, event_id after,
                                                          std::size_t limit) = 0;
  [[nodiscard]] virtual result<std::vector<url_click_count>> click_counts(delivery_id delivery) = 0;
  [[nodiscard]] virtual result<std::uint64_t> distinct_human_clickers(delivery_id delivery,
                                                                      std::span<const url_id> urls) = 0;
};

SMSTRACK_END_NAMESPACE

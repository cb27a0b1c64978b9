// Receipts that overtook their ack (SPEC §6.7), owned until the ack lands or the grace period
// ends. Keyed by connector and normalized provider id.
//
// Single writer: the hold lives in this tracker's memory. Several trackers sharing one store each
// hold what reached them; expire_held_receipts finds the acks another tracker recorded meanwhile.
//
// Thread safety: every member may be called from several threads at once (one leaf lock).
#pragma once

#include <smstrack/engine/tracker.hpp>

#include <boost/unordered/unordered_flat_map.hpp>

#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

/// A receipt kept in the hold: owned copies of what the gateway handed over.
struct held_receipt {
  std::string text;
  std::optional<std::string> receipted_message_id;
  std::optional<std::uint8_t> message_state;
  std::optional<std::string> network_error_code;
  std::string network;
  timestamp received{};

  static held_receipt copy_of(const incoming_receipt& in, timestamp now);
  /// A view of the receipt, valid while this lives.
  [[nodiscard]] incoming_receipt view() const;
};

struct held_key {
  std::string connector;
  provider_key key;
  friend bool operator==(const held_key&, const held_key&) = default;
};

using held_entries = std::vector<std::pair<held_key, held_receipt>>;

class receipt_hold {
 public:
  explicit receipt_hold(std::size_t capacity) : capacity_(capacity) {}

  /// Holds a copy of a receipt for an id no log carries yet; false when the hold is full.
  bool hold(std::string_view connector, const provider_key& key, const incoming_receipt& in, timestamp now);
  /// Takes the receipts held for `keys` of `connector` out of the hold.
  held_entries take(std::string_view connector, std::span<const provider_key> keys);
  /// Takes every held receipt out of the hold.
  held_entries take_all();
  /// Puts receipts back, with their original arrival times.
  void put_back(held_entries&& entries);
  [[nodiscard]] std::size_t size() const;

 private:
  struct key_hash {
    std::size_t operator()(const held_key& k) const noexcept {
      return std::hash<std::string_view>{}(k.connector) * 31 + std::hash<std::string_view>{}(k.key.view());
    }
  };
  std::size_t capacity_;
  mutable std::mutex mutex_;
  boost::unordered_flat_map<held_key, std::vector<held_receipt>, key_hash> held_;
  std::size_t count_ = 0;
};

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

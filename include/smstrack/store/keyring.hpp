// An in-memory implementation of the tracking_keys port: the host loads its keys into it (e.g.
// at start-up, from its secret store), makes one current, and retires old ones when the links
// signed with them may stop working.
//
// Thread safety: all methods may be called from several threads at once.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/ports/tracking_keys.hpp>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

SMSTRACK_BEGIN_NAMESPACE

class keyring final : public tracking_keys {
 public:
  /// Adds a key; `make_current` signs new tokens with it from now on. Adding the same key again
  /// is a no-op. Errors: invalid_argument (id 0), duplicate_id (another secret under this id).
  [[nodiscard]] result<void> add(const tracking_key& key, bool make_current);
  /// Makes a known key the current one. Errors: unknown_entry.
  [[nodiscard]] result<void> make_current(std::uint32_t id);
  /// Forgets a key: tokens signed with it no longer verify. Errors: unknown_entry, and
  /// invalid_argument for the current key (make another current first).
  [[nodiscard]] result<void> retire(std::uint32_t id);

  [[nodiscard]] result<tracking_key> current() override;
  [[nodiscard]] result<std::optional<tracking_key>> find(std::uint32_t id) override;

 private:
  std::mutex mutex_;
  std::map<std::uint32_t, tracking_key> keys_;
  std::uint32_t current_ = 0;
};

SMSTRACK_END_NAMESPACE

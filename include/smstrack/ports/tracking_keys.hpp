// Port: the secret keys of tracking tokens (see tracking/tracking_token.hpp).
//
// The host keeps its keys where it keeps secrets and hands them over through this interface;
// the library never generates, stores or logs a key. `current` is the key new tokens are
// signed with; `find` returns any key that still verifies tokens — the current one and those
// it replaced — so links already sent keep working after a rotation, until the host retires the
// old key. store/keyring.hpp holds an in-memory implementation.
//
// Contract for implementers: keys are immutable once handed out (a rotation adds a key with a
// new id); find(id) of a retired or never-known id is nullopt, not an error; errors mean the
// key source failed (storage_failure). Safe to call from several threads at once.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/tracking/tracking_token.hpp>

#include <cstdint>
#include <optional>

SMSTRACK_BEGIN_NAMESPACE

class tracking_keys {
 public:
  tracking_keys() = default;
  tracking_keys(const tracking_keys&) = delete;
  tracking_keys& operator=(const tracking_keys&) = delete;
  virtual ~tracking_keys() = default;
  /// The key new tokens are signed with. Errors: unknown_entry when there is none.
  [[nodiscard]] virtual result<tracking_key> current() = 0;
  /// The key with this id, while it still verifies tokens.
  [[nodiscard]] virtual result<std::optional<tracking_key>> find(std::uint32_t id) = 0;
};

SMSTRACK_END_NAMESPACE

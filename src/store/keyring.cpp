#include <smstrack/store/keyring.hpp>

#include <string>

SMSTRACK_BEGIN_NAMESPACE

result<void> keyring::add(const tracking_key& key, bool make_current) {
  if (key.id == 0) return error{errc::invalid_argument, "a tracking key id must not be 0"};
  std::lock_guard lock(mutex_);
  const auto [at, inserted] = keys_.emplace(key.id, key);
  if (!inserted && at->second != key) {
    return error{errc::duplicate_id, "tracking key " + std::to_string(key.id) + " already holds another secret"};
  }
  if (make_current) current_ = key.id;
  return {};
}

result<void> keyring::make_current(std::uint32_t id) {
  std::lock_guard lock(mutex_);
  if (!keys_.contains(id)) return error{errc::unknown_entry, "no tracking key " + std::to_string(id)};
  current_ = id;
  return {};
}

result<void> keyring::retire(std::uint32_t id) {
  std::lock_guard lock(mutex_);
  if (!keys_.contains(id)) return error{errc::unknown_entry, "no tracking key " + std::to_string(id)};
  if (id == current_) {
    return error{errc::invalid_argument, "tracking key " + std::to_string(id) + " is current: make another current first"};
  }
  keys_.erase(id);
  return {};
}

result<tracking_key> keyring::current() {
  std::lock_guard lock(mutex_);
  if (current_ == 0) return error{errc::unknown_entry, "no current tracking key"};
  return keys_.at(current_);
}

result<std::optional<tracking_key>> keyring::find(std::uint32_t id) {
  std::lock_guard lock(mutex_);
  const auto found = keys_.find(id);
  if (found == keys_.end()) return std::optional<tracking_key>{};
  return std::optional<tracking_key>{found->second};
}

SMSTRACK_END_NAMESPACE

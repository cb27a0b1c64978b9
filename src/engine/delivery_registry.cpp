#include "delivery_registry.hpp"

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

result<std::shared_ptr<delivery_runtime>> delivery_registry::runtime_of(delivery_id id) {
  if (auto found = cached(id)) return found;
  auto record = context_.store.deliveries().get(id);
  if (!record) return record.error();
  std::unique_lock lock(mutex_);
  auto& slot = runtimes_[id];
  if (!slot) slot = std::make_shared<delivery_runtime>(std::move(*record));
  return slot;
}

std::shared_ptr<delivery_runtime> delivery_registry::cached(delivery_id id) const {
  std::shared_lock lock(mutex_);
  const auto found = runtimes_.find(id);
  return found == runtimes_.end() ? nullptr : found->second;
}

bool delivery_registry::evict(delivery_id id) {
  std::unique_lock lock(mutex_);
  const auto found = runtimes_.find(id);
  if (found == runtimes_.end()) return false;
  const std::shared_ptr<delivery_runtime> runtime = found->second;  // outlives its lock below
  {
    // Only tried: a thread holding the delivery's lock may be waiting for this map's lock.
    std::unique_lock runtime_lock(runtime->mutex_, std::try_to_lock);
    if (!runtime_lock.owns_lock() || runtime->has_unwritten_journal()) return false;
  }
  runtimes_.erase(found);
  return true;
}

std::size_t delivery_registry::size() const {
  std::shared_lock lock(mutex_);
  return runtimes_.size();
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

#include "receipt_hold.hpp"

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

held_receipt held_receipt::copy_of(const incoming_receipt& in, timestamp now) {
  held_receipt h;
  h.text = std::string(in.text);
  if (in.tlvs.receipted_message_id) h.receipted_message_id = std::string(*in.tlvs.receipted_message_id);
  h.message_state = in.tlvs.message_state;
  if (in.tlvs.network_error_code) h.network_error_code = std::string(*in.tlvs.network_error_code);
  h.network = std::string(in.network);
  h.received = now;
  return h;
}

incoming_receipt held_receipt::view() const {
  incoming_receipt in;
  in.text = text;
  if (receipted_message_id) in.tlvs.receipted_message_id = *receipted_message_id;
  in.tlvs.message_state = message_state;
  if (network_error_code) in.tlvs.network_error_code = *network_error_code;
  in.network = network;
  return in;
}

bool receipt_hold::hold(std::string_view connector, const provider_key& key, const incoming_receipt& in,
                        timestamp now) {
  std::lock_guard lock(mutex_);
  if (count_ >= capacity_) return false;
  held_[held_key{std::string(connector), key}].push_back(held_receipt::copy_of(in, now));
  ++count_;
  return true;
}

held_entries receipt_hold::take(std::string_view connector, std::span<const provider_key> keys) {
  held_entries taken;
  std::lock_guard lock(mutex_);
  if (held_.empty()) return taken;
  for (const provider_key& key : keys) {
    const auto found = held_.find(held_key{std::string(connector), key});
    if (found == held_.end()) continue;
    count_ -= found->second.size();
    for (held_receipt& h : found->second) taken.emplace_back(found->first, std::move(h));
    held_.erase(found);
  }
  return taken;
}

held_entries receipt_hold::take_all() {
  held_entries taken;
  std::lock_guard lock(mutex_);
  for (auto& [key, list] : held_) {
    for (held_receipt& h : list) taken.emplace_back(key, std::move(h));
  }
  held_.clear();
  count_ = 0;
  return taken;
}

void receipt_hold::put_back(held_entries&& entries) {
  std::lock_guard lock(mutex_);
  for (auto& [key, h] : entries) {
    held_[key].push_back(std::move(h));
    ++count_;
  }
}

std::size_t receipt_hold::size() const {
  std::lock_guard lock(mutex_);
  return count_;
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

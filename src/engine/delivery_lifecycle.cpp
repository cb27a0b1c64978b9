#include "delivery_lifecycle.hpp"

#include <smstrack/policy/lifecycle.hpp>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

result<void> follow_lifecycle(const engine_context& context, delivery_runtime& rt, timestamp now, bool applied,
                              bool resent, bool failed_with_retry) {
  using ds = delivery_state;
  storage& store = context.store;
  if (applied && rt.record().state == ds::start_pending) {
    if (auto moved = rt.move(store, {ds::in_progress}, now); !moved) return moved;
  }
  const bool retries_ahead = rt.retries_ahead(now);
  if (rt.record().state == ds::finished && (resent || (failed_with_retry && retries_ahead))) {
    if (auto moved = rt.move(store, {ds::retry_pending}, now); !moved) return moved;
    rt.note(now, audit_severity::info, audit_code::retry_scheduled,
            "Delivery waits for " + std::to_string(rt.awaiting_retry()) + " retry(ies)");
  }
  if (resent && rt.record().state == ds::retry_pending) {
    if (auto moved = rt.move(store, {ds::retry_in_progress}, now); !moved) return moved;
  }
  if (!is_sending(rt.record().state) || rt.waiting() > 0) return {};
  if (!retries_ahead) return rt.finish(store, "every message is final", now);
  if (rt.record().state == ds::in_progress || rt.record().state == ds::retry_in_progress) {
    return rt.move(store, {ds::retry_pending}, now);
  }
  return {};
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

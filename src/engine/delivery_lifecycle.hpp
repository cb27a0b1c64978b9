// What the delivery's lifecycle does after its logs changed (SPEC §3): the one rule shared by
// the status pipeline and the doors that move a delivery themselves (a start, a resume).
#pragma once

#include "delivery_runtime.hpp"

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

/// The delivery's lifecycle after its logs changed (also run when a door moves the delivery
/// itself, e.g. a start with nothing to send): the first applied change moves start_pending to
/// in_progress; a resend moves a finished or retry_pending delivery to retry_in_progress; a
/// failure with a retry ahead moves a finished delivery to retry_pending; with nothing waiting,
/// the delivery goes to retry_pending while a retry may come, else it finishes.
[[nodiscard]] result<void> follow_lifecycle(const engine_context& context, delivery_runtime& delivery, timestamp now,
                                            bool applied, bool resent, bool failed_with_retry);

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE

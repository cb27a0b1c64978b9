// Identifiers of stored records.
//
// A delivery id is unique in a store. Delivery logs, exclusion logs and tracked URLs are keyed by
// (delivery id, their own id), so every table can be partitioned or distributed by delivery id.
#pragma once

#include <smstrack/config.hpp>

#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE

using delivery_id = std::uint64_t;  ///< 0 is never a valid delivery id
using log_id = std::uint32_t;       ///< 1..n within a delivery; 0 is never valid
using url_id = std::uint32_t;       ///< a tracked URL within a delivery
using event_id = std::uint64_t;     ///< an audit event or click, assigned by the store
using recipient_key = std::uint64_t;  ///< the host application's recipient id (0 = none)

SMSTRACK_END_NAMESPACE

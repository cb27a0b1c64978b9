// Quarantine (SPEC §5.3): per address, the deliverability status and the error counter.
//
// An entry is keyed by (address, short code); the empty short code is the address's entry for
// every short code. Opt-outs (STOP replies) create entries for one short code.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/ids.hpp>
#include <smstrack/model/phone_number.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

enum class quarantine_status : std::uint8_t {
  unknown = 0,
  with_errors = 1,
  valid = 2,
  denylisted = 3,
  quarantine = 4,
  allowlisted = 5,
};
BOOST_DESCRIBE_ENUM(quarantine_status, unknown, with_errors, valid, denylisted, quarantine,
                    allowlisted)

struct quarantine_entry {
  phone_number address;
  std::string short_code;  ///< empty: the entry applies to every short code
  quarantine_status status = quarantine_status::unknown;
  std::uint32_t error_count = 0;
  failure_reason last_error_reason = failure_reason::not_defined;
  std::optional<std::string> last_error_text;
  std::optional<timestamp> last_significant_error;
  timestamp created{};
  timestamp updated{};
  std::optional<delivery_id> last_delivery;  ///< the delivery that last used the address
  /// The delivery whose failure put the address in quarantine (counts in its indicators).
  std::optional<delivery_id> quarantined_by;
  friend bool operator==(const quarantine_entry&, const quarantine_entry&) = default;
};
BOOST_DESCRIBE_STRUCT(quarantine_entry, (),
                      (address, short_code, status, error_count, last_error_reason,
                       last_error_text, last_significant_error, created, updated, last_delivery,
                       quarantined_by))

/// The key of a quarantine entry.
struct quarantine_key {
  phone_number address;
  std::string short_code;
  friend bool operator==(const quarantine_key&, const quarantine_key&) = default;
};
BOOST_DESCRIBE_STRUCT(quarantine_key, (), (address, short_code))

SMSTRACK_END_NAMESPACE

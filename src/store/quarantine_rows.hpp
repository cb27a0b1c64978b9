// The memory store's quarantine entries in a packed form of 64 bytes: the texts (short code,
// last error) are ids in the store's text pool, where the last error is usually already kept
// as the failed log's text; times are milliseconds and the optional fields have presence bits.
#pragma once

#include <smstrack/model/quarantine.hpp>

#include "log_rows.hpp"  // unpacked_address
#include "text_pool.hpp"

#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE
namespace store_detail {

struct packed_quarantine_entry {
  std::uint64_t address = 0;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::int64_t last_significant_error_ms = 0;
  delivery_id last_delivery = 0;
  delivery_id quarantined_by = 0;
  text_id short_code = 0;
  text_id last_error_text = 0;
  std::uint32_t error_count = 0;
  quarantine_status status = quarantine_status::unknown;
  failure_reason last_error_reason = failure_reason::not_defined;
  std::uint8_t present = 0;  // which optional fields hold a value: the presence_* bits
};

inline constexpr std::uint8_t presence_error_text = 1U;
inline constexpr std::uint8_t presence_significant_error = 2U;
inline constexpr std::uint8_t presence_last_delivery = 4U;
inline constexpr std::uint8_t presence_quarantined_by = 8U;

// Packs an entry whose texts have their ids already.
inline packed_quarantine_entry pack_entry(const quarantine_entry& e, text_id short_code, text_id last_error_text) {
  packed_quarantine_entry p;
  p.address = e.address.digits();
  p.created_ms = to_unix_ms(e.created);
  p.updated_ms = to_unix_ms(e.updated);
  p.short_code = short_code;
  p.last_error_text = last_error_text;
  p.error_count = e.error_count;
  p.status = e.status;
  p.last_error_reason = e.last_error_reason;
  if (e.last_error_text) p.present |= presence_error_text;
  if (e.last_significant_error) {
    p.present |= presence_significant_error;
    p.last_significant_error_ms = to_unix_ms(*e.last_significant_error);
  }
  if (e.last_delivery) {
    p.present |= presence_last_delivery;
    p.last_delivery = *e.last_delivery;
  }
  if (e.quarantined_by) {
    p.present |= presence_quarantined_by;
    p.quarantined_by = *e.quarantined_by;
  }
  return p;
}

inline quarantine_entry unpack_entry(const packed_quarantine_entry& p, const text_pool& texts) {
  quarantine_entry e;
  e.address = unpacked_address(p.address);
  e.short_code = std::string(texts.get(p.short_code));
  e.status = p.status;
  e.error_count = p.error_count;
  e.last_error_reason = p.last_error_reason;
  if ((p.present & presence_error_text) != 0) e.last_error_text = std::string(texts.get(p.last_error_text));
  if ((p.present & presence_significant_error) != 0) e.last_significant_error = from_unix_ms(p.last_significant_error_ms);
  e.created = from_unix_ms(p.created_ms);
  e.updated = from_unix_ms(p.updated_ms);
  if ((p.present & presence_last_delivery) != 0) e.last_delivery = p.last_delivery;
  if ((p.present & presence_quarantined_by) != 0) e.quarantined_by = p.quarantined_by;
  return e;
}

}  // namespace store_detail
SMSTRACK_END_NAMESPACE

// The memory store's packed quarantine entries (src/store/quarantine_rows.hpp).
#include "store/quarantine_rows.hpp"

#include <gtest/gtest.h>

namespace smstrack::store_detail {
namespace {

quarantine_entry full_entry() {
  quarantine_entry e;
  e.address = phone_number::from_digits(33612345678ULL).value();
  e.short_code = "36111";
  e.status = quarantine_status::quarantine;
  e.error_count = 6;
  e.last_error_reason = failure_reason::unreachable;
  e.last_error_text = "id:7F10000001 stat:UNDELIV err:001";
  e.last_significant_error = from_unix_ms(1'795'435'200'000);
  e.created = from_unix_ms(1'795'000'000'000);
  e.updated = from_unix_ms(1'795'435'260'000);
  e.last_delivery = 0;  // present, even as 0
  e.quarantined_by = 9;
  return e;
}

quarantine_entry round_trip(const quarantine_entry& e, text_pool& texts) {
  const text_id short_code = texts.intern(e.short_code);
  const text_id error_text = e.last_error_text ? texts.intern(*e.last_error_text) : 0;
  return unpack_entry(pack_entry(e, short_code, error_text), texts);
}

TEST(quarantine_rows, a_packed_entry_takes_one_cache_line) { EXPECT_LE(sizeof(packed_quarantine_entry), 64U); }

TEST(quarantine_rows, every_field_reads_back) {
  text_pool texts;
  const quarantine_entry e = full_entry();
  EXPECT_EQ(round_trip(e, texts), e);
}

TEST(quarantine_rows, absent_and_empty_optionals_stay_apart) {
  text_pool texts;
  quarantine_entry e = full_entry();
  e.short_code.clear();
  e.last_error_text.reset();
  e.last_significant_error.reset();
  e.last_delivery.reset();
  e.quarantined_by.reset();
  EXPECT_EQ(round_trip(e, texts), e);
  e.last_error_text = "";  // present but empty
  EXPECT_EQ(round_trip(e, texts), e);
}

}  // namespace
}  // namespace smstrack::store_detail

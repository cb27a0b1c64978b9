// The memory store's private row storage and provider-id words (src/store/).
#include "store/log_rows.hpp"

#include <gtest/gtest.h>

#include <set>

namespace smstrack::store_detail {
namespace {

TEST(compact_provider_id, packs_one_case_hex_ids_of_up_to_14_characters_and_reads_them_back) {
  for (const std::string id : {"0", "7F10000001", "0a1b2c", "12345678901234", "ABCDEF", "00001"}) {
    const auto packed = pack_inline(id);
    ASSERT_TRUE(packed.has_value()) << id;
    EXPECT_NE(form_of(*packed), compact_id_form::aside);
    EXPECT_EQ(unpack_inline(*packed), id);
  }
}

TEST(compact_provider_id, leaves_other_ids_to_be_kept_aside) {
  for (const std::string& id : std::vector<std::string>{"", "123456789012345", "aB", "g1", "id-1", "0x1F", std::string("1\0", 2)}) {
    EXPECT_FALSE(pack_inline(id).has_value()) << id;
  }
}

TEST(compact_provider_id, distinguishes_case_length_and_leading_zeros) {
  const std::set<compact_id> words{*pack_inline("abc"), *pack_inline("ABC"), *pack_inline("0abc"),
                                   *pack_inline("123"), *pack_inline("0123"), *pack_inline("00123")};
  EXPECT_EQ(words.size(), 6U);
  EXPECT_EQ(form_of(aside_id(7)), compact_id_form::aside);
  EXPECT_EQ(aside_slot(aside_id(7)), 7U);
}

packed_log row_with_id(log_id id) {
  packed_log row;
  row.id = id;
  return row;
}

TEST(delivery_logs, rows_across_slabs_keep_their_handles_while_the_first_slab_grows) {
  row_pages pages;
  delivery_logs logs(1, pages);
  std::vector<packed_log> fresh;
  for (log_id id = 1; id <= 40'000; ++id) fresh.push_back(row_with_id(id));
  // Appended in pieces, so the first slab reallocates several times.
  for (std::size_t at = 0; at < fresh.size(); at += 1'000) {
    logs.append(std::vector<packed_log>(fresh.begin() + static_cast<std::ptrdiff_t>(at),
                                        fresh.begin() + static_cast<std::ptrdiff_t>(at + 1'000)));
  }
  ASSERT_EQ(logs.size(), 40'000U);
  for (std::uint32_t p = 0; p < logs.size(); p += 97) {
    EXPECT_EQ(pages.row(logs.handle_of(p)).id, p + 1);
    EXPECT_EQ(pages.of(logs.handle_of(p)).owner, &logs);
    EXPECT_EQ(logs.position_of_id(p + 1), p);
  }
  EXPECT_EQ(logs.after(39'999), 39'999U);
}

TEST(delivery_logs, rows_arriving_out_of_order_are_sorted_and_found_by_id) {
  row_pages pages;
  delivery_logs logs(1, pages);
  logs.append({row_with_id(500), row_with_id(700)});
  const std::vector<packed_log> earlier{row_with_id(3), row_with_id(1)};
  EXPECT_FALSE(logs.keeps_order(earlier));
  logs.append(earlier);
  EXPECT_EQ(logs.row(0).id, 1U);
  EXPECT_EQ(logs.row(3).id, 700U);
  EXPECT_EQ(logs.position_of_id(500), 2U);
  EXPECT_EQ(logs.position_of_id(2), std::nullopt);
}

TEST(delivery_logs, says_when_the_store_has_no_page_numbers_left) {
  row_pages pages(2);  // room for 512 rows in all
  delivery_logs logs(1, pages);
  EXPECT_TRUE(logs.has_room_for(512));
  EXPECT_FALSE(logs.has_room_for(513));
  std::vector<packed_log> fresh;
  for (log_id id = 1; id <= 300; ++id) fresh.push_back(row_with_id(id));
  logs.append(fresh);
  EXPECT_TRUE(logs.has_room_for(212));
  EXPECT_FALSE(logs.has_room_for(213));
  delivery_logs other(2, pages);
  EXPECT_FALSE(other.has_room_for(1)) << "both pages are taken";
}

TEST(delivery_logs, frees_its_page_numbers_when_dropped) {
  row_pages pages(1);
  {
    delivery_logs logs(1, pages);
    logs.append({row_with_id(1)});
    EXPECT_EQ(pages.available(), 0U);
  }
  EXPECT_EQ(pages.available(), 1U);
}

}  // namespace
}  // namespace smstrack::store_detail

#include <smstrack/ports/qualification_store.hpp>

#include <smstrack/store/memory_store.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace smstrack {
namespace {

TEST(qualification_store, an_unseen_key_is_provisioned_soft_refused_to_qualify_by_default) {
  const qualification_occurrence item;
  EXPECT_EQ(item.provision.type, failure_type::soft);
  EXPECT_EQ(item.provision.reason, failure_reason::refused);
  EXPECT_EQ(item.provision.status, qualification_status::to_qualify);
  EXPECT_EQ(item.count, 1U);
}

TEST(qualification_store, occurrence_counts_saturate_at_the_cap_without_overflow) {
  memory_store store;
  qualification_occurrence item;
  item.provision.key = "SR c UNDELIV 1";
  item.count = std::numeric_limits<std::uint32_t>::max();
  qualification_entry out[1];
  ASSERT_TRUE(store.qualification().record(std::span<const qualification_occurrence>(&item, 1), 100'000, out).has_value());
  EXPECT_EQ(out[0].occurrences, 100'000U);
  ASSERT_TRUE(store.qualification().record(std::span<const qualification_occurrence>(&item, 1), 100'000, out).has_value());
  EXPECT_EQ(out[0].occurrences, 100'000U);
  qualification_occurrence nameless;
  EXPECT_EQ(store.qualification().record(std::span<const qualification_occurrence>(&nameless, 1), 10, out).error(),
            errc::invalid_argument);
  qualification_entry two[2];
  EXPECT_EQ(store.qualification().record(std::span<const qualification_occurrence>(&item, 1), 10, two).error(),
            errc::invalid_argument);
}

}  // namespace
}  // namespace smstrack

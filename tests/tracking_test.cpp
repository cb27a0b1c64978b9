#include <smstrack/model/tracking.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(tracking, records_round_trip_through_json) {
  samples::expect_round_trip(samples::make_tracked_url());
  samples::expect_round_trip(samples::make_click());
  samples::expect_round_trip(url_click_count{3, 10, 7, {8, 1, 0, 1, 0}});
  samples::expect_round_trip(label_click_count{"shop", {1, 2}, 10, 7, {8, 1, 0, 1, 0}});
  samples::expect_optionals_may_be_absent(samples::make_click(), {"user_agent"});
}

TEST(tracking, url_types_keep_the_reference_values) {
  EXPECT_EQ(static_cast<int>(tracked_url_type::click), 1);
  EXPECT_EQ(static_cast<int>(tracked_url_type::open), 2);
  EXPECT_EQ(static_cast<int>(tracked_url_type::opt_out), 3);
  EXPECT_EQ(static_cast<int>(tracked_url_type::web), 4);
  EXPECT_EQ(static_cast<int>(tracked_url_type::transaction), 5);
  EXPECT_EQ(static_cast<int>(tracked_url_type::mirror), 6);
}

TEST(tracking, opt_out_and_mirror_links_do_not_count_in_click_through) {
  EXPECT_TRUE(counts_in_click_through(tracked_url_type::click));
  EXPECT_TRUE(counts_in_click_through(tracked_url_type::web));
  EXPECT_FALSE(counts_in_click_through(tracked_url_type::opt_out));
  EXPECT_FALSE(counts_in_click_through(tracked_url_type::mirror));
}

TEST(tracking, click_classes_keep_their_stored_values) {
  EXPECT_EQ(static_cast<int>(click_class::human), 0);
  EXPECT_EQ(static_cast<int>(click_class::link_preview), 1);
  EXPECT_EQ(static_cast<int>(click_class::security_scanner), 2);
  EXPECT_EQ(static_cast<int>(click_class::crawler), 3);
  EXPECT_EQ(static_cast<int>(click_class::prefetch), 4);
  EXPECT_EQ(click_class_count, 5U);
}

TEST(tracking, click_class_counts_count_each_class_apart) {
  click_class_counts counts;
  for (const click_class kind : {click_class::human, click_class::human, click_class::link_preview,
                                 click_class::security_scanner, click_class::crawler, click_class::prefetch}) {
    ++counts[kind];
  }
  EXPECT_EQ(counts, (click_class_counts{2, 1, 1, 1, 1}));
  const click_class_counts& read = counts;
  EXPECT_EQ(read[click_class::human], 2U);
  EXPECT_EQ(read[click_class::prefetch], 1U);
  EXPECT_EQ(counts.non_human(), 4U);
  EXPECT_EQ(counts.total(), 6U);
  counts += counts;
  EXPECT_EQ(counts, (click_class_counts{4, 2, 2, 2, 2}));
}

// One rule for what a click counts as: the engine's incremental counts and the recompute follow it.
TEST(tracking, only_a_person_s_click_makes_a_clicker_and_opts_out) {
  for (const click_class kind : {click_class::link_preview, click_class::security_scanner, click_class::crawler,
                                 click_class::prefetch}) {
    const click_effects none = effects_of(kind, tracked_url_type::opt_out);
    EXPECT_FALSE(none.clicker || none.click_through || none.opt_out);
    EXPECT_FALSE(effects_of(kind, tracked_url_type::click).clicker);
  }
  const click_effects shop = effects_of(click_class::human, tracked_url_type::click);
  EXPECT_TRUE(shop.clicker && shop.click_through && !shop.opt_out);
  const click_effects stop = effects_of(click_class::human, tracked_url_type::opt_out);
  EXPECT_TRUE(stop.clicker && !stop.click_through && stop.opt_out);
  EXPECT_FALSE(effects_of(click_class::human, tracked_url_type::mirror).click_through);
}

TEST(tracking, unknown_mode_names_are_rejected) {
  boost::json::value jv = to_json(samples::make_tracked_url());
  jv.as_object()["mode"] = "sometimes";
  const auto back = from_json<tracked_url>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), errc::unknown_enum_name);
  EXPECT_EQ(back.error().detail(), "mode: unknown enumerator 'sometimes'");
}

}  // namespace
}  // namespace smstrack

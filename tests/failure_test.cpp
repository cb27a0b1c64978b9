#include <smstrack/model/failure.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(failure, reasons_keep_the_reference_and_extension_values) {
  EXPECT_EQ(static_cast<int>(failure_reason::user_unknown), 1);
  EXPECT_EQ(static_cast<int>(failure_reason::bad_quality_address), 14);
  EXPECT_EQ(static_cast<int>(failure_reason::refused), 20);
  EXPECT_EQ(static_cast<int>(failure_reason::error_ignored), 25);
  EXPECT_EQ(static_cast<int>(failure_reason::text_too_long), 100);
  EXPECT_EQ(static_cast<int>(failure_reason::opted_out), 103);
  EXPECT_EQ(static_cast<int>(failure_reason::control_address), 127);
}

TEST(failure, the_dense_list_holds_every_described_reason_once) {
  std::size_t described = 0;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<failure_reason>>([&](auto d) {
    ++described;
    EXPECT_EQ(all_failure_reasons[dense_index(d.value)], d.value) << d.name;
  });
  EXPECT_EQ(described, all_failure_reasons.size());
}

TEST(failure, default_types_follow_the_spec) {
  EXPECT_EQ(default_type(failure_reason::user_unknown), failure_type::hard);
  EXPECT_EQ(default_type(failure_reason::unreachable), failure_type::soft);
  EXPECT_EQ(default_type(failure_reason::mailbox_full), failure_type::soft);
  EXPECT_EQ(default_type(failure_reason::not_connected), failure_type::ignored);
  EXPECT_EQ(default_type(failure_reason::refused), failure_type::soft);
  EXPECT_EQ(default_type(failure_reason::invalid_phone_number), failure_type::hard);
  EXPECT_EQ(default_type(failure_reason::opted_out), failure_type::hard);
  EXPECT_EQ(default_type(failure_reason::control_address), failure_type::ignored);
  EXPECT_EQ(default_type(failure_reason::not_defined), failure_type::not_defined);
}

TEST(failure, analysis_reasons_and_bounce_classes) {
  for (const failure_reason r : all_failure_reasons) {
    const int v = static_cast<int>(r);
    const bool expected = (v >= 7 && v <= 17) || v == 25 || v == 127 || (v >= 100 && v <= 104);
    EXPECT_EQ(arises_before_sending(r), expected) << v;
  }
  EXPECT_TRUE(is_hard_bounce(failure_reason::user_unknown));
  EXPECT_FALSE(is_hard_bounce(failure_reason::unreachable));
  for (const failure_reason r : {failure_reason::unreachable, failure_reason::mailbox_full, failure_reason::invalid_domain,
                                 failure_reason::account_disabled, failure_reason::not_connected, failure_reason::refused}) {
    EXPECT_TRUE(is_soft_bounce(r));
  }
  EXPECT_FALSE(is_soft_bounce(failure_reason::user_unknown));
}

}  // namespace
}  // namespace smstrack

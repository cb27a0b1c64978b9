#include <smstrack/model/audit_event.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(audit_event, audit_event_round_trips_through_json) { samples::expect_round_trip(samples::make_audit_event()); }

TEST(audit_event, audit_event_default_round_trips_through_json) { samples::expect_round_trip(audit_event{}); }

TEST(audit_event, audit_event_optional_fields_may_be_absent) {
  samples::expect_optionals_may_be_absent(samples::make_audit_event(), {"details"});
}

TEST(audit_event, audit_event_rejects_a_missing_required_field) {
  boost::json::value jv = to_json(samples::make_audit_event());
  const std::string first_key(jv.as_object().begin()->key());
  jv.as_object().erase(first_key);
  const auto back = from_json<audit_event>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), errc::missing_field);
  EXPECT_NE(back.error().detail().find(first_key), std::string::npos) << back.error().detail();
}

}  // namespace
}  // namespace smstrack

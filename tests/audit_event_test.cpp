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
  samples::expect_missing_field_rejected(samples::make_audit_event());
}

}  // namespace
}  // namespace smstrack

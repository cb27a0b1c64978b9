#include <smstrack/model/delivery_log.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(delivery_log, delivery_log_round_trips_through_json) { samples::expect_round_trip(samples::make_delivery_log()); }

TEST(delivery_log, delivery_log_default_round_trips_through_json) { samples::expect_round_trip(delivery_log{}); }

TEST(delivery_log, delivery_log_optional_fields_may_be_absent) {
  samples::expect_optionals_may_be_absent(samples::make_delivery_log(), {"provider_id", "text"});
}

TEST(delivery_log, delivery_log_rejects_a_missing_required_field) {
  samples::expect_missing_field_rejected(samples::make_delivery_log());
}

}  // namespace
}  // namespace smstrack

namespace smstrack {
namespace {
TEST(delivery_log, digest_keeps_what_indicators_need) {
  const delivery_log log = samples::make_delivery_log();
  const log_digest digest = digest_of(log);
  EXPECT_EQ(digest.id, log.id);
  EXPECT_EQ(digest.status, log.status);
  EXPECT_EQ(digest.type, log.type);
  EXPECT_EQ(digest.reason, log.reason);
  EXPECT_EQ(digest.seed, log.seed);
  EXPECT_EQ(digest.retries, log.retries);
  EXPECT_EQ(digest.updated, log.updated);
  samples::expect_round_trip(digest);
  samples::expect_round_trip(log_ref{7, 42});
}
TEST(delivery_log, address_must_be_e164_when_read) {
  boost::json::value jv = to_json(samples::make_delivery_log());
  jv.as_object()["address"] = "0612345678";
  const auto back = from_json<delivery_log>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error(), errc::invalid_address);
  EXPECT_NE(back.error().detail().find("address"), std::string::npos);
}
}  // namespace
}  // namespace smstrack

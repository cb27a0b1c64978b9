#include <smstrack/model/json.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

TEST(json, writes_enums_by_name_and_times_as_iso_8601) {
  const boost::json::value jv = to_json(samples::make_delivery_log());
  EXPECT_EQ(jv.at("status"), "failed");
  EXPECT_EQ(jv.at("reason"), "mailbox_full");
  EXPECT_EQ(jv.at("address"), "+31612345678");
  EXPECT_EQ(jv.at("updated"), boost::json::value(format_timestamp(samples::t(10))));
  EXPECT_EQ(to_json(samples::make_delivery()).at("settings").at("validity"), "36h");
}

TEST(json, omits_empty_optionals_and_reads_null_as_empty) {
  delivery_log log = samples::make_delivery_log();
  log.provider_id.reset();
  const boost::json::value jv = to_json(log);
  EXPECT_FALSE(jv.as_object().contains("provider_id"));
  boost::json::value with_null = jv;
  with_null.as_object()["provider_id"] = nullptr;
  EXPECT_EQ(from_json<delivery_log>(with_null).value(), log);
}

struct failure_case {
  const char* name;
  const char* path;
  boost::json::value value;
  errc expected;
};

TEST(json, rejects_bad_values_with_precise_errors_and_paths) {
  const failure_case cases[] = {
      {"unknown enumerator", "status", "sent", errc::unknown_enum_name},
      {"enumerator by number", "status", 4, errc::unexpected_type},
      {"string for number", "retries", "2", errc::unexpected_type},
      {"negative unsigned", "retries", -1, errc::value_out_of_range},
      {"too large for 16 bits", "retries", 70000, errc::value_out_of_range},
      {"fraction for integer", "id", 1.5, errc::unexpected_type},
      {"bad timestamp", "updated", "2026-02-30T00:00:00Z", errc::invalid_timestamp},
      {"timestamp as number", "updated", 1700000000, errc::unexpected_type},
      {"bad address", "address", "+12", errc::invalid_address},
      {"bool as string", "seed", "true", errc::unexpected_type},
      {"string for optional text", "text", 5, errc::unexpected_type},
  };
  for (const failure_case& c : cases) {
    boost::json::value jv = to_json(samples::make_delivery_log());
    jv.as_object()[c.path] = c.value;
    const auto back = from_json<delivery_log>(jv);
    ASSERT_FALSE(back.has_value()) << c.name;
    EXPECT_EQ(back.error(), c.expected) << c.name << ": " << back.error().message();
    EXPECT_EQ(back.error().detail().rfind(std::string(c.path) + ": ", 0), 0U) << back.error().detail();
  }
}

TEST(json, rejects_unknown_fields_and_wrong_shapes) {
  boost::json::value extra = to_json(samples::make_click());
  extra.as_object()["referrer"] = "x";
  EXPECT_EQ(from_json<click>(extra).error(), errc::unknown_field);
  EXPECT_EQ(from_json<click>(extra).error().detail(), "referrer: not a field of this record");
  EXPECT_EQ(from_json<click>(boost::json::value(boost::json::array{})).error(), errc::unexpected_type);
  EXPECT_EQ(from_json<std::vector<int>>(boost::json::value("x")).error(), errc::unexpected_type);
}

TEST(json, nested_paths_name_the_element) {
  boost::json::value jv = to_json(samples::make_indicators());
  jv.at("errors_by_reason").as_array()[1].as_object()["reason"] = "nope";
  const auto back = from_json<indicators>(jv);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error().detail(), "errors_by_reason[1].reason: unknown enumerator 'nope'");
  boost::json::value d = to_json(samples::make_delivery());
  d.at("settings").as_object()["validity"] = "5 days";
  EXPECT_EQ(from_json<delivery>(d).error(), errc::invalid_duration);
  EXPECT_EQ(from_json<delivery>(d).error().detail().rfind("settings.validity: ", 0), 0U);
}

TEST(json, parse_json_rejects_malformed_text) {
  for (const char* bad : {"", "{", "{\"id\":}", "nul", "{\"a\":1}}", "\xff"}) {
    const auto parsed = parse_json<recipient>(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error(), errc::invalid_json) << bad;
  }
}

TEST(json, integers_keep_their_full_range) {
  delivery d = samples::make_delivery();
  d.id = std::numeric_limits<delivery_id>::max();
  d.revision = std::numeric_limits<std::uint64_t>::max();
  samples::expect_round_trip(d);
  EXPECT_EQ(from_json<std::int64_t>(boost::json::value(std::numeric_limits<std::uint64_t>::max())).error(),
            errc::value_out_of_range);
}

}  // namespace
}  // namespace smstrack

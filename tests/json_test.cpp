#include <smstrack/model/json.hpp>

#include "samples.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

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

std::string point_text(std::string_view success_per_hour) {
  return R"({"start":"2026-11-24T08:00:00.000Z","success_per_hour":)" + std::string(success_per_hour) +
         R"(,"errors_per_hour":0})";
}

TEST(json, numbers_no_double_holds_are_refused_with_their_path_and_never_written) {
  for (const char* huge : {"1e400", "-1E309"}) {
    const auto parsed = parse_json<throughput_point>(point_text(huge));
    ASSERT_FALSE(parsed.has_value()) << huge;
    EXPECT_EQ(parsed.error(), errc::invalid_json);
    EXPECT_EQ(parsed.error().detail(), "success_per_hour: number out of the range of a double") << huge;
  }
  EXPECT_EQ(parse_json<throughput_point>(point_text("0E2750")).value().success_per_hour, 0.0) << "zero, not NaN";
  const auto nested = parse_json_value(R"({"points":[{"a":1},{"b":[1,2,1e999]}]})");
  ASSERT_FALSE(nested.has_value());
  EXPECT_EQ(nested.error().detail(), "points[1].b[2]: number out of the range of a double");

  for (const double bad : {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
    const throughput_point point{samples::t(0), bad, 1.0};
    const std::string text = to_json_text(point);
    EXPECT_EQ(text.find("Infinity"), std::string::npos) << text;
    EXPECT_EQ(text.find("NaN"), std::string::npos) << text;
    EXPECT_EQ(parse_json<throughput_point>(text).error(), errc::unexpected_type) << text;
    boost::json::value jv = to_json(throughput_point{});
    jv.as_object()["success_per_hour"] = bad;
    EXPECT_EQ(from_json<throughput_point>(jv).error(), errc::value_out_of_range);
  }
}

TEST(json, every_double_written_reads_back_bit_identical) {
  const auto first = parse_json<throughput_point>(point_text("4.7775E70")).value();
  EXPECT_EQ(first.success_per_hour, 4.7775e70) << "read correctly rounded";
  std::mt19937_64 random(11);
  for (int i = 0; i < 20000; ++i) {
    double d = 0;
    const std::uint64_t bits = random();
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    const throughput_point point{samples::t(0), d, -d};
    const throughput_point back = parse_json<throughput_point>(to_json_text(point)).value();
    ASSERT_EQ(std::memcmp(&back.success_per_hour, &d, sizeof d), 0) << to_json_text(point);
    ASSERT_EQ(back, point);
  }
}

TEST(json, a_duplicate_key_is_refused_with_its_path) {
  const auto duplicate = parse_json<failure_count>(R"({"type":"hard","reason":"no_such_reason","reason":"unreachable","count":1})");
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error(), errc::invalid_json);
  EXPECT_EQ(duplicate.error().detail(), "reason: duplicate key");
  EXPECT_EQ(parse_json_value(R"({"a":[{"x":1},{"x":1,"y":{"z":1,"z":2}}]})").error().detail(), "a[1].y.z: duplicate key");
  EXPECT_TRUE(parse_json_value(R"([{"x":1},{"x":2}])").has_value()) << "the same key in two objects";
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

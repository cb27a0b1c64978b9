#include <smstrack/model/time.hpp>

#include <gtest/gtest.h>

#include <random>

namespace smstrack {
namespace {

TEST(time, formats_iso_8601_utc_with_milliseconds) {
  EXPECT_EQ(format_timestamp(from_unix_ms(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(from_unix_ms(1'795'435'200'123)), "2026-11-23T12:00:00.123Z");
  EXPECT_EQ(format_timestamp(from_unix_ms(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(from_unix_ms(951'782'400'000)), "2000-02-29T00:00:00.000Z");
}

TEST(time, signs_years_outside_0000_to_9999) {
  EXPECT_EQ(format_timestamp(from_unix_ms(253'402'300'800'000)), "+10000-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(from_unix_ms(253'402'300'799'999)), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(from_unix_ms(-62'167'219'200'001)), "-0001-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(from_unix_ms(-62'167'219'200'000)), "0000-01-01T00:00:00.000Z");
}

TEST(time, parses_what_it_formats_for_any_timestamp) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> ms(-9'000'000'000'000'000, 9'000'000'000'000'000);
  for (int i = 0; i < 20000; ++i) {
    const timestamp t = from_unix_ms(ms(random));
    const auto back = parse_timestamp(format_timestamp(t));
    ASSERT_TRUE(back.has_value()) << format_timestamp(t) << ": " << back.error().message();
    EXPECT_EQ(*back, t) << format_timestamp(t);
  }
}

TEST(time, accepts_short_fractions_and_the_zero_offset) {
  EXPECT_EQ(parse_timestamp("2026-11-23T12:00:00Z").value(), from_unix_ms(1'795'435'200'000));
  EXPECT_EQ(parse_timestamp("2026-11-23T12:00:00.5Z").value(), from_unix_ms(1'795'435'200'500));
  EXPECT_EQ(parse_timestamp("2026-11-23T12:00:00.12+00:00").value(), from_unix_ms(1'795'435'200'120));
}

TEST(time, rejects_malformed_timestamps_precisely) {
  for (const char* bad : {"", "2026-11-24", "2026-11-24 08:00:00Z", "2026-11-24T08:00:00", "2026-11-24T08:00:00+01:00",
                          "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-31T00:00:00Z",
                          "2026-11-24T24:00:00Z", "2026-11-24T08:60:00Z", "2026-11-24T08:00:60Z",
                          "2026-11-24T08:00:00.1234Z", "2026-11-24T08:00:00.Z", "12026-11-24T08:00:00Z",
                          "+999999999-01-01T00:00:00Z", "2026-11-24T08:00:00Zjunk", "２０２６-11-24T08:00:00Z"}) {
    const auto parsed = parse_timestamp(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error(), errc::invalid_timestamp) << bad;
  }
}

TEST(time, durations_use_the_largest_exact_unit) {
  EXPECT_EQ(format_duration(std::chrono::days{5}), "5d");
  EXPECT_EQ(format_duration(std::chrono::minutes{90}), "90m");
  EXPECT_EQ(format_duration(std::chrono::seconds{30}), "30s");
  EXPECT_EQ(format_duration(duration{1500}), "1500ms");
  EXPECT_EQ(format_duration(duration{0}), "0ms");
  for (const char* text : {"5d", "36h", "15m", "30s", "250ms", "0ms"}) {
    EXPECT_EQ(format_duration(parse_duration(text).value()), text);
  }
  EXPECT_EQ(parse_duration("2h").value(), std::chrono::hours{2});
}

TEST(time, rejects_malformed_durations_precisely) {
  for (const char* bad : {"", "d", "5", "5 d", "-5d", "5w", "5D", "99999999999999999999s", "9223372036854775807d"}) {
    const auto parsed = parse_duration(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error(), errc::invalid_duration) << bad;
  }
}

}  // namespace
}  // namespace smstrack

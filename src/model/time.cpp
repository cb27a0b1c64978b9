#include <smstrack/model/time.hpp>

#include "../text/quote_input.hpp"

#include <array>
#include <charconv>
#include <limits>

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr std::int64_t ms_per_day = 86'400'000;

struct civil_date {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

// Days since 1970-01-01 of a proleptic Gregorian date (eras of 400 years, March-based years).
constexpr std::int64_t days_from_civil(civil_date date) noexcept {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t shifted_month = date.month > 2 ? date.month - 3 : date.month + 9;
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

constexpr civil_date civil_from_days(std::int64_t days) noexcept {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const auto day = static_cast<unsigned>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

constexpr bool is_leap(std::int64_t year) noexcept {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

constexpr unsigned days_in_month(std::int64_t year, unsigned month) noexcept {
  constexpr std::array<unsigned, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : lengths[month - 1];
}

// Years whose every millisecond fits in a signed 64-bit count.
constexpr std::int64_t max_abs_year = 290'000'000;

class cursor {
 public:
  explicit cursor(std::string_view text) : text_(text) {}
  bool at_end() const { return pos_ == text_.size(); }
  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  // Reads between min and max digits; returns false when fewer than min are there.
  bool digits(std::size_t min, std::size_t max, std::int64_t& value, std::size_t* count = nullptr) {
    std::size_t n = 0;
    value = 0;
    while (n < max && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      value = value * 10 + (text_[pos_] - '0');
      ++pos_;
      ++n;
    }
    if (count != nullptr) *count = n;
    return n >= min;
  }
  bool next_is_digit() const {
    return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9';
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

error bad_timestamp(std::string_view text, const char* why) {
  std::string detail = "'";
  detail.append(text.substr(0, 64));
  detail += "': ";
  detail += why;
  return error{errc::invalid_timestamp, std::move(detail)};
}

// Appends `value` (not negative) in decimal, zero-padded to `width` digits.
void append_padded(std::string& out, std::int64_t value, std::size_t width) {
  std::array<char, 20> digits{};
  const char* end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  const auto size = static_cast<std::size_t>(end - digits.data());
  if (size < width) out.append(width - size, '0');
  out.append(digits.data(), size);
}

}  // namespace

std::string format_timestamp(timestamp t) {
  const std::int64_t ms = to_unix_ms(t);
  std::int64_t days = ms / ms_per_day;
  std::int64_t ms_of_day = ms % ms_per_day;
  if (ms_of_day < 0) {
    ms_of_day += ms_per_day;
    --days;
  }
  const civil_date date = civil_from_days(days);
  std::string out;
  out.reserve(32);
  if (date.year < 0 || date.year > 9999) out += date.year < 0 ? '-' : '+';  // "%+05lld"
  const std::int64_t year = date.year < 0 ? -static_cast<std::int64_t>(date.year) : date.year;
  append_padded(out, year, 4);
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
  out += 'T';
  append_padded(out, ms_of_day / 3'600'000, 2);
  out += ':';
  append_padded(out, ms_of_day / 60'000 % 60, 2);
  out += ':';
  append_padded(out, ms_of_day / 1000 % 60, 2);
  out += '.';
  append_padded(out, ms_of_day % 1000, 3);
  out += 'Z';
  return out;
}

result<timestamp> parse_timestamp(std::string_view text) {
  cursor in(text);
  const bool negative = in.take('-');
  const bool signed_year = negative || in.take('+');
  std::int64_t year = 0;
  std::size_t year_digits = 0;
  if (!in.digits(4, 9, year, &year_digits) || in.next_is_digit()) {
    return bad_timestamp(text, "expected a year of 4 to 9 digits");
  }
  if (year_digits > 4 && !signed_year) return bad_timestamp(text, "a year of more than 4 digits needs a sign");
  if (negative) year = -year;
  if (year > max_abs_year || year < -max_abs_year) return bad_timestamp(text, "year out of range");
  std::int64_t month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!in.take('-') || !in.digits(2, 2, month) || !in.take('-') || !in.digits(2, 2, day) ||
      !in.take('T') || !in.digits(2, 2, hour) || !in.take(':') || !in.digits(2, 2, minute) ||
      !in.take(':') || !in.digits(2, 2, second)) {
    return bad_timestamp(text, "expected YYYY-MM-DDThh:mm:ss");
  }
  std::int64_t millis = 0;
  if (in.take('.')) {
    std::size_t fraction_digits = 0;
    if (!in.digits(1, 3, millis, &fraction_digits) || in.next_is_digit()) {
      return bad_timestamp(text, "expected 1 to 3 fraction digits");
    }
    for (std::size_t i = fraction_digits; i < 3; ++i) millis *= 10;
  }
  if (!(in.take('Z') || (in.take('+') && in.take('0') && in.take('0') && in.take(':') &&
                         in.take('0') && in.take('0'))) ||
      !in.at_end()) {
    return bad_timestamp(text, "expected the UTC designator 'Z' or '+00:00' at the end");
  }
  if (month < 1 || month > 12 || day < 1 ||
      day > static_cast<std::int64_t>(days_in_month(year, static_cast<unsigned>(month)))) {
    return bad_timestamp(text, "no such date");
  }
  if (hour > 23 || minute > 59 || second > 59) return bad_timestamp(text, "no such time of day");
  const std::int64_t days =
      days_from_civil({year, static_cast<unsigned>(month), static_cast<unsigned>(day)});
  const std::int64_t ms =
      days * ms_per_day + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return from_unix_ms(ms);
}

std::string format_duration(duration d) {
  struct unit {
    std::int64_t ms;
    const char* suffix;
  };
  constexpr std::array<unit, 4> units{{{86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}}};
  const std::int64_t ms = d.count();
  for (const unit& u : units) {
    if (ms != 0 && ms % u.ms == 0) return std::to_string(ms / u.ms) + u.suffix;
  }
  return std::to_string(ms) + "ms";
}

result<duration> parse_duration(std::string_view text) {
  std::size_t digit_count = 0;
  while (digit_count < text.size() && text[digit_count] >= '0' && text[digit_count] <= '9') ++digit_count;
  const auto invalid = [&](const char* why) {
    return error{errc::invalid_duration, quote_input(text) + ": " + why};
  };
  if (digit_count == 0) return invalid("expected digits followed by ms, s, m, h or d");
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + digit_count, value);
  if (ec != std::errc{} || end != text.data() + digit_count) return invalid("number too large");
  const std::string_view suffix = text.substr(digit_count);
  std::int64_t factor = 0;
  if (suffix == "ms") factor = 1;
  else if (suffix == "s") factor = 1000;
  else if (suffix == "m") factor = 60'000;
  else if (suffix == "h") factor = 3'600'000;
  else if (suffix == "d") factor = 86'400'000;
  else return invalid("unknown unit (expected ms, s, m, h or d)");
  if (value > std::numeric_limits<std::int64_t>::max() / factor) return invalid("number too large");
  return duration{value * factor};
}

SMSTRACK_END_NAMESPACE

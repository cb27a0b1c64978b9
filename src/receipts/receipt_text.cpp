#include <smstrack/receipts/receipt_text.hpp>

#include "../text/ascii.hpp"

#include <string>

SMSTRACK_BEGIN_NAMESPACE
namespace {

enum class key : std::uint8_t { id, sub, dlvrd, submit_date, done_date, stat, err, text, none };
constexpr std::size_t key_count = 8;

using ascii::is_blank;
using ascii::lower;
using ascii::starts_with_nocase;
using ascii::upper;

// A cursor over the input's whitespace-separated tokens.
class tokens {
 public:
  explicit tokens(std::string_view input) noexcept : input_(input) {}
  // The next token, or an empty view at the end.
  std::string_view next() noexcept {
    while (pos_ < input_.size() && is_blank(input_[pos_])) ++pos_;
    const std::size_t start = pos_;
    pos_ = ascii::find_blank(input_, pos_);
    return input_.substr(start, pos_ - start);
  }
  std::string_view peek() const noexcept {
    tokens copy = *this;
    return copy.next();
  }
  // Everything after the current position, trimmed.
  std::string_view rest() const noexcept {
    std::size_t start = pos_;
    std::size_t end = input_.size();
    while (start < end && is_blank(input_[start])) ++start;
    while (end > start && is_blank(input_[end - 1])) --end;
    return input_.substr(start, end - start);
  }
  // Moves the position to just after `inside`, a view into the current token.
  void resume_after(std::string_view inside) noexcept {
    pos_ = static_cast<std::size_t>(inside.data() - input_.data()) + inside.size();
  }

 private:
  std::string_view input_;
  std::size_t pos_ = 0;
};

struct key_match {
  key which = key::none;
  std::size_t length = 0;  // characters of the token the key takes, colon included
  bool two_tokens = false;  // "submit date:" / "done date:": the key ends in the next token
};

// The key `token` starts with, if any; `rest` reads the tokens after it (for "submit date:").
// Dispatches on the first letter: most tokens are compared with one or two spellings.
key_match match_key(std::string_view token, const tokens& rest) noexcept {
  if (token.size() < 3) return {};
  const auto one = [&](std::string_view spelling, key which) -> key_match {
    return starts_with_nocase(token, spelling) ? key_match{which, spelling.size(), false} : key_match{};
  };
  const auto two = [&](std::string_view word, key which) -> key_match {
    if (token.size() != word.size() || !starts_with_nocase(token, word)) return {};
    return starts_with_nocase(rest.peek(), "date:") ? key_match{which, 5, true} : key_match{};
  };
  switch (lower(token[0])) {
    case 'i':
      return one("id:", key::id);
    case 's':
      if (key_match m = one("stat:", key::stat); m.which != key::none) return m;
      if (key_match m = one("sub:", key::sub); m.which != key::none) return m;
      if (key_match m = one("submit_date:", key::submit_date); m.which != key::none) return m;
      return two("submit", key::submit_date);
    case 'd':
      if (key_match m = one("dlvrd:", key::dlvrd); m.which != key::none) return m;
      if (key_match m = one("done_date:", key::done_date); m.which != key::none) return m;
      return two("done", key::done_date);
    case 'e':
      return one("err:", key::err);
    case 't':
      return one("text:", key::text);
    default:
      return {};
  }
}

bool next_is_key_or_end(tokens cursor) noexcept {
  const std::string_view following = cursor.next();
  return following.empty() || match_key(following, cursor).which != key::none;
}

std::optional<std::uint32_t> decimal(std::string_view value) noexcept {
  if (value.empty() || value.size() > 9) return std::nullopt;
  std::uint32_t n = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return n;
}

constexpr bool leap(unsigned year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

constexpr unsigned days_in(unsigned year, unsigned month) noexcept {
  constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : days[month - 1];
}

std::optional<receipt_date> parse_date(std::string_view value) noexcept {
  if (value.size() != 10 && value.size() != 12 && value.size() != 14) return std::nullopt;
  bool all_zero = true;
  for (const char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    all_zero = all_zero && c == '0';
  }
  if (all_zero) return std::nullopt;
  std::size_t at = 0;
  const auto take = [&](std::size_t digits) {
    unsigned n = 0;
    for (std::size_t i = 0; i < digits; ++i) n = n * 10 + static_cast<unsigned>(value[at++] - '0');
    return n;
  };
  const unsigned year = value.size() == 14 ? take(4) : 2000 + take(2);
  const unsigned month = take(2), day = take(2), hour = take(2), minute = take(2);
  const unsigned second = value.size() == 10 ? 0 : take(2);
  if (month < 1 || month > 12 || day < 1 || day > days_in(year, month) || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  return receipt_date{static_cast<std::uint16_t>(year), static_cast<std::uint8_t>(month),
                      static_cast<std::uint8_t>(day),  static_cast<std::uint8_t>(hour),
                      static_cast<std::uint8_t>(minute), static_cast<std::uint8_t>(second)};
}

error rejected(std::string detail) { return error{errc::invalid_receipt, std::move(detail)}; }

result<void> check_bounds(std::string_view input, std::size_t max_size) {
  if (input.size() > max_size) {
    return rejected("the receipt is " + std::to_string(input.size()) + " bytes, over the " +
                    std::to_string(max_size) + "-byte bound");
  }
  if (const std::size_t nul = input.find('\0'); nul != std::string_view::npos) {
    return rejected("the receipt contains a NUL byte at offset " + std::to_string(nul));
  }
  return {};
}

}  // namespace

result<receipt_text> scan_receipt_text(std::string_view input, std::size_t max_size) {
  if (auto bounded = check_bounds(input, max_size); !bounded) return bounded.error();
  std::array<std::optional<std::string_view>, key_count> values;
  tokens cursor(input);
  for (std::string_view token = cursor.next(); !token.empty(); token = cursor.next()) {
    const key_match match = match_key(token, cursor);
    if (match.which == key::none) continue;
    if (match.two_tokens) token = cursor.next();  // "date:..."
    std::string_view value = token.substr(match.length);
    if (match.which == key::text) {  // terminal: the rest of the input is content
      cursor.resume_after(token.substr(0, match.length));
      values[static_cast<std::size_t>(key::text)] = cursor.rest();
      break;
    }
    if (value.empty() && !next_is_key_or_end(cursor)) value = cursor.next();
    auto& slot = values[static_cast<std::size_t>(match.which)];
    if (!slot) slot = value;
  }

  const auto value_of = [&](key k) { return values[static_cast<std::size_t>(k)]; };
  const std::string_view stat = value_of(key::stat).value_or(std::string_view{});
  if (stat.size() > receipt_text::max_stat_size) {
    return rejected("the stat is longer than " + std::to_string(receipt_text::max_stat_size) + " characters");
  }
  receipt_text parsed;
  parsed.id = value_of(key::id).value_or(std::string_view{});
  for (std::size_t i = 0; i < stat.size(); ++i) parsed.stat_[i] = upper(stat[i]);
  parsed.stat_size_ = stat.size();
  if (const auto sub = value_of(key::sub)) parsed.sub = decimal(*sub);
  if (const auto dlvrd = value_of(key::dlvrd)) parsed.dlvrd = decimal(*dlvrd);
  parsed.submit_date_ = value_of(key::submit_date);
  parsed.done_date_ = value_of(key::done_date);
  if (const auto err = value_of(key::err); err && !err->empty()) parsed.err = *err;
  parsed.text = value_of(key::text);
  return parsed;
}

std::optional<receipt_date> receipt_text::submit_date() const noexcept {
  return submit_date_ ? parse_date(*submit_date_) : std::nullopt;
}

std::optional<receipt_date> receipt_text::done_date() const noexcept {
  return done_date_ ? parse_date(*done_date_) : std::nullopt;
}

result<receipt_text> parse_receipt_text(std::string_view input, std::size_t max_size) {
  auto scanned = scan_receipt_text(input, max_size);
  if (!scanned) return scanned;
  if (scanned->id.empty()) return rejected("the receipt has no id");
  if (scanned->stat().empty()) return rejected("the receipt has no stat");
  return scanned;
}

SMSTRACK_END_NAMESPACE

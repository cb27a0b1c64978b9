#include <smstrack/receipts/receipt_text.hpp>

#include "../text/ascii.hpp"

#include <algorithm>
#include <string>

SMSTRACK_BEGIN_NAMESPACE
namespace {

enum class key : std::uint8_t { id, sub, dlvrd, submit_date, done_date, stat, err, text, none };
constexpr std::size_t key_count = 8;

using ascii::is_blank;
using ascii::lower;
using ascii::starts_with_nocase;
using ascii::upper;

// A key's spelling as a little-endian word of up to eight bytes: `bytes` lower-cased, `care`
// the bits that count, `fold` the case bit of its letters. A word matches when it equals the
// spelling once its letters' case bits are set: either case of a letter, any other byte exactly.
struct spelling {
  std::uint64_t bytes = 0;
  std::uint64_t care = 0;
  std::uint64_t fold = 0;
  std::size_t size = 0;

  consteval explicit spelling(std::string_view text) : size(text.size()) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = lower(text[i]);
      bytes |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * i);
      care |= std::uint64_t{0xFF} << (8 * i);
      if (c >= 'a' && c <= 'z') fold |= std::uint64_t{0x20} << (8 * i);
    }
  }
  [[nodiscard]] constexpr bool matches(std::uint64_t word) const noexcept { return ((word | fold) & care) == bytes; }
};

// The eight bytes from `at` as a little-endian word, zeros past `end`.
std::uint64_t word_at(const char* at, const char* end) noexcept {
  std::uint64_t word = 0;
  if (end - at >= 8 && std::endian::native == std::endian::little) {
    std::memcpy(&word, at, 8);
    return word;
  }
  const auto n = std::min<std::ptrdiff_t>(8, end - at);
  for (std::ptrdiff_t i = 0; i < n; ++i) word |= std::uint64_t{static_cast<unsigned char>(at[i])} << (8 * i);
  return word;
}

// A value's place in the input, without default member initializers (see scan_receipt_text).
struct value_span {
  const char* data;
  std::size_t size;
  static value_span of(std::string_view v) noexcept { return {v.data(), v.size()}; }
  [[nodiscard]] std::string_view view() const noexcept { return {data, size}; }
};

// Each key's value as first found (the first occurrence wins). The spans are left
// uninitialized, read only once their bit is set: clearing them would cost more than the scan
// of a short receipt.
class found_values {
 public:
  void record(key which, std::string_view value) noexcept {
    const unsigned bit = 1U << static_cast<unsigned>(which);
    if ((found_ & bit) != 0) return;
    spans_[static_cast<std::size_t>(which)] = value_span::of(value);
    found_ |= bit;
  }
  [[nodiscard]] std::optional<std::string_view> of(key which) const noexcept {
    if ((found_ & (1U << static_cast<unsigned>(which))) == 0) return std::nullopt;
    return spans_[static_cast<std::size_t>(which)].view();
  }

 private:
  std::array<value_span, key_count> spans_;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  unsigned found_ = 0;
};

// A key found at a token's start, and where its value starts: just after the colon, which for
// "submit date:" and "done date:" is in the next token.
struct key_at {
  key which = key::none;
  const char* value = nullptr;
};

// Walks the input's whitespace-separated tokens, recognizing keys at their start.
class scanner {
 public:
  explicit scanner(std::string_view input) noexcept : at_(input.data()), end_(input.data() + input.size()) {}

  // Moves to the next token; false when none is left.
  bool next_token() noexcept {
    at_ = skip_blanks(at_);
    return at_ != end_;
  }
  [[nodiscard]] const char* position() const noexcept { return at_; }
  // The key the current token starts with, if any.
  [[nodiscard]] key_at key_here() const noexcept { return key_of(at_); }
  // Steps over the rest of a token that goes on at `from`, and returns it.
  std::string_view take_token_from(const char* from) noexcept {
    at_ = token_end(from);
    return {from, static_cast<std::size_t>(at_ - from)};
  }
  // The token after the current position when it is not a key ("id: 42"), taken; else nothing.
  std::string_view take_value_after_blank() noexcept {
    const char* next = skip_blanks(at_);
    if (next == end_ || key_of(next).which != key::none) return {};
    return take_token_from(next);
  }
  // Everything from `from` to the end, trimmed.
  [[nodiscard]] std::string_view rest_from(const char* from) const noexcept {
    return ascii::trim({from, static_cast<std::size_t>(end_ - from)});
  }

 private:
  [[nodiscard]] const char* skip_blanks(const char* from) const noexcept {
    while (from != end_ && is_blank(*from)) ++from;
    return from;
  }
  [[nodiscard]] const char* token_end(const char* from) const noexcept {
    return from + ascii::find_blank({from, static_cast<std::size_t>(end_ - from)}, 0);
  }
  // Whether the token at `token` is exactly `size` characters long.
  [[nodiscard]] bool token_size_is(const char* token, std::ptrdiff_t size) const noexcept {
    return end_ - token == size || (end_ - token > size && is_blank(token[size]));
  }
  // "submit" or "done" at `token` is a key when the next token starts with "date:".
  [[nodiscard]] key_at two_tokens(const char* token, std::ptrdiff_t size, key which) const noexcept {
    static constexpr spelling date("date:");
    if (!token_size_is(token, size)) return {};
    const char* next = skip_blanks(token + size);
    return date.matches(word_at(next, end_)) ? key_at{which, next + date.size} : key_at{};
  }
  // A key of more than eight characters: its first eight, then the rest.
  [[nodiscard]] key_at long_key(const char* token, std::uint64_t word, const spelling& head, std::string_view tail,
                                key which) const noexcept {
    if (!head.matches(word)) return {};
    const std::string_view after(token + 8, static_cast<std::size_t>(end_ - token - 8));
    return starts_with_nocase(after, tail) ? key_at{which, token + 8 + tail.size()} : key_at{};
  }
  // Dispatches on the first letter: most tokens are compared with one or two spellings.
  [[nodiscard]] key_at key_of(const char* token) const noexcept {
    static constexpr spelling id("id:"), stat("stat:"), sub("sub:"), submit("submit"), submit_d("submit_d"),
        dlvrd("dlvrd:"), done("done"), done_dat("done_dat"), err("err:"), text("text:");
    const std::uint64_t word = word_at(token, end_);
    const auto after = [&](const spelling& s, key which) { return key_at{which, token + s.size}; };
    switch (lower(*token)) {
      case 'i': return id.matches(word) ? after(id, key::id) : key_at{};
      case 'e': return err.matches(word) ? after(err, key::err) : key_at{};
      case 't': return text.matches(word) ? after(text, key::text) : key_at{};
      case 's':
        if (stat.matches(word)) return after(stat, key::stat);
        if (sub.matches(word)) return after(sub, key::sub);
        if (!submit.matches(word)) return {};
        if (key_at k = long_key(token, word, submit_d, "ate:", key::submit_date); k.which != key::none) return k;
        return two_tokens(token, 6, key::submit_date);
      case 'd':
        if (dlvrd.matches(word)) return after(dlvrd, key::dlvrd);
        if (!done.matches(word)) return {};
        if (key_at k = long_key(token, word, done_dat, "e:", key::done_date); k.which != key::none) return k;
        return two_tokens(token, 4, key::done_date);
      default: return {};
    }
  }

  const char* at_;
  const char* end_;
};

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

// How a date's digits are laid out: a 4-digit year or a 2-digit one (20YY), and seconds or not.
struct date_layout {
  bool four_digit_year = false;
  bool seconds = false;
};

// `value` (all digits) read with `layout`, if that is a possible date.
std::optional<receipt_date> read_date(std::string_view value, date_layout layout) noexcept {
  std::size_t at = 0;
  const auto take = [&](std::size_t digits) {
    unsigned n = 0;
    for (std::size_t i = 0; i < digits; ++i) n = n * 10 + static_cast<unsigned>(value[at++] - '0');
    return n;
  };
  const unsigned year = layout.four_digit_year ? take(4) : 2000 + take(2);
  const unsigned month = take(2), day = take(2), hour = take(2), minute = take(2);
  const unsigned second = layout.seconds ? take(2) : 0;
  if (month < 1 || month > 12 || day < 1 || day > days_in(year, month) || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  return receipt_date{static_cast<std::uint16_t>(year), static_cast<std::uint8_t>(month),
                      static_cast<std::uint8_t>(day),  static_cast<std::uint8_t>(hour),
                      static_cast<std::uint8_t>(minute), static_cast<std::uint8_t>(second)};
}

// 10 digits are YYMMDDhhmm, 14 YYYYMMDDhhmmss; 12 are YYMMDDhhmmss, or YYYYMMDDhhmm when that
// reading is impossible ("202307211015" has no 72nd month: 2023-07-21 10:15).
std::optional<receipt_date> parse_date(std::string_view value) noexcept {
  if (value.size() != 10 && value.size() != 12 && value.size() != 14) return std::nullopt;
  bool all_zero = true;
  for (const char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    all_zero = all_zero && c == '0';
  }
  if (all_zero) return std::nullopt;
  if (value.size() == 10) return read_date(value, {false, false});
  if (value.size() == 14) return read_date(value, {true, true});
  if (auto short_year = read_date(value, {false, true})) return short_year;
  return read_date(value, {true, false});
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

struct receipt_text::scanned {
  std::string_view id;
  std::string_view stat;  // at most max_stat_size characters
  std::optional<std::string_view> sub, dlvrd, err, text, submit_date, done_date;
};

namespace {

std::array<char, receipt_text::max_stat_size> upper_case(std::string_view stat) noexcept {
  std::array<char, receipt_text::max_stat_size> out{};
  for (std::size_t i = 0; i < stat.size(); ++i) out[i] = upper(stat[i]);
  return out;
}

}  // namespace

// Every member is initialized here, none twice: a default-initialized receipt_text would first
// be cleared whole, which costs about as much as the scan of a short receipt.
receipt_text::receipt_text(const scanned& fields) noexcept
    : id(fields.id),
      sub(fields.sub ? decimal(*fields.sub) : std::nullopt),
      dlvrd(fields.dlvrd ? decimal(*fields.dlvrd) : std::nullopt),
      err(fields.err && !fields.err->empty() ? fields.err : std::nullopt),
      text(fields.text),
      stat_(upper_case(fields.stat)),
      stat_size_(fields.stat.size()),
      submit_date_(fields.submit_date),
      done_date_(fields.done_date) {}

result<receipt_text> scan_receipt_text(std::string_view input, std::size_t max_size) {
  while (!input.empty() && input.back() == '\0') input.remove_suffix(1);  // a C string's terminator
  if (auto bounded = check_bounds(input, max_size); !bounded) return bounded.error();
  found_values values;
  scanner tokens(input);
  while (tokens.next_token()) {
    const key_at k = tokens.key_here();
    if (k.which == key::none) {
      tokens.take_token_from(tokens.position());
      continue;
    }
    if (k.which == key::text) {  // terminal: the rest of the input is content
      values.record(k.which, tokens.rest_from(k.value));
      break;
    }
    std::string_view value = tokens.take_token_from(k.value);
    if (value.empty()) value = tokens.take_value_after_blank();
    values.record(k.which, value);
  }

  const std::string_view stat = values.of(key::stat).value_or(std::string_view{});
  if (stat.size() > receipt_text::max_stat_size) {
    return rejected("the stat is longer than " + std::to_string(receipt_text::max_stat_size) + " characters");
  }
  return receipt_text(receipt_text::scanned{values.of(key::id).value_or(std::string_view{}), stat, values.of(key::sub),
                                            values.of(key::dlvrd), values.of(key::err), values.of(key::text),
                                            values.of(key::submit_date), values.of(key::done_date)});
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

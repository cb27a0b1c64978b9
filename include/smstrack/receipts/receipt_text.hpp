// The text of a carrier receipt (SMPP delivery receipt `short_message`), parsed by the profile
// of SPEC.md §6.1:
//
//   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:EEE text:...
//
// - Tokens are split on any whitespace. A key is recognised only at the start of a token,
//   case-insensitively: id: sub: dlvrd: stat: err: text:, "submit date:" / "done date:" (two
//   tokens) and submit_date: / done_date:. Other tokens (msgid:, substat:, free words) are ignored.
// - A value is the rest of its token; when that is empty and the next token is not a key, the
//   next token is the value ("id: 123").
// - text: is terminal: the rest of the input, trimmed, is the text; keys inside it are content.
// - The first occurrence of a key wins.
// - Dates have 10 (YYMMDDhhmm), 12 (YYMMDDhhmmss, or YYYYMMDDhhmm when that reading is
//   impossible) or 14 (YYYYMMDDhhmmss) digits, 2-digit years are 20YY; all zeros, another
//   length, non-digits or an impossible date give no date.
// - id and stat are required; values are kept verbatim, stat is upper-cased, sub and dlvrd are
//   numbers when they are decimal digits, an empty err is absent.
// - Trailing NUL bytes (the C-string terminator real PDUs carry) are dropped first; input over
//   the size bound or with a NUL byte anywhere else is rejected.
//
// Parsing allocates nothing: the views point into the input, which must outlive the result.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <concepts>
#include <optional>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// A date of a receipt, as the carrier wrote it (no time zone is given by SMPP).
struct receipt_date {
  std::uint16_t year = 0;
  std::uint8_t month = 0;
  std::uint8_t day = 0;
  std::uint8_t hour = 0;
  std::uint8_t minute = 0;
  std::uint8_t second = 0;
  friend bool operator==(const receipt_date&, const receipt_date&) = default;
};

inline constexpr std::size_t default_max_receipt_size = 64 * 1024;

class receipt_text {
 public:
  /// The longest stat kept (stat words are 5 to 15 characters in practice).
  static constexpr std::size_t max_stat_size = 32;

  receipt_text() = default;

  std::string_view id;  ///< verbatim; never empty from parse_receipt_text, empty when absent from scan
  std::optional<std::uint32_t> sub;
  std::optional<std::uint32_t> dlvrd;
  std::optional<std::string_view> err;   ///< verbatim, never empty
  std::optional<std::string_view> text;  ///< trimmed; empty for "text:" with nothing after it

  /// The stat, upper-cased; never empty from parse_receipt_text, empty when absent from scan.
  [[nodiscard]] std::string_view stat() const noexcept { return {stat_.data(), stat_size_}; }

  /// The dates (10, 12 or 14 digits; none when absent, all zeros or not a valid date). They are
  /// read from their text when asked for, so that ingestion, which needs none, never pays.
  [[nodiscard]] std::optional<receipt_date> submit_date() const noexcept;
  [[nodiscard]] std::optional<receipt_date> done_date() const noexcept;

 private:
  friend result<receipt_text> scan_receipt_text(std::string_view input, std::size_t max_size);
  struct scanned;  // the fields as scan_receipt_text finds them
  explicit receipt_text(const scanned& fields) noexcept;

  std::array<char, max_stat_size> stat_{};
  std::size_t stat_size_ = 0;
  std::optional<std::string_view> submit_date_;  // verbatim
  std::optional<std::string_view> done_date_;
};

/// Reads the fields of a receipt text without requiring any: id and stat are empty when absent
/// (a receipt whose TLVs carry them may have no text at all). Errors: invalid_receipt for input
/// over the bound or containing a NUL byte, and for a stat over max_stat_size.
[[nodiscard]] result<receipt_text> scan_receipt_text(std::string_view input,
                                                     std::size_t max_size = default_max_receipt_size);

/// Parses a receipt text: scan_receipt_text, then id and stat are required. Errors: invalid_receipt, saying what is wrong ("the receipt has no
/// stat", "the receipt contains a NUL byte at offset 12", "the receipt is 70000 bytes, over the
/// 65536-byte bound", "the stat is longer than 32 characters").
[[nodiscard]] result<receipt_text> parse_receipt_text(std::string_view input,
                                                      std::size_t max_size = default_max_receipt_size);

/// The result points into its input: a temporary string would leave it dangling, so it does
/// not compile. Keep the text in a variable that outlives the result.
template <class Text>
  requires std::same_as<Text, std::string>
result<receipt_text> scan_receipt_text(Text&& input, std::size_t max_size = default_max_receipt_size) = delete;
template <class Text>
  requires std::same_as<Text, std::string>
result<receipt_text> parse_receipt_text(Text&& input, std::size_t max_size = default_max_receipt_size) = delete;

SMSTRACK_END_NAMESPACE

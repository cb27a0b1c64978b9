// Phone numbers as people write them, and their normalization to E.164 (SPEC §8).
//
// A target holds numbers in many shapes: "+33 6 12 34 56 78", "0033.6.12.34.56.78",
// "06-12-34-56-78", "+44 (0)20 7946 0958". The analysis compares addresses only after turning
// each into a `phone_number`. A numbering plan says how a national number (one written without
// a country code) becomes international: its trunk prefix is dropped and the plan's country
// calling code goes in front.
//
// Rules of `address_normalizer::normalize`:
// - blanks (space, tab), dots, dashes and parentheses anywhere are separators and ignored;
// - "(0)", the optional trunk prefix people write in "+44 (0)20 ...", is dropped;
// - a leading '+' or the plan's international prefix ("00") starts an international number;
// - otherwise the number is national: a leading trunk prefix is dropped, the country code is
//   put in front; without a country code in the plan a national number is refused;
// - the result must have 8 to 15 digits and a country code that does not start with 0.
//
// Thread safety: value types; `normalize` is const and may run on several threads at once.
// Complexity: O(length of the text); no allocation unless the text is refused.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/phone_number.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

struct numbering_plan {
  std::string country_code;                  ///< given to national numbers, e.g. "33"; empty: refuse them
  std::string trunk_prefix = "0";            ///< dropped from a national number ("": none)
  std::string international_prefix = "00";   ///< dialled instead of '+' before a country code
  friend bool operator==(const numbering_plan&, const numbering_plan&) = default;
};
BOOST_DESCRIBE_STRUCT(numbering_plan, (), (country_code, trunk_prefix, international_prefix))

/// Turns written phone numbers into E.164 numbers under one numbering plan.
class address_normalizer {
 public:
  /// Texts longer than this are refused as too long without being read.
  static constexpr std::size_t max_text_bytes = 64;

  /// A normalizer that accepts international numbers only ('+' or "00").
  address_normalizer() noexcept = default;

  /// Errors: invalid_settings naming the field, when the country code is not 1 to 3 digits or
  /// starts with 0, the trunk prefix is more than 2 digits, or the international prefix is
  /// not 1 to 4 digits.
  [[nodiscard]] static result<address_normalizer> make(const numbering_plan& plan);

  /// The E.164 number `text` denotes. Errors: invalid_address with the reason: empty (no
  /// digit), non-digit character, too short (fewer than 8 digits), too long (more than 15
  /// digits, or a text beyond max_text_bytes), leading zero in the country code, national
  /// number without a country code in the plan.
  [[nodiscard]] result<phone_number> normalize(std::string_view text) const;

 private:
  struct digit_prefix {
    std::uint64_t value = 0;
    std::uint8_t length = 0;  ///< 0: none
  };
  digit_prefix country_code_;
  digit_prefix trunk_prefix_;
  digit_prefix international_prefix_{0, 2};  // "00"
};

SMSTRACK_END_NAMESPACE

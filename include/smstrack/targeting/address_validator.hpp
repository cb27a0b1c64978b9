// The address validator port: whether an E.164 number is a real number, and of which type.
//
// The analysis normalizes each recipient's address (numbering_plan.hpp) and then asks the
// validator about the numbers that survived: an invalid one is excluded as invalid_phone_number,
// and, when the typology asks for mobiles only, a number whose type is known and cannot take an
// SMS is excluded as bad_quality_address.
//
// `syntactic_validator` (the default) accepts every E.164 number and knows no type. The
// optional component smstrack::phonenumber (`smstrack/adapters/phonenumber_validator.hpp`)
// checks numbers against Google's libphonenumber metadata, region by region.
//
// Contract for implementers: `check` fills out[i] for numbers[i] (out.size() == numbers.size());
// it must not throw (an exception fails the analysis with invalid_argument and stores nothing),
// and must be safe to call from several threads at once.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/phone_number.hpp>

#include <boost/describe/enum.hpp>

#include <cstdint>
#include <span>

SMSTRACK_BEGIN_NAMESPACE

/// What kind of line a number belongs to (the categories of libphonenumber).
enum class number_type : std::uint8_t {
  unknown = 0,  ///< the validator cannot tell
  mobile = 1,
  fixed_line = 2,
  fixed_line_or_mobile = 3,  ///< numbering plans that do not tell them apart (e.g. +1)
  toll_free = 4,
  premium_rate = 5,
  shared_cost = 6,
  voip = 7,
  personal_number = 8,
  pager = 9,
  uan = 10,  ///< universal access number (a company's single number)
  voicemail = 11,
};
BOOST_DESCRIBE_ENUM(number_type, unknown, mobile, fixed_line, fixed_line_or_mobile, toll_free, premium_rate,
                    shared_cost, voip, personal_number, pager, uan, voicemail)

/// Whether a number of this type may receive an SMS: mobiles, numbers that may be mobiles,
/// and numbers of unknown type (the benefit of the doubt).
constexpr bool may_receive_sms(number_type type) noexcept {
  return type == number_type::mobile || type == number_type::fixed_line_or_mobile || type == number_type::unknown;
}

struct address_verdict {
  bool valid = true;
  number_type type = number_type::unknown;
  friend bool operator==(const address_verdict&, const address_verdict&) = default;
};

class address_validator {
 public:
  address_validator() = default;
  address_validator(const address_validator&) = delete;
  address_validator& operator=(const address_validator&) = delete;
  virtual ~address_validator() = default;
  virtual void check(std::span<const phone_number> numbers, std::span<address_verdict> out) const = 0;
};

/// Every E.164 number is valid; its type is unknown.
class syntactic_validator final : public address_validator {
 public:
  void check(std::span<const phone_number> numbers, std::span<address_verdict> out) const override {
    for (std::size_t i = 0; i < numbers.size() && i < out.size(); ++i) out[i] = address_verdict{};
  }
};

SMSTRACK_END_NAMESPACE

#include <smstrack/adapters/phonenumber_validator.hpp>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

SMSTRACK_BEGIN_NAMESPACE
namespace {

namespace lib = i18n::phonenumbers;

const lib::PhoneNumberUtil& utility() { return *lib::PhoneNumberUtil::GetInstance(); }

// libphonenumber's parse of "+<digits>": it splits the country code from the national number
// (leading zeros of an Italian national number included).
bool to_library_number(phone_number number, lib::PhoneNumber& out) {
  return utility().Parse(number.to_string(), "ZZ", &out) == lib::PhoneNumberUtil::NO_PARSING_ERROR;
}

number_type type_of(lib::PhoneNumberUtil::PhoneNumberType type) noexcept {
  using t = lib::PhoneNumberUtil;
  switch (type) {
    case t::MOBILE: return number_type::mobile;
    case t::FIXED_LINE: return number_type::fixed_line;
    case t::FIXED_LINE_OR_MOBILE: return number_type::fixed_line_or_mobile;
    case t::TOLL_FREE: return number_type::toll_free;
    case t::PREMIUM_RATE: return number_type::premium_rate;
    case t::SHARED_COST: return number_type::shared_cost;
    case t::VOIP: return number_type::voip;
    case t::PERSONAL_NUMBER: return number_type::personal_number;
    case t::PAGER: return number_type::pager;
    case t::UAN: return number_type::uan;
    case t::VOICEMAIL: return number_type::voicemail;
    case t::UNKNOWN: break;
  }
  return number_type::unknown;
}

address_verdict verdict_of(phone_number number) {
  lib::PhoneNumber parsed;
  if (number.empty() || !to_library_number(number, parsed)) return {false, number_type::unknown};
  if (!utility().IsValidNumber(parsed)) return {false, number_type::unknown};
  return {true, type_of(utility().GetNumberType(parsed))};
}

}  // namespace

phonenumber_validator::phonenumber_validator() { (void)utility(); }

void phonenumber_validator::check(std::span<const phone_number> numbers, std::span<address_verdict> out) const {
  for (std::size_t i = 0; i < numbers.size() && i < out.size(); ++i) {
    try {
      out[i] = verdict_of(numbers[i]);
    } catch (...) {
      out[i] = address_verdict{};  // out of memory: the benefit of the doubt, as for an unknown type
    }
  }
}

std::string phonenumber_validator::region_of(phone_number number) const {
  lib::PhoneNumber parsed;
  std::string region = "ZZ";
  if (!number.empty() && to_library_number(number, parsed)) utility().GetRegionCodeForNumber(parsed, &region);
  return region;
}

SMSTRACK_END_NAMESPACE

// An address validator backed by Google's libphonenumber (component smstrack::phonenumber).
//
// A number is valid when libphonenumber's metadata knows it for its region: the country code
// exists and the national number has a length and leading digits that region assigns. Its
// type comes from the same metadata (mobile, fixed line, toll free, ...). Link
// smstrack::phonenumber (Debian: libphonenumber-dev) and pass a validator to the analysis.
//
// Thread safety: `check` may run on several threads at once (libphonenumber's utility is an
// immutable singleton once built). Cost: a few microseconds per number.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/targeting/address_validator.hpp>

#include <string>

SMSTRACK_BEGIN_NAMESPACE

class phonenumber_validator final : public address_validator {
 public:
  phonenumber_validator();
  void check(std::span<const phone_number> numbers, std::span<address_verdict> out) const override;

  /// The region (ISO 3166-1 alpha-2, e.g. "FR") the number belongs to; "ZZ" when none, "001"
  /// for non-geographic numbers.
  [[nodiscard]] std::string region_of(phone_number number) const;
};

SMSTRACK_END_NAMESPACE

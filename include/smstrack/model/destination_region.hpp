// Where a number is for (SPEC §13): its country calling code and its region, from a table of
// the ITU's assigned calling codes compiled into the core (src/model/calling_codes.inc,
// generated from libphonenumber by cmake/generate-calling-codes.cpp).
//
// Calling codes are prefix-free, so a number's code is the one of its first one, two or three
// digits that is assigned. A code shared by several regions names its main one, except that
// +1 is told apart by area code (the United States, Canada and the Caribbean) and +7 by its
// first digits (Russia and Kazakhstan), as libphonenumber tells them apart. The Jersey,
// Guernsey and Isle of Man numbers of +44 count as GB, the Åland ones of +358 as FI, and so on:
// where that matters, the libphonenumber component gives the precise region.
//
// Thread safety: pure functions over a constant table.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/phone_number.hpp>

#include <cstdint>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// The country calling code of `number` (1 to 999), or 0 when its first digits are not an
/// assigned code (or the number is empty).
[[nodiscard]] std::uint16_t calling_code_of(const phone_number& number) noexcept;

/// The region `number` is for: an ISO 3166-1 alpha-2 code ("FR", "CA", "KZ"), "001" for a
/// non-geographic code (international freephone, satellite networks), or "" when its calling
/// code is not assigned.
[[nodiscard]] std::string_view region_of(const phone_number& number) noexcept;

SMSTRACK_END_NAMESPACE

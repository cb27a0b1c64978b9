// The qualification table (SPEC §6.6): learned rules mapping a normalized error receipt
// ("SR <connector> <stat> <err>") to a failure type and reason. Shared by all deliveries of a
// connector; operators requalify entries.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

enum class qualification_status : std::uint8_t {
  to_qualify = 0,  ///< provisioned automatically, waiting for an operator
  keep = 1,        ///< confirmed by an operator
  ignore = 2,      ///< failures matching this entry never quarantine
};
BOOST_DESCRIBE_ENUM(qualification_status, to_qualify, keep, ignore)

struct qualification_entry {
  std::string key;  ///< "SR <connector> <stat> <err>"
  failure_type type = failure_type::soft;
  failure_reason reason = failure_reason::refused;
  qualification_status status = qualification_status::to_qualify;
  std::uint32_t occurrences = 0;  ///< capped (100 000 by default)
  std::string first_text;         ///< the raw receipt that created the entry
  timestamp last_modified{};
  friend bool operator==(const qualification_entry&, const qualification_entry&) = default;
};
BOOST_DESCRIBE_STRUCT(qualification_entry, (),
                      (key, type, reason, status, occurrences, first_text, last_modified))

/// Occurrences of one key, with the entry to create if the key is new.
struct qualification_occurrence {
  qualification_entry provision;
  std::uint32_t count = 1;
};

SMSTRACK_END_NAMESPACE

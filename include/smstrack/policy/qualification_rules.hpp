// How an error receipt becomes a qualification table entry (SPEC §6.6).
//
// Each error receipt is reduced to the key "SR <connector> <stat> <err>" (without " <err>"
// when the receipt names no error code). An unseen key is provisioned with the settings'
// type, reason and status (soft / refused / to_qualify by default) and the raw receipt as its
// first text; occurrences are counted up to a cap (100 000). The failure a log receives is the
// entry's type and reason; an entry in status `ignore` never quarantines.
//
// Thread safety: pure functions.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/qualification.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

struct qualification_settings {
  failure_type provision_type = failure_type::soft;
  failure_reason provision_reason = failure_reason::refused;
  qualification_status provision_status = qualification_status::to_qualify;
  std::uint32_t occurrence_cap = 100'000;
  std::size_t max_first_text_bytes = 1024;  ///< the raw receipt kept as the first text, cut beyond
  friend bool operator==(const qualification_settings&, const qualification_settings&) = default;
};
BOOST_DESCRIBE_STRUCT(qualification_settings, (),
                      (provision_type, provision_reason, provision_status, occurrence_cap, max_first_text_bytes))

/// Errors: invalid_settings for a not_defined provision type or reason, or a zero cap.
[[nodiscard]] result<void> validate(const qualification_settings& settings);

/// "SR <connector> <stat> <err>", or "SR <connector> <stat>" without an error code.
[[nodiscard]] std::string qualification_key(std::string_view connector, std::string_view stat, std::string_view err);

/// One occurrence of `key`, with the entry to create if the key is new. The first text is the
/// raw receipt, cut at the settings' bound on a UTF-8 character boundary.
[[nodiscard]] qualification_occurrence provision(std::string key, std::string_view raw_receipt, timestamp now,
                                                 const qualification_settings& settings);

/// What a log receives from an entry.
struct qualified_failure {
  failure_type type = failure_type::soft;
  failure_reason reason = failure_reason::refused;
  bool may_quarantine = true;  ///< false for entries in status `ignore`
  friend bool operator==(const qualified_failure&, const qualified_failure&) = default;
};

constexpr qualified_failure failure_of(const qualification_entry& entry) noexcept {
  return {entry.type, entry.reason, entry.status != qualification_status::ignore};
}

/// Checks an operator's requalification. Errors: invalid_argument for an empty key, a key
/// that does not start with "SR ", or a not_defined type or reason.
[[nodiscard]] result<void> check_requalification(const qualification_entry& entry);

SMSTRACK_END_NAMESPACE

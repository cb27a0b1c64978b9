// Human labels of every enumeration, in the six languages of the reference documentation
// (SPEC §12): English, German, French, Italian, Spanish and Dutch.
//
// `label(value, language)` returns a static UTF-8 string; it is empty only for a value that is
// not an enumerator of its type (a cast integer). The view names follow the reference product:
// German "Zusammenfassung / SMS / Versand / Ausschlüsse / Tracking / Audit", French
// "Résumé / SMS / Diffusion / Exclusions / Tracking / Audit"; Italian, Spanish and Dutch keep the
// English tab names.
//
// Thread safety: the tables are immutable.
// Complexity: O(number of enumerators of the type).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/audit_event.hpp>
#include <smstrack/model/delivery_state.hpp>
#include <smstrack/model/failure.hpp>
#include <smstrack/model/indicators.hpp>
#include <smstrack/model/log_status.hpp>
#include <smstrack/model/qualification.hpp>
#include <smstrack/model/quarantine.hpp>
#include <smstrack/model/tracking.hpp>
#include <smstrack/model/view_name.hpp>
#include <smstrack/targeting/address_validator.hpp>
#include <smstrack/replies/keyword_rules.hpp>
#include <smstrack/text/sms_encoding.hpp>

#include <boost/describe/enum.hpp>

#include <cstdint>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

enum class language : std::uint8_t { en = 0, de = 1, fr = 2, it = 3, es = 4, nl = 5 };
BOOST_DESCRIBE_ENUM(language, en, de, fr, it, es, nl)

inline constexpr std::size_t language_count = 6;

/// Reads a language from its ISO 639-1 code ("en", "de", ...). Errors: invalid_argument.
[[nodiscard]] result<language> parse_language(std::string_view code);

[[nodiscard]] std::string_view label(delivery_state value, language lang) noexcept;
[[nodiscard]] std::string_view label(approval_mode value, language lang) noexcept;
[[nodiscard]] std::string_view label(log_status value, language lang) noexcept;
[[nodiscard]] std::string_view label(failure_type value, language lang) noexcept;
[[nodiscard]] std::string_view label(failure_reason value, language lang) noexcept;
[[nodiscard]] std::string_view label(quarantine_status value, language lang) noexcept;
[[nodiscard]] std::string_view label(qualification_status value, language lang) noexcept;
[[nodiscard]] std::string_view label(tracked_url_type value, language lang) noexcept;
[[nodiscard]] std::string_view label(tracking_mode value, language lang) noexcept;
[[nodiscard]] std::string_view label(click_class value, language lang) noexcept;
[[nodiscard]] std::string_view label(number_type value, language lang) noexcept;
[[nodiscard]] std::string_view label(sms_encoding value, language lang) noexcept;
[[nodiscard]] std::string_view label(reply_action value, language lang) noexcept;
[[nodiscard]] std::string_view label(audit_severity value, language lang) noexcept;
[[nodiscard]] std::string_view label(audit_code value, language lang) noexcept;
[[nodiscard]] std::string_view label(view_name value, language lang) noexcept;
[[nodiscard]] std::string_view label(sub_view_name value, language lang) noexcept;
[[nodiscard]] std::string_view label(throughput_scale value, language lang) noexcept;
[[nodiscard]] std::string_view label(language value, language lang) noexcept;

SMSTRACK_END_NAMESPACE

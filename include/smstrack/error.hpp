// Errors of smstrack: precise codes (`errc`), the broad conditions callers branch on
// (`condition`), both with boost::system categories, and `result<T>`.
//
// Every fallible function returns `result<T>`: a value or an `error`. An `error` holds an
// `errc` code and a detail text that names what was wrong ("illegal transition: paused -> ready",
// "field 'status': unknown enumerator 'sent'"). Callers who prefer exceptions call `.value()`,
// which throws `smstrack::system_error` carrying both.
//
// Thread safety: all types here are values; the categories are immutable singletons.
#pragma once

#include <smstrack/config.hpp>

#include <boost/describe/enum.hpp>
#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/error_condition.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>

#include <string>
#include <string_view>
#include <type_traits>

SMSTRACK_BEGIN_NAMESPACE

/// Precise error codes. Values are stable: they may be stored or logged.
enum class errc {
  invalid_argument = 1,     ///< a parameter is out of its documented domain
  invalid_settings = 2,     ///< delivery settings are inconsistent (e.g. validity <= 0)
  invalid_address = 3,      ///< a phone number is not a valid E.164 address
  invalid_text = 4,         ///< text is not valid UTF-8 or is oversized
  invalid_receipt = 5,      ///< a carrier status report cannot be parsed (receipt parsing)
  invalid_token = 6,        ///< a tracking token is malformed, tampered with or unknown (tracking)
  invalid_json = 7,         ///< JSON text is malformed
  missing_field = 8,        ///< a required JSON field is absent
  unknown_field = 9,        ///< a JSON object carries a field the record does not have
  unexpected_type = 10,     ///< a JSON value has the wrong kind (string for number, ...)
  unknown_enum_name = 11,   ///< a JSON string names no enumerator
  invalid_timestamp = 12,   ///< a timestamp is not ISO 8601 UTC, or out of range
  invalid_duration = 13,    ///< a duration is not `<integer><ms|s|m|h|d>`
  value_out_of_range = 14,  ///< a number does not fit the field
  invalid_sender = 15,      ///< a sender id is neither alphanumeric (<= 11) nor a number (<= 21)
  unknown_delivery = 20,    ///< no delivery has this id
  unknown_log = 21,         ///< no delivery log has this id
  unknown_message_id = 22,  ///< no delivery log carries this provider message id (receipts)
  unknown_entry = 23,       ///< no stored entry has this key (quarantine, qualification, URL)
  illegal_transition = 30,  ///< a delivery or log state change the lifecycle forbids
  content_frozen = 31,      ///< the content cannot change after analysis or start
  revision_conflict = 32,   ///< the record changed since it was read (optimistic concurrency)
  duplicate_id = 33,        ///< an insert reuses an id with different content
  storage_failure = 40,     ///< a storage adapter failed (database error, stray exception)
  /// A storage failure that a retry may fix (lost connection, locked database, full disk). It
  /// refines storage_failure: `e == errc::storage_failure` holds for it too, and its code maps to
  /// condition::transient (`e.code() == condition::transient`).
  storage_unavailable = 41,
};
BOOST_DESCRIBE_ENUM(errc, invalid_argument, invalid_settings, invalid_address, invalid_text, invalid_receipt,
                    invalid_token, invalid_json, missing_field, unknown_field, unexpected_type,
                    unknown_enum_name, invalid_timestamp, invalid_duration, value_out_of_range, invalid_sender,
                    unknown_delivery, unknown_log, unknown_message_id, unknown_entry, illegal_transition,
                    content_frozen, revision_conflict, duplicate_id, storage_failure, storage_unavailable)

/// Broad conditions: compare an error against these to decide what to do.
enum class condition {
  invalid_input = 1,  ///< the caller's input is wrong; retrying the same call cannot help
  not_found = 2,      ///< the referenced delivery, log or entry does not exist
  conflict = 3,       ///< the request contradicts the stored state
  transient = 4,      ///< a retry may succeed (lost connection, locked database)
  permanent = 5,      ///< a retry cannot succeed
};
BOOST_DESCRIBE_ENUM(condition, invalid_input, not_found, conflict, transient, permanent)

SMSTRACK_END_NAMESPACE

namespace boost::system {
template <>
struct is_error_code_enum<::smstrack::errc> : std::true_type {};
template <>
struct is_error_condition_enum<::smstrack::condition> : std::true_type {};
}  // namespace boost::system

SMSTRACK_BEGIN_NAMESPACE

const boost::system::error_category& error_category() noexcept;
const boost::system::error_category& condition_category() noexcept;

boost::system::error_code make_error_code(errc code) noexcept;
boost::system::error_condition make_error_condition(condition cond) noexcept;

/// Whether a retry of the failed operation may succeed; set by storage adapters.
enum class retry_hint { permanent, transient };

/// An error: a code and a detail text naming what was wrong.
class error {
 public:
  /// No error (what `result<T>::error()` returns for a result that holds a value).
  error() noexcept = default;
  /// A storage_failure with the transient hint becomes errc::storage_unavailable.
  error(errc code, std::string detail = {}, retry_hint hint = retry_hint::permanent);
  error(boost::system::error_code code, std::string detail = {},
        retry_hint hint = retry_hint::permanent);

  [[nodiscard]] const boost::system::error_code& code() const noexcept { return code_; }
  [[nodiscard]] const std::string& detail() const noexcept { return detail_; }
  /// transient for errc::storage_unavailable, permanent otherwise.
  [[nodiscard]] retry_hint hint() const noexcept;
  /// "<code message>: <detail>", or the code's message when there is no detail.
  [[nodiscard]] std::string message() const;
  /// Whether this error falls under `cond` (the same as `code() == cond`).
  [[nodiscard]] bool is(condition cond) const noexcept { return code_ == cond; }

  /// The code, or for storage_failure any storage failure (storage_unavailable refines it).
  friend bool operator==(const error& e, errc code) noexcept {
    return e.code_ == code || (code == errc::storage_failure && e.code_ == errc::storage_unavailable);
  }
  friend bool operator==(const error& e, condition cond) noexcept { return e.is(cond); }

 private:
  boost::system::error_code code_;
  std::string detail_;
};

/// The exception `.value()` throws for a failed `result<T>`.
class system_error : public boost::system::system_error {
 public:
  explicit system_error(const error& e);
  [[nodiscard]] const smstrack::error& error() const noexcept { return error_; }

 private:
  smstrack::error error_;
};

[[noreturn]] void throw_exception_from_error(const error& e, const boost::source_location& loc);

template <class T>
using result = boost::system::result<T, error>;

/// Shorthand for a failed result: `return fail(errc::unknown_log, "log 7");`
[[nodiscard]] inline error fail(errc code, std::string detail = {}) {
  return error{code, std::move(detail)};
}

SMSTRACK_END_NAMESPACE


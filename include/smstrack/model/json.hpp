// JSON for every smstrack record, through Boost.Describe and Boost.JSON.
//
// `to_json(record)` gives a boost::json::value; `from_json<T>(value)` reads one back and
// `parse_json<T>(text)` parses text first. Reading is strict: an unknown key, a missing required
// key, a wrong JSON kind, an unknown enumerator name, a number out of range or a malformed
// timestamp is a precise error whose detail names the path ("logs[3].status: unknown
// enumerator 'sentt' of log_status"). Text is parsed strictly both ways: a number is read
// correctly rounded (what is written reads back bit-identical), a number no double holds
// (`1e400`) and a duplicate key are errors naming their path, and a non-finite double is never
// written (it becomes null, which reading refuses). `std::optional` members are omitted when
// empty and may be absent or null when read. Enumerators are written by name, timestamps as ISO 8601 UTC with
// milliseconds, durations as "5d" / "15m" / "250ms", phone numbers as "+33612345678" (the empty
// number as null).
//
// Thread safety: pure functions.
// Complexity: linear in the size of the value.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/mobile_network.hpp>
#include <smstrack/model/phone_number.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace detail {

struct json_failure {
  errc code = errc::invalid_json;
  std::string path;
  std::string what;
};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

template <class T>
constexpr bool is_described_enum = std::is_enum_v<T> && boost::describe::has_describe_enumerators<T>::value;
template <class T>
constexpr bool is_described_struct =
    std::is_class_v<T> && boost::describe::has_describe_members<T>::value;

inline bool json_fail(json_failure& failure, errc code, std::string what) {
  failure.code = code;
  failure.what = std::move(what);
  return false;
}

// Prefixes a member or element to the failure path on the way out.
inline void json_prefix(json_failure& failure, std::string_view step) {
  if (failure.path.empty() || failure.path.front() == '[') {
    failure.path.insert(0, step);
  } else {
    failure.path.insert(0, std::string(step) + ".");
  }
}

inline const char* json_kind_name(const boost::json::value& jv) {
  switch (jv.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "an integer";
    case boost::json::kind::double_: return "a fraction";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
  }
  return "an unknown kind";
}

inline bool json_expected(json_failure& failure, const char* expected, const boost::json::value& jv) {
  return json_fail(failure, errc::unexpected_type,
                   std::string("expected ") + expected + ", got " + json_kind_name(jv));
}

template <class E>
std::string_view enum_name(E value) {
  std::string_view name;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (d.value == value) name = d.name;
  });
  return name;
}

template <class T>
boost::json::value write_json(const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    return boost::json::value(value);
  } else if constexpr (is_described_enum<T>) {
    const std::string_view name = enum_name(value);
    if (name.empty()) return boost::json::value(static_cast<std::int64_t>(value));
    return boost::json::value(boost::json::string_view(name.data(), name.size()));
  } else if constexpr (std::is_integral_v<T>) {
    if constexpr (std::is_signed_v<T>) return boost::json::value(static_cast<std::int64_t>(value));
    else return boost::json::value(static_cast<std::uint64_t>(value));
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(value)) return boost::json::value(nullptr);  // JSON has no Infinity or NaN
    return boost::json::value(static_cast<double>(value));
  } else if constexpr (std::is_same_v<T, std::string>) {
    return boost::json::value(boost::json::string_view(value.data(), value.size()));
  } else if constexpr (std::is_same_v<T, timestamp>) {
    return boost::json::value(format_timestamp(value));
  } else if constexpr (std::is_same_v<T, duration>) {
    return boost::json::value(format_duration(value));
  } else if constexpr (std::is_same_v<T, phone_number>) {
    if (value.empty()) return boost::json::value(nullptr);
    return boost::json::value(value.to_string());
  } else if constexpr (std::is_same_v<T, network_code>) {
    if (!value.known()) return boost::json::value(nullptr);
    return boost::json::value(value.to_string());
  } else if constexpr (is_optional<T>::value) {
    return value ? write_json(*value) : boost::json::value(nullptr);
  } else if constexpr (is_vector<T>::value) {
    boost::json::array array;
    array.reserve(value.size());
    for (const auto& item : value) array.push_back(write_json(item));
    return array;
  } else {
    static_assert(is_described_struct<T>, "smstrack JSON: describe this type or add a case");
    boost::json::object object;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto member) {
          const auto& field = value.*member.pointer;
          using field_type = std::remove_cvref_t<decltype(field)>;
          if constexpr (is_optional<field_type>::value) {
            if (!field) return;
          }
          object[member.name] = write_json(field);
        });
    return object;
  }
}

template <class T>
bool read_json(const boost::json::value& jv, T& out, json_failure& failure);

template <class T>
bool read_integer(const boost::json::value& jv, T& out, json_failure& failure) {
  if (jv.is_int64()) {
    const std::int64_t v = jv.get_int64();
    if constexpr (std::is_unsigned_v<T>) {
      if (v < 0 || static_cast<std::uint64_t>(v) > std::numeric_limits<T>::max()) {
        return json_fail(failure, errc::value_out_of_range, std::to_string(v) + " does not fit");
      }
    } else {
      if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
        return json_fail(failure, errc::value_out_of_range, std::to_string(v) + " does not fit");
      }
    }
    out = static_cast<T>(v);
    return true;
  }
  if (jv.is_uint64()) {
    const std::uint64_t v = jv.get_uint64();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) {
      return json_fail(failure, errc::value_out_of_range, std::to_string(v) + " does not fit");
    }
    out = static_cast<T>(v);
    return true;
  }
  return json_expected(failure, "an integer", jv);
}

template <class E>
bool read_enum(const boost::json::value& jv, E& out, json_failure& failure) {
  if (!jv.is_string()) return json_expected(failure, "an enumerator name", jv);
  const boost::json::string& text = jv.get_string();
  const std::string_view name(text.data(), text.size());
  bool found = false;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (!found && name == d.name) {
      out = d.value;
      found = true;
    }
  });
  if (!found) {
    std::string what = "unknown enumerator '";
    what.append(name.substr(0, 64));
    what += "'";
    return json_fail(failure, errc::unknown_enum_name, std::move(what));
  }
  return true;
}

template <class S>
bool read_struct(const boost::json::value& jv, S& out, json_failure& failure) {
  if (!jv.is_object()) return json_expected(failure, "an object", jv);
  const boost::json::object& object = jv.get_object();
  using members = boost::describe::describe_members<S, boost::describe::mod_public>;
  for (const auto& entry : object) {
    bool known = false;
    boost::mp11::mp_for_each<members>([&](auto member) {
      known = known || entry.key() == member.name;
    });
    if (!known) {
      failure.path = std::string(entry.key());
      return json_fail(failure, errc::unknown_field, "not a field of this record");
    }
  }
  bool ok = true;
  boost::mp11::mp_for_each<members>([&](auto member) {
    if (!ok) return;
    auto& field = out.*member.pointer;
    using field_type = std::remove_cvref_t<decltype(field)>;
    const boost::json::value* item = object.if_contains(member.name);
    if (item == nullptr) {
      if constexpr (is_optional<field_type>::value) {
        field.reset();
      } else {
        failure.path = member.name;
        ok = json_fail(failure, errc::missing_field, "required field is absent");
      }
      return;
    }
    if (!read_json(*item, field, failure)) {
      json_prefix(failure, member.name);
      ok = false;
    }
  });
  return ok;
}

template <class T>
bool read_json(const boost::json::value& jv, T& out, json_failure& failure) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!jv.is_bool()) return json_expected(failure, "a boolean", jv);
    out = jv.get_bool();
    return true;
  } else if constexpr (is_described_enum<T>) {
    return read_enum(jv, out, failure);
  } else if constexpr (std::is_integral_v<T>) {
    return read_integer(jv, out, failure);
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!jv.is_number()) return json_expected(failure, "a number", jv);
    const double d = jv.to_number<double>();
    if (!std::isfinite(d)) return json_fail(failure, errc::value_out_of_range, "not a finite number");
    out = static_cast<T>(d);
    return true;
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!jv.is_string()) return json_expected(failure, "a string", jv);
    out.assign(jv.get_string().data(), jv.get_string().size());
    return true;
  } else if constexpr (std::is_same_v<T, timestamp> || std::is_same_v<T, duration> ||
                       std::is_same_v<T, phone_number> || std::is_same_v<T, network_code>) {
    if constexpr (std::is_same_v<T, phone_number> || std::is_same_v<T, network_code>) {
      if (jv.is_null()) {
        out = T{};
        return true;
      }
    }
    if (!jv.is_string()) return json_expected(failure, "a string", jv);
    const std::string_view text(jv.get_string().data(), jv.get_string().size());
    result<T> parsed = [&] {
      if constexpr (std::is_same_v<T, timestamp>) return parse_timestamp(text);
      else if constexpr (std::is_same_v<T, duration>) return parse_duration(text);
      else if constexpr (std::is_same_v<T, network_code>) return network_code::parse(text);
      else return phone_number::parse(text);
    }();
    if (!parsed) {
      return json_fail(failure, static_cast<errc>(parsed.error().code().value()),
                       parsed.error().detail());
    }
    out = *parsed;
    return true;
  } else if constexpr (is_optional<T>::value) {
    if (jv.is_null()) {
      out.reset();
      return true;
    }
    typename T::value_type inner{};
    if (!read_json(jv, inner, failure)) return false;
    out = std::move(inner);
    return true;
  } else if constexpr (is_vector<T>::value) {
    if (!jv.is_array()) return json_expected(failure, "an array", jv);
    const boost::json::array& array = jv.get_array();
    out.clear();
    out.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
      typename T::value_type item{};
      if (!read_json(array[i], item, failure)) {
        json_prefix(failure, "[" + std::to_string(i) + "]");
        return false;
      }
      out.push_back(std::move(item));
    }
    return true;
  } else {
    static_assert(is_described_struct<T>, "smstrack JSON: describe this type or add a case");
    return read_struct(jv, out, failure);
  }
}

}  // namespace detail

/// The JSON form of a described record, enumeration or supported scalar.
template <class T>
[[nodiscard]] boost::json::value to_json(const T& value) {
  return detail::write_json(value);
}

/// `to_json` serialized to compact text.
template <class T>
[[nodiscard]] std::string to_json_text(const T& value) {
  return boost::json::serialize(to_json(value));
}

/// Reads a `T` from its JSON form. Errors: missing_field, unknown_field, unexpected_type,
/// unknown_enum_name, value_out_of_range, invalid_timestamp, invalid_duration, invalid_address;
/// the detail names the path of the offending value.
template <class T>
[[nodiscard]] result<T> from_json(const boost::json::value& jv) {
  T out{};
  detail::json_failure failure;
  if (!detail::read_json(jv, out, failure)) {
    std::string detail = failure.path.empty() ? failure.what : failure.path + ": " + failure.what;
    return error{failure.code, std::move(detail)};
  }
  return out;
}

/// Parses JSON text strictly: numbers correctly rounded, and refused with their path when no
/// double holds them; a duplicate key refused with its path. Errors: invalid_json.
[[nodiscard]] result<boost::json::value> parse_json_value(std::string_view text);

/// Parses JSON text (parse_json_value), then reads a `T` from it. Errors: invalid_json for
/// malformed text, and those of `from_json`.
template <class T>
[[nodiscard]] result<T> parse_json(std::string_view text) {
  auto jv = parse_json_value(text);
  if (!jv) return jv.error();
  return from_json<T>(*jv);
}

SMSTRACK_END_NAMESPACE

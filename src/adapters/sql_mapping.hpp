// How a record becomes a SQL row and back, generated from its Boost.Describe description, for
// the SQLite and PostgreSQL adapters: one column per described member in declaration order,
// members that are described structs flattened in place. A table (sql_rows.hpp) only names
// what the description cannot say: its label in error messages, the columns whose name is not
// the member's, its key and which optional texts it stores empty as NULL.
//
// A `Writer` has int64(v), text(s) and null(); a `Reader` has is_null(i), int64(i) and text(i)
// for column i. Timestamps and durations are milliseconds, enums their numeric values, E.164
// numbers their digits, booleans 0 or 1, and unsigned 64-bit values are stored in two's
// complement. Every value read back is checked: a row a program outside smstrack damaged is a
// storage_failure naming the table and column, never an out-of-range enum.
#pragma once

#include <smstrack/error.hpp>
#include <smstrack/model/mobile_network.hpp>
#include <smstrack/model/phone_number.hpp>
#include <smstrack/model/time.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace sql {

/// A column whose name is not its member's: `member` is the member's path ("settings.validity").
struct renamed_column {
  std::string_view member;
  std::string_view column;
};

/// How the records of type T sit in their table; specialized per record type in sql_rows.hpp:
///   static constexpr std::string_view label;                       // "logs": names errors
///   static constexpr std::array<renamed_column, N> renamed;        // may be empty
///   static constexpr std::array<std::string_view, K> key;          // the upsert conflict key
///   static constexpr std::array<std::string_view, E> empty_as_null; // optional texts, "" → NULL
///   static constexpr std::array<std::string_view, A> assigned;     // set by the store on insert
template <class T>
struct table;

/// A set of columns by position, for writing a row without some of them.
using column_set = std::uint64_t;

namespace mapping_detail {

template <class T>
inline constexpr bool is_record = boost::describe::has_describe_members<T>::value;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

using public_members = std::integral_constant<unsigned, boost::describe::mod_public>;

// Calls f(field) for every leaf field of `record`, in column order.
template <class Record, class F>
void for_each_field(Record& record, F& f) {
  using R = std::remove_const_t<Record>;
  boost::mp11::mp_for_each<boost::describe::describe_members<R, public_members::value>>([&](auto member) {
    auto& field = record.*member.pointer;
    if constexpr (is_record<std::remove_cvref_t<decltype(field)>>) {
      for_each_field(field, f);
    } else {
      f(field);
    }
  });
}

// Calls f(path) for every leaf member of R, in column order: "settings.validity".
template <class R, class F>
void for_each_path(const std::string& prefix, F& f) {
  boost::mp11::mp_for_each<boost::describe::describe_members<R, public_members::value>>([&](auto member) {
    using field = std::remove_cvref_t<decltype(std::declval<R&>().*member.pointer)>;
    const std::string path = prefix + member.name;
    if constexpr (is_record<field>) {
      for_each_path<field>(path + ".", f);
    } else {
      f(path);
    }
  });
}

template <class T>
std::string column_name(std::string_view path) {
  for (const renamed_column& r : table<T>::renamed) {
    if (r.member == path) return std::string(r.column);
  }
  const std::size_t dot = path.rfind('.');
  return std::string(dot == std::string_view::npos ? path : path.substr(dot + 1));
}

}  // namespace mapping_detail

/// The columns of T's table, in row order, with what depends on a column's position.
template <class T>
class row_layout {
 public:
  row_layout() {
    auto add = [this](const std::string& path) { columns_.push_back(mapping_detail::column_name<T>(path)); };
    mapping_detail::for_each_path<T>("", add);
    if (columns_.size() > 64) throw std::logic_error("sql: a table of more than 64 columns");
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (columns_[i] == columns_[j]) throw std::logic_error("sql: two members map to column " + columns_[i]);
      }
    }
    empty_as_null_ = set_of(table<T>::empty_as_null);
  }

  [[nodiscard]] const std::vector<std::string>& columns() const noexcept { return columns_; }
  [[nodiscard]] std::size_t size() const noexcept { return columns_.size(); }
  [[nodiscard]] bool stores_empty_as_null(std::size_t column) const noexcept { return (empty_as_null_ >> column) & 1U; }

  /// The positions of the named columns; a name that is no column is a programming error.
  template <class Names>
  [[nodiscard]] column_set set_of(const Names& names) const {
    column_set set = 0;
    for (const std::string_view name : names) {
      std::size_t i = 0;
      while (i < columns_.size() && columns_[i] != name) ++i;
      if (i == columns_.size()) throw std::logic_error("sql: no column " + std::string(name));
      set |= column_set{1} << i;
    }
    return set;
  }
  [[nodiscard]] column_set set_of(std::initializer_list<std::string_view> names) const {
    return set_of(std::span<const std::string_view>(names.begin(), names.size()));
  }

  /// "a, b, c": the columns not in `except`, with `prefix` before each.
  [[nodiscard]] std::string list(column_set except = 0, std::string_view prefix = {}) const {
    std::string out;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if ((except >> i) & 1U) continue;
      if (!out.empty()) out += ", ";
      out.append(prefix).append(columns_[i]);
    }
    return out;
  }

  /// "a = <p(1)>, b = <p(2)>": an assignment of each column not in `except`.
  template <class Placeholder>
  [[nodiscard]] std::string assignments(column_set except, Placeholder placeholder) const {
    std::string out;
    int n = 0;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if ((except >> i) & 1U) continue;
      if (!out.empty()) out += ", ";
      out += columns_[i] + " = " + placeholder(++n);
    }
    return out;
  }

  /// "ON CONFLICT (<key>) DO UPDATE SET c = excluded.c, ...": every column but the key's.
  [[nodiscard]] std::string upsert() const {
    const column_set key = set_of(table<T>::key);
    std::string out = "ON CONFLICT (" + list(~key) + ") DO UPDATE SET ";
    bool first = true;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if ((key >> i) & 1U) continue;
      if (!first) out += ", ";
      first = false;
      out += columns_[i] + " = excluded." + columns_[i];
    }
    return out;
  }

 private:
  std::vector<std::string> columns_;
  column_set empty_as_null_ = 0;
};

/// T's layout, built once.
template <class T>
const row_layout<T>& layout() {
  static const row_layout<T> built;
  return built;
}

/// "a, b, c": every column of T's table, in row order.
template <class T>
const std::string& columns() {
  static const std::string all = layout<T>().list();
  return all;
}

/// The columns the store assigns itself when it inserts a T (table<T>::assigned: an id, a
/// revision); the others are what an insert writes.
template <class T>
column_set assigned() {
  static const column_set set = layout<T>().set_of(table<T>::assigned);
  return set;
}

// ---------------------------------------------------------------------------------------------
// Writing

inline std::int64_t stored(std::uint64_t v) noexcept { return static_cast<std::int64_t>(v); }
inline std::int64_t stored(timestamp t) noexcept { return to_unix_ms(t); }
template <class E>
  requires std::is_enum_v<E>
std::int64_t stored(E e) noexcept {
  return static_cast<std::int64_t>(e);
}

/// Writes one value as its column stores it; `empty_as_null` makes an empty optional text NULL.
template <class Writer, class V>
void write_value(Writer& w, const V& v, bool empty_as_null = false) {
  if constexpr (mapping_detail::is_optional<V>::value) {
    bool null = !v;
    if constexpr (std::is_same_v<V, std::optional<std::string>>) null = null || (empty_as_null && v->empty());
    if (null) {
      w.null();
    } else {
      write_value(w, *v);
    }
  } else if constexpr (std::is_same_v<V, std::string>) {
    w.text(v);
  } else if constexpr (std::is_same_v<V, bool>) {
    w.int64(v ? 1 : 0);
  } else if constexpr (std::is_enum_v<V> || std::is_integral_v<V>) {
    w.int64(static_cast<std::int64_t>(v));
  } else if constexpr (std::is_same_v<V, timestamp>) {
    w.int64(to_unix_ms(v));
  } else if constexpr (std::is_same_v<V, duration>) {
    w.int64(v.count());
  } else if constexpr (std::is_same_v<V, phone_number>) {
    w.int64(stored(v.digits()));
  } else if constexpr (std::is_same_v<V, network_code>) {
    if (!v.known()) {
      w.null();
    } else if constexpr (requires { w.text_copy(std::string_view{}); }) {
      w.text_copy(v.to_string());  // "208-01", readable in the database; a writer that keeps views copies it
    } else {
      w.text(v.to_string());
    }
  } else {
    static_assert(sizeof(V) == 0, "sql: no column type for this member");
  }
}

/// Writes the columns of `record` but those in `except`, in row order.
template <class T, class Writer>
void write_row(Writer& w, const T& record, column_set except = 0) {
  const row_layout<T>& l = layout<T>();
  std::size_t column = 0;
  auto write = [&](const auto& field) {
    const std::size_t i = column++;
    if (!((except >> i) & 1U)) write_value(w, field, l.stores_empty_as_null(i));
  };
  mapping_detail::for_each_field(record, write);
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads the columns of one row in order, checking each value; the first bad value makes
/// `failure()` a storage_failure naming the table and column, and the rest of the row is skipped.
template <class Reader>
class row_decoder {
 public:
  row_decoder(const Reader& row, std::string_view table, int first_column = 0)
      : row_(row), table_(table), column_(first_column) {}

  [[nodiscard]] bool failed() const noexcept { return failed_; }
  [[nodiscard]] error failure() const { return error{errc::storage_failure, detail_}; }

  /// Reads the next column into `out`, as write_value wrote it.
  template <class V>
  void read(V& out) {
    if constexpr (mapping_detail::is_optional<V>::value) {
      if (row_.is_null(column_)) {
        ++column_;
        out.reset();
      } else {
        read(out.emplace());
      }
    } else if constexpr (std::is_same_v<V, std::string>) {
      out = next_null() ? bad("NULL where a text is required", std::string{}) : std::string(row_.text(column_++));
    } else if constexpr (std::is_same_v<V, bool>) {
      out = number<std::uint8_t>() != 0;
    } else if constexpr (std::is_enum_v<V>) {
      out = enumeration<V>();
    } else if constexpr (std::is_integral_v<V> && std::is_unsigned_v<V>) {
      out = number<V>();
    } else if constexpr (std::is_same_v<V, std::int64_t>) {
      out = int64();
    } else if constexpr (std::is_same_v<V, timestamp>) {
      out = from_unix_ms(int64());
    } else if constexpr (std::is_same_v<V, duration>) {
      out = duration{int64()};
    } else if constexpr (std::is_same_v<V, phone_number>) {
      out = phone();
    } else if constexpr (std::is_same_v<V, network_code>) {
      out = network();
    } else {
      static_assert(sizeof(V) == 0, "sql: no column type for this member");
    }
  }

 private:
  std::int64_t int64() { return next_null() ? bad("NULL where a number is required", std::int64_t{0}) : row_.int64(column_++); }

  template <class U>
  U number() {
    const std::int64_t v = int64();
    if constexpr (std::is_same_v<U, std::uint64_t>) {
      return static_cast<U>(v);
    } else {
      if (v < 0 || static_cast<std::uint64_t>(v) > std::numeric_limits<U>::max()) return bad_at(column_ - 1, "out of range", U{});
      return static_cast<U>(v);
    }
  }

  template <class E>
  E enumeration() {
    const std::int64_t v = int64();
    bool known = false;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
        [&](auto d) { known = known || static_cast<std::int64_t>(d.value) == v; });
    return known ? static_cast<E>(v) : bad_at(column_ - 1, "unknown enumerator " + std::to_string(v), E{});
  }

  phone_number phone() {
    const std::uint64_t digits = number<std::uint64_t>();
    if (digits == 0) return {};
    auto parsed = phone_number::from_digits(digits);
    return parsed ? *parsed : bad_at(column_ - 1, "not an E.164 number", phone_number{});
  }

  network_code network() {
    if (next_null()) {
      ++column_;
      return {};
    }
    auto parsed = network_code::parse(row_.text(column_++));
    return parsed && parsed->known() ? *parsed : bad_at(column_ - 1, "not a mobile network", network_code{});
  }

  bool next_null() const { return row_.is_null(column_); }
  template <class V>
  V bad(std::string_view what, V fallback) {
    return bad_at(column_++, what, std::move(fallback));
  }
  template <class V>
  V bad_at(int column, std::string_view what, V fallback) {
    if (!failed_) {
      failed_ = true;
      detail_ = "corrupt row in " + std::string(table_) + ", column " + std::to_string(column) + ": " + std::string(what);
    }
    return fallback;
  }

  const Reader& row_;
  std::string_view table_;
  int column_;
  bool failed_ = false;
  std::string detail_;
};

/// Reads a row of `layout<T>().list()`, checking every value.
template <class T, class Reader>
result<T> read_row(const Reader& row) {
  row_decoder<Reader> decoder(row, table<T>::label);
  T record;
  auto read = [&](auto& field) { decoder.read(field); };
  mapping_detail::for_each_field(record, read);
  if (decoder.failed()) return decoder.failure();
  return record;
}

/// read_row<T> as a function object, for the adapters' row collectors.
template <class T, class Reader>
inline constexpr auto row_reader = [](const Reader& row) { return read_row<T>(row); };

}  // namespace sql
SMSTRACK_END_NAMESPACE

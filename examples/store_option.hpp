// The examples' --store option: which storage adapter to run on.
//   memory               the in-memory store (the default)
//   sqlite:PATH          a SQLite file (created when missing)
//   postgres:CONNINFO    a PostgreSQL database (a libpq connection string or URI)
#pragma once

#include <smstrack/error.hpp>
#include <smstrack/ports/storage.hpp>
#include <smstrack/store/memory_store.hpp>
#if SMSTRACK_EXAMPLES_WITH_SQLITE
#include <smstrack/adapters/sqlite_store.hpp>
#endif
#if SMSTRACK_EXAMPLES_WITH_POSTGRES
#include <smstrack/adapters/postgres_store.hpp>
#endif

#include <memory>
#include <string>
#include <string_view>

namespace smstrack::examples {

inline result<std::unique_ptr<storage>> open_store(std::string_view spec) {
  if (spec == "memory") return std::unique_ptr<storage>(std::make_unique<memory_store>());
  if (spec.starts_with("sqlite:")) {
#if SMSTRACK_EXAMPLES_WITH_SQLITE
    auto opened = sqlite_store::open({.path = std::string(spec.substr(7))});
    if (!opened) return opened.error();
    return std::unique_ptr<storage>(std::move(*opened));
#else
    return error{errc::invalid_settings, "this build has no SQLite adapter (SMSTRACK_WITH_SQLITE=OFF)"};
#endif
  }
  if (spec.starts_with("postgres:")) {
#if SMSTRACK_EXAMPLES_WITH_POSTGRES
    auto opened = postgres_store::open({.conninfo = std::string(spec.substr(9))});
    if (!opened) return opened.error();
    return std::unique_ptr<storage>(std::move(*opened));
#else
    return error{errc::invalid_settings, "this build has no PostgreSQL adapter (SMSTRACK_WITH_POSTGRES=OFF)"};
#endif
  }
  return error{errc::invalid_settings, "unknown store '" + std::string(spec) + "' (memory, sqlite:PATH, postgres:CONNINFO)"};
}

}  // namespace smstrack::examples

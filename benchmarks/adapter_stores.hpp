// The stores the adapter benchmarks run on: the in-memory store, SQLite in a temporary file
// (removed afterwards) and PostgreSQL in a schema of its own (dropped afterwards), and the
// throwaway PostgreSQL server the tests use (tests/adapters/pg_server.sh), started when no
// server is given in SMSTRACK_BENCH_POSTGRES.
#pragma once

#include <smstrack/adapters/postgres_store.hpp>
#include <smstrack/adapters/sqlite_store.hpp>
#include <smstrack/store/memory_store.hpp>

#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unistd.h>

namespace smstrack::bench {

/// A store and what removes its data once the store is closed.
struct bench_store {
  std::unique_ptr<storage> store;
  std::function<void()> cleanup;

  bench_store(std::unique_ptr<storage> s, std::function<void()> on_exit)
      : store(std::move(s)), cleanup(std::move(on_exit)) {}
  ~bench_store() {
    store.reset();
    if (cleanup) cleanup();
  }
  bench_store(const bench_store&) = delete;
  bench_store& operator=(const bench_store&) = delete;
};

inline std::string temp_database_path() {
  static int counter = 0;
  return (std::filesystem::temp_directory_path() /
          ("smstrack-bench-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db"))
      .string();
}

inline std::unique_ptr<bench_store> open_sqlite(sqlite_durability durability) {
  const std::string path = temp_database_path();
  auto store = sqlite_store::open({.path = path, .durability = durability}).value();
  return std::make_unique<bench_store>(std::move(store), [path] {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ignored);
  });
}

inline std::unique_ptr<bench_store> open_postgres(const std::string& conninfo) {
  static int counter = 0;
  const std::string schema = "smstrack_bench_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  auto store = postgres_store::open({.conninfo = conninfo, .schema = schema}).value();
  return std::make_unique<bench_store>(std::move(store), [conninfo, schema] {
    PGconn* conn = PQconnectdb(conninfo.c_str());
    PQclear(PQexec(conn, "SET client_min_messages TO warning"));
    PQclear(PQexec(conn, ("DROP SCHEMA " + schema + " CASCADE").c_str()));
    PQfinish(conn);
  });
}

/// The PostgreSQL server of the benchmarks: SMSTRACK_BENCH_POSTGRES when set ("" when it is set
/// empty: no PostgreSQL), else a throwaway server started as the tests start theirs and stopped
/// when this object goes.
class bench_postgres_server {
 public:
  bench_postgres_server() {
    if (const char* given = std::getenv("SMSTRACK_BENCH_POSTGRES"); given != nullptr) {
      conninfo_ = given;
      return;
    }
    port_ = std::to_string(42000 + ::getpid() % 1000);
    if (std::system(("sh " SMSTRACK_PG_SERVER_SCRIPT " start " + port_).c_str()) != 0) {
      std::fprintf(stderr, "the throwaway PostgreSQL server did not start: the PostgreSQL benchmarks are not run\n");
      port_.clear();
      return;
    }
    conninfo_ = "host=127.0.0.1 port=" + port_ + " user=smstrack dbname=postgres";
  }
  ~bench_postgres_server() {
    if (!port_.empty()) (void)std::system(("sh " SMSTRACK_PG_SERVER_SCRIPT " stop " + port_).c_str());
  }
  bench_postgres_server(const bench_postgres_server&) = delete;
  bench_postgres_server& operator=(const bench_postgres_server&) = delete;

  /// "" when there is no server to run on.
  [[nodiscard]] const std::string& conninfo() const noexcept { return conninfo_; }

 private:
  std::string port_;
  std::string conninfo_;
};

}  // namespace smstrack::bench

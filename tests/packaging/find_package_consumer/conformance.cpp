// An adapter author's view: the installed conformance kit, instantiated in one line, here for
// the memory store and the installed SQLite adapter; and the installed PostgreSQL adapter links.
#include <smstrack/adapters/postgres_store.hpp>
#include <smstrack/adapters/sqlite_store.hpp>
#include <smstrack/conformance/storage_conformance.hpp>
#include <smstrack/store/memory_store.hpp>

#include <filesystem>
#include <unistd.h>

namespace {

std::unique_ptr<smstrack::storage> sqlite_in_temp_file() {
  static int counter = 0;
  const auto path = std::filesystem::temp_directory_path() /
                    ("smstrack-installed-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
  std::filesystem::remove(path);
  return smstrack::sqlite_store::open({.path = path.string()}).value();
}

}  // namespace

SMSTRACK_STORAGE_CONFORMANCE(installed_memory, [] { return std::make_unique<smstrack::memory_store>(); });
SMSTRACK_STORAGE_CONFORMANCE(installed_sqlite, sqlite_in_temp_file);

TEST(installed_postgres, links_and_checks_its_settings) {
  EXPECT_EQ(smstrack::postgres_store::open({}).error(), smstrack::errc::invalid_settings);
}

// Crash safety of the SQLite adapter, across parts: smstrack-crash-ingest works through a
// delivery (acks, receipts with hard and soft failures, clicks, STOP replies; crash_workload.hpp)
// and is killed with SIGKILL at random moments, then restarted on the same file, 25 times; after
// each kill the file must hold every reported change with all its consequences, nothing
// half-applied (crash_harness.hpp).
#include <smstrack/adapters/sqlite_store.hpp>

#include "crash_harness.hpp"
#include "temp_path.hpp"

#include <gtest/gtest.h>

namespace {

TEST(sqlite_crash, every_reported_change_survives_sigkill_with_its_consequences) {
  smstrack_test::temp_database file;
  const auto open_store = [&]() -> std::unique_ptr<smstrack::storage> {
    return smstrack::sqlite_store::open({.path = file.path()}).value();
  };
  smstrack_crash::kill_and_verify(open_store, {"sqlite", file.path()}, 25, 20261124, std::chrono::milliseconds(250));
}

}  // namespace

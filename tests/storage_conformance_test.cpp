#include <smstrack/conformance/storage_conformance.hpp>

#include <smstrack/store/memory_store.hpp>

#include <gtest/gtest.h>

// An adapter that declares it does not support concurrent writers: the suite skips those tests
// (reported as skipped) and runs every other contract.
SMSTRACK_STORAGE_CONFORMANCE_WITH(single_writer, [] { return std::make_unique<smstrack::memory_store>(); },
                                  (smstrack::conformance::capabilities{.concurrent_writers = false}));

namespace smstrack::conformance {
namespace {

TEST(storage_conformance_helpers, build_deterministic_records) {
  EXPECT_EQ(make_log(3, 7), make_log(3, 7));
  EXPECT_EQ(make_logs(3, 5, 4).size(), 4U);
  EXPECT_EQ(make_logs(3, 5, 4).front().id, 5U);
  EXPECT_TRUE(make_log(3, 10).seed);
  EXPECT_LT(at(1), at(2));
}

}  // namespace
}  // namespace smstrack::conformance

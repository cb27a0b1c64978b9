#include <smstrack/ports/storage.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace smstrack {
namespace {

using testing::fault;
using testing::part;

class storage_boundary : public testing::engine_test, public ::testing::WithParamInterface<fault> {};

// Every tracker entry point turns an adapter failure — a returned error or a thrown
// exception — into storage_failure, and never lets an exception out.
TEST_P(storage_boundary, every_entry_point_reports_storage_failure) {
  for (const part p : {part::deliveries, part::logs, part::audit}) {
    const delivery_id id = started(10);
    ASSERT_TRUE(change(id, {{1, log_status::taken_into_account}}).has_value());
    store.faults.arm(p, GetParam());
    const std::vector<error> errors = [&] {
      std::vector<error> out;
      const auto keep = [&](const auto& r) {
        if (!r) out.push_back(r.error());
      };
      keep(engine.create_delivery({"x", "", "", {}}));
      keep(engine.pause(id));
      keep(change(id, {{2, log_status::taken_into_account}}));
      keep(engine.logs(id, {}));
      keep(engine.journal(id, {}));
      return out;
    }();
    store.faults.disarm();
    ASSERT_FALSE(errors.empty());
    for (const error& e : errors) {
      EXPECT_EQ(e, errc::storage_failure) << e.message();
      if (GetParam() == fault::exception) {
        EXPECT_NE(e.message().find("injected adapter exception"), std::string::npos) << e.message();
      }
    }
  }
}

TEST_P(storage_boundary, a_failed_log_write_leaves_the_counters_untouched) {
  const delivery_id id = started(10);
  const indicators before = engine.indicators_of(id).value();
  store.faults.arm(part::logs, GetParam(), 1);  // the read succeeds, the write fails
  const auto failed = change(id, {{1, log_status::taken_into_account}, {2, log_status::failed}});
  store.faults.disarm();
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error(), errc::storage_failure);
  EXPECT_EQ(engine.indicators_of(id).value(), before);
  EXPECT_EQ(engine.recompute(id).value(), before);
}

INSTANTIATE_TEST_SUITE_P(faults, storage_boundary, ::testing::Values(fault::error, fault::exception));

TEST(storage, a_transient_adapter_error_keeps_its_hint) {
  testing::faulty_storage store;
  store.faults.arm(part::deliveries, fault::error);
  const auto failed = store.deliveries().get(1);
  ASSERT_FALSE(failed.has_value());
  EXPECT_TRUE(failed.error() == condition::transient);
}

}  // namespace
}  // namespace smstrack

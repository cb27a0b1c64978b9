#include <smstrack/ports/storage_wrapper.hpp>

#include <smstrack/conformance/storage_conformance.hpp>
#include <smstrack/store/memory_store.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <type_traits>

namespace {

struct memory_holder {
  smstrack::memory_store inner;
};

// A wrapper that changes nothing must keep every contract of what it wraps.
struct forwarded_memory : memory_holder, smstrack::storage_wrapper {
  forwarded_memory() : storage_wrapper(inner) {}
};

}  // namespace

SMSTRACK_STORAGE_CONFORMANCE(forwarded, [] { return std::make_unique<forwarded_memory>(); });

namespace smstrack {
namespace {

// The wrapper an adapter author writes: one method changed, every other forwarded.
class counting_logs : public log_store_wrapper {
 public:
  using log_store_wrapper::log_store_wrapper;
  result<void> update(delivery_id d, std::span<const log_update> changes, std::span<write_outcome> out) override {
    ++updates;
    return log_store_wrapper::update(d, changes, out);
  }
  std::atomic<int> updates{0};
};

class counting_storage : public storage_wrapper {
 public:
  explicit counting_storage(storage& target) : storage_wrapper(target), logs_(target.logs()) {}
  log_store& logs() override { return logs_; }
  counting_logs logs_;
};

TEST(storage_wrapper, an_override_sees_its_calls_and_the_rest_is_forwarded) {
  memory_store inner;
  counting_storage store(inner);
  delivery draft;
  draft.label = "wrapped";
  const delivery_id id = store.deliveries().create(draft).value();
  ASSERT_TRUE(store.logs().insert(id, conformance::make_logs(id, 1, 2)).has_value());
  const log_update change{1, log_status::pending, log_status::failed, failure_type::soft, failure_reason::refused, 0,
                          conformance::at(5), {}, {}};
  write_outcome out[1];
  ASSERT_TRUE(store.logs().update(id, {&change, 1}, out).has_value());
  EXPECT_EQ(store.logs_.updates, 1);
  EXPECT_EQ(out[0], write_outcome::applied);
  EXPECT_EQ(inner.logs().page(id, {}).value().size(), 2U) << "the rows are the target's";
  EXPECT_EQ(&store.target(), &inner);
}

TEST(storage_wrapper, ports_are_not_copyable) {
  static_assert(!std::is_copy_constructible_v<log_store>);
  static_assert(!std::is_copy_assignable_v<storage>);
  static_assert(!std::is_copy_constructible_v<log_store_wrapper>);
  SUCCEED();
}

}  // namespace
}  // namespace smstrack

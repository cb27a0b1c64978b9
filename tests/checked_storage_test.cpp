#include <smstrack/ports/checked_storage.hpp>

#include <smstrack/conformance/storage_conformance.hpp>
#include <smstrack/store/memory_store.hpp>

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

struct memory_holder {
  smstrack::memory_store inner;
};

// The checks must let every call of a conforming adapter through unchanged.
struct checked_memory : memory_holder, smstrack::checked_storage {
  checked_memory() : checked_storage(inner) {}
};

}  // namespace

SMSTRACK_STORAGE_CONFORMANCE(checked, [] { return std::make_unique<checked_memory>(); });

namespace smstrack {
namespace {

// A log and audit store that break their contracts on demand.
class misbehaving_logs : public log_store_wrapper {
 public:
  using log_store_wrapper::log_store_wrapper;
  result<std::vector<delivery_log>> page(delivery_id delivery, const log_page_query& query) override {
    if (throws) throw std::runtime_error("disk on fire");
    auto rows = log_store_wrapper::page(delivery, query);
    if (rows && too_many) rows->resize(query.limit + 1, rows->empty() ? delivery_log{} : rows->front());
    return rows;
  }
  result<void> update(delivery_id, std::span<const log_update>, std::span<write_outcome>) override {
    ++updates;
    return {};
  }
  bool throws = false;
  bool too_many = false;
  int updates = 0;
};

class misbehaving_audit : public audit_store_wrapper {
 public:
  using audit_store_wrapper::audit_store_wrapper;
  result<std::vector<event_id>> append(std::span<const audit_event>) override { return std::vector<event_id>{}; }
};

class misbehaving_storage : public storage_wrapper {
 public:
  explicit misbehaving_storage(storage& target)
      : storage_wrapper(target), logs_(target.logs()), audit_(target.audit()) {}
  log_store& logs() override { return logs_; }
  audit_store& audit() override { return audit_; }
  // Reports `commit_says` with every outcome set to `outcome_says`, writing nothing.
  result<commit_status> commit(const unit_of_work&, std::span<write_outcome> outcomes) override {
    ++commits;
    if (commit_throws) throw std::runtime_error("transaction log full");
    std::fill(outcomes.begin(), outcomes.end(), outcome_says);
    return commit_says;
  }
  misbehaving_logs logs_;
  misbehaving_audit audit_;
  bool commit_throws = false;
  commit_status commit_says = commit_status::committed;
  write_outcome outcome_says = write_outcome::applied;
  int commits = 0;
};

class checked_storage_test : public ::testing::Test {
 protected:
  memory_store inner;
  misbehaving_storage bad{inner};
  checked_storage checked{bad};
};

TEST_F(checked_storage_test, an_exception_becomes_a_storage_failure_naming_the_method) {
  bad.logs_.throws = true;
  const auto page = checked.logs().page(1, {});
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error(), errc::storage_failure);
  EXPECT_EQ(page.error().detail(), "log_store::page threw: disk on fire");
}

TEST_F(checked_storage_test, a_page_longer_than_its_limit_breaks_the_contract) {
  const delivery_id id = inner.deliveries().create(delivery{}).value();
  ASSERT_TRUE(inner.logs().insert(id, conformance::make_logs(id, 1, 3)).has_value());
  bad.logs_.too_many = true;
  const auto page = checked.logs().page(id, {.limit = 2});
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error(), errc::storage_failure);
  EXPECT_EQ(page.error().detail(), "adapter broke its contract: log_store::page returned 3 rows for a limit of 2");
}

TEST_F(checked_storage_test, an_append_must_return_one_id_per_row) {
  const audit_event events[] = {conformance::make_event(1, 0, audit_severity::info, "a"),
                                conformance::make_event(1, 1, audit_severity::info, "b")};
  const auto ids = checked.audit().append(events);
  ASSERT_FALSE(ids.has_value());
  EXPECT_EQ(ids.error().detail(), "adapter broke its contract: audit_store::append returned 0 ids for 2 rows");
}

TEST_F(checked_storage_test, an_output_span_of_the_wrong_size_never_reaches_the_adapter) {
  const log_update change = conformance::status_update(1, log_status::pending, log_status::failed);
  write_outcome out[2];
  const auto updated = checked.logs().update(1, {&change, 1}, out);
  ASSERT_FALSE(updated.has_value());
  EXPECT_EQ(updated.error(), errc::invalid_argument);
  EXPECT_EQ(bad.logs_.updates, 0);
}

// A unit of one log update of delivery 1.
struct one_update_unit {
  log_update change = conformance::status_update(1, log_status::pending, log_status::failed);
  unit_of_work unit{1, std::span<const log_update>(&change, 1)};
  write_outcome out[1] = {write_outcome::not_found};
};

TEST_F(checked_storage_test, a_commit_reporting_success_with_a_refused_log_breaks_the_contract) {
  one_update_unit u;
  bad.outcome_says = write_outcome::conflict;
  const auto committed = checked.commit(u.unit, u.out);
  ASSERT_FALSE(committed.has_value());
  EXPECT_EQ(committed.error().detail(),
            "adapter broke its contract: storage::commit reported a commit with a log update that did not apply");
}

TEST_F(checked_storage_test, a_commit_refusing_a_unit_whose_logs_applied_breaks_the_contract) {
  one_update_unit u;
  bad.commit_says = commit_status::logs_refused;
  const auto committed = checked.commit(u.unit, u.out);
  ASSERT_FALSE(committed.has_value());
  EXPECT_EQ(committed.error().detail(),
            "adapter broke its contract: storage::commit refused a unit whose log updates all applied");
}

TEST_F(checked_storage_test, a_commit_that_throws_is_a_storage_failure) {
  one_update_unit u;
  bad.commit_throws = true;
  const auto committed = checked.commit(u.unit, u.out);
  ASSERT_FALSE(committed.has_value());
  EXPECT_EQ(committed.error().detail(), "storage::commit threw: transaction log full");
}

TEST_F(checked_storage_test, a_commit_leaving_a_click_or_a_reply_without_an_id_breaks_the_contract) {
  const click clicked{1, 0, 1, 1, {}, std::nullopt};
  event_id click_id[1] = {42};  // a stale value must not pass for an id
  unit_of_work unit;
  unit.delivery = 1;
  unit.clicks = std::span<const click>(&clicked, 1);
  unit.click_ids = click_id;
  const auto committed = checked.commit(unit, {});
  ASSERT_FALSE(committed.has_value());
  EXPECT_EQ(committed.error().detail(),
            "adapter broke its contract: storage::commit committed a click or a reply without giving it an id");
  reply_record reply;
  reply.address = phone_number::from_digits(33612345678ULL).value();
  event_id reply_id[1] = {};
  unit_of_work replies;
  replies.replies = std::span<const reply_record>(&reply, 1);
  replies.reply_ids = reply_id;
  EXPECT_EQ(checked.commit(replies, {}).error().detail(),
            "adapter broke its contract: storage::commit committed a click or a reply without giving it an id");
}

TEST_F(checked_storage_test, a_malformed_unit_never_reaches_the_adapter) {
  one_update_unit u;
  u.unit.delivery = 0;
  const auto committed = checked.commit(u.unit, u.out);
  ASSERT_FALSE(committed.has_value());
  EXPECT_EQ(committed.error(), errc::invalid_argument);
  EXPECT_EQ(bad.commits, 0);
}

}  // namespace
}  // namespace smstrack

#include <smstrack/ports/unit_of_work.hpp>

#include <smstrack/conformance/storage_conformance.hpp>
#include <smstrack/ports/storage.hpp>
#include <smstrack/store/memory_store.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace smstrack {
namespace {

using conformance::make_logs;
using conformance::status_update;

// A unit of the three logs of a fresh delivery, one of each kind of part.
class unit_of_work_test : public ::testing::Test {
 protected:
  void SetUp() override {
    d = store.deliveries().create(delivery{}).value();
    ASSERT_TRUE(store.logs().insert(d, make_logs(d, 1, 3)).has_value());
    sample = conformance::make_sample_unit(store.deliveries().get(d).value());
  }
  [[nodiscard]] result<void> check(const unit_of_work& unit) const {
    std::vector<write_outcome> out(unit.logs.size());
    return check_unit(unit, out);
  }
  memory_store store;
  delivery_id d = 0;
  conformance::sample_unit sample;
};

TEST_F(unit_of_work_test, a_well_formed_unit_passes_the_checks) { EXPECT_TRUE(check(sample.unit()).has_value()); }

TEST_F(unit_of_work_test, check_names_what_is_malformed) {
  unit_of_work unit = sample.unit();
  unit.delivery = 0;
  EXPECT_EQ(check(unit).error().detail(), "unit of work for delivery 0");
  unit = sample.unit();
  std::vector<write_outcome> too_few(1);
  EXPECT_EQ(check_unit(unit, too_few).error().detail(), "output span has 1 elements for 3 inputs");
  delivery foreign = sample.record;
  foreign.id = d + 1;
  unit.record = &foreign;
  EXPECT_EQ(check(unit).error().detail(), "unit of work for delivery " + std::to_string(d) +
                                              " carries the record of delivery " + std::to_string(d + 1));
  unit = sample.unit();
  const audit_event stray = conformance::make_event(d + 7, 0, audit_severity::info, "x");
  unit.journal = std::span<const audit_event>(&stray, 1);
  EXPECT_EQ(check(unit).error().detail(), "unit of work for delivery " + std::to_string(d) +
                                              " carries a journal line of delivery " + std::to_string(d + 7));
  unit = sample.unit();
  const quarantine_entry nowhere;
  unit.quarantine = std::span<const quarantine_entry>(&nowhere, 1);
  EXPECT_EQ(check(unit).error().detail(), "quarantine entry without an address");
  unit = sample.unit();
  const qualification_occurrence nameless;
  unit.occurrences = std::span<const qualification_occurrence>(&nameless, 1);
  EXPECT_EQ(check(unit).error().detail(), "qualification entry without a key");
}

TEST_F(unit_of_work_test, check_names_what_is_malformed_in_clicks_and_replies) {
  const click clicked{d, 0, 1, 1, {}, std::nullopt};
  event_id one[1] = {};
  unit_of_work unit;
  unit.clicks = std::span<const click>(&clicked, 1);
  unit.click_ids = one;
  EXPECT_EQ(check(unit).error().detail(), "unit of work for delivery 0");
  unit.delivery = d + 3;
  EXPECT_EQ(check(unit).error().detail(), "unit of work for delivery " + std::to_string(d + 3) +
                                              " carries a click of delivery " + std::to_string(d));
  unit.delivery = d;
  unit.click_ids = {};
  EXPECT_EQ(check(unit).error().detail(), "output span has 0 elements for 1 inputs");
  reply_record reply;
  unit_of_work replies;
  replies.replies = std::span<const reply_record>(&reply, 1);
  replies.reply_ids = one;
  EXPECT_EQ(check(replies).error(), errc::invalid_argument) << "a reply without an address";
  reply.address = phone_number::from_digits(33612345678ULL).value();
  EXPECT_TRUE(check(replies).has_value()) << "a unit of replies alone needs no delivery";
  replies.reply_ids = {};
  EXPECT_EQ(check(replies).error().detail(), "output span has 0 elements for 1 inputs");
}

TEST_F(unit_of_work_test, part_by_part_appends_clicks_and_replies_and_gives_their_ids) {
  const tracked_url url{d, 1, "shop", tracked_url_type::click, tracking_mode::enabled, "https://example.com"};
  ASSERT_TRUE(store.tracking().upsert_urls(d, std::span<const tracked_url>(&url, 1)).has_value());
  const click clicks[] = {{d, 0, 1, 1, {}, std::nullopt}, {d, 0, 2, 1, {}, std::nullopt}};
  reply_record reply;
  reply.address = phone_number::from_digits(33612345678ULL).value();
  event_id click_ids[2] = {};
  event_id reply_id[1] = {};
  unit_of_work unit;
  unit.delivery = d;
  unit.clicks = clicks;
  unit.click_ids = click_ids;
  unit.replies = std::span<const reply_record>(&reply, 1);
  unit.reply_ids = reply_id;
  ASSERT_EQ(commit_part_by_part(store, unit, {}).value(), commit_status::committed);
  const auto stored = store.tracking().clicks(d, 0, 10).value();
  ASSERT_EQ(stored.size(), 2U);
  EXPECT_EQ(click_ids[0], stored[0].id);
  EXPECT_EQ(click_ids[1], stored[1].id);
  EXPECT_EQ(reply_id[0], store.replies().page({}).value().at(0).id);
}

TEST_F(unit_of_work_test, part_by_part_writes_every_part_of_a_unit_that_applies) {
  std::vector<write_outcome> out(3);
  ASSERT_EQ(commit_part_by_part(store, sample.unit(), out).value(), commit_status::committed);
  const auto after = conformance::footprint_of(store, d);
  EXPECT_EQ(after.record.label, "after the unit");
  EXPECT_EQ(after.journal.size(), 2U);
  EXPECT_TRUE(after.quarantine.has_value());
  EXPECT_EQ(after.qualification->occurrences, 2U);
}

TEST_F(unit_of_work_test, part_by_part_checks_the_revision_before_writing) {
  delivery moved = sample.record;
  ASSERT_TRUE(store.deliveries().update(moved).has_value());
  const auto before = conformance::footprint_of(store, d);
  std::vector<write_outcome> out(3);
  EXPECT_EQ(commit_part_by_part(store, sample.unit(), out).error(), errc::revision_conflict);
  EXPECT_TRUE(conformance::same_footprint(conformance::footprint_of(store, d), before));
}

// The documented weakness of the default: a refused log leaves the updates before it applied,
// and nothing after the logs is written.
TEST_F(unit_of_work_test, part_by_part_is_not_atomic_over_the_logs) {
  sample.logs[2].expected = log_status::failed;
  std::vector<write_outcome> out(3);
  ASSERT_EQ(commit_part_by_part(store, sample.unit(), out).value(), commit_status::logs_refused);
  const auto after = conformance::footprint_of(store, d);
  EXPECT_EQ(after.statuses[0], log_status::taken_into_account);
  EXPECT_EQ(after.statuses[2], log_status::pending);
  EXPECT_TRUE(after.journal.empty());
  EXPECT_FALSE(after.qualification.has_value());
}

TEST_F(unit_of_work_test, the_memory_store_commits_whole_where_the_default_cannot) {
  sample.logs[2].expected = log_status::failed;
  const auto before = conformance::footprint_of(store, d);
  std::vector<write_outcome> out(3);
  ASSERT_EQ(store.commit(sample.unit(), out).value(), commit_status::logs_refused);
  EXPECT_TRUE(conformance::same_footprint(conformance::footprint_of(store, d), before));
}

// Logs 1 and 65 537 share the memory store's filter bit for "changed earlier in this unit":
// each change must still meet its own log's status.
TEST_F(unit_of_work_test, the_memory_store_chains_the_changes_of_one_log_within_a_unit) {
  ASSERT_TRUE(store.logs().insert(d, make_logs(d, 65537, 1)).has_value());
  const log_update refused[] = {status_update(1, log_status::pending, log_status::taken_into_account),
                                status_update(65537, log_status::taken_into_account, log_status::failed)};
  std::vector<write_outcome> out(2);
  ASSERT_EQ(store.commit(unit_of_work{d, refused}, out).value(), commit_status::logs_refused);
  EXPECT_EQ(out, (std::vector<write_outcome>{write_outcome::applied, write_outcome::conflict}));
  const log_update chained[] = {status_update(1, log_status::pending, log_status::taken_into_account),
                                status_update(65537, log_status::pending, log_status::taken_into_account),
                                status_update(1, log_status::taken_into_account, log_status::received_on_mobile),
                                status_update(65537, log_status::taken_into_account, log_status::failed)};
  out.resize(4);
  ASSERT_EQ(store.commit(unit_of_work{d, chained}, out).value(), commit_status::committed);
  const log_id ids[] = {1, 65537};
  std::optional<log_digest> digests[2];
  ASSERT_TRUE(store.logs().read_digests(d, ids, digests).has_value());
  EXPECT_EQ(digests[0]->status, log_status::received_on_mobile);
  EXPECT_EQ(digests[1]->status, log_status::failed);
}

TEST_F(unit_of_work_test, an_empty_unit_commits_nothing) {
  const auto before = conformance::footprint_of(store, d);
  EXPECT_EQ(store.commit(unit_of_work{d}, {}).value(), commit_status::committed);
  EXPECT_TRUE(conformance::same_footprint(conformance::footprint_of(store, d), before));
}

}  // namespace
}  // namespace smstrack

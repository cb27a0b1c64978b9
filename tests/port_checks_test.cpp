#include <smstrack/ports/port_checks.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace {

using namespace smstrack;

TEST(port_checks, output_must_match_the_inputs) {
  const std::vector<int> in(3);
  std::vector<int> out(2);
  const auto mismatch = port_checks::output_matches(in, out);
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error(), errc::invalid_argument);
  EXPECT_EQ(mismatch.error().detail(), "output span has 2 elements for 3 inputs");
  out.resize(3);
  EXPECT_TRUE(port_checks::output_matches(in, out));
}

TEST(port_checks, rows_must_belong_to_the_delivery_and_have_an_id) {
  std::vector<delivery_log> logs(2);
  logs[0].delivery = 7;
  logs[0].id = 1;
  logs[1].delivery = 8;
  logs[1].id = 2;
  const auto foreign = port_checks::logs_owned_by(logs, 7);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error(), errc::invalid_argument);
  EXPECT_EQ(foreign.error().detail(), "log 2 of delivery 8 written to delivery 7");
  logs[1].delivery = 7;
  logs[1].id = 0;
  EXPECT_EQ(port_checks::logs_owned_by(logs, 7).error().detail(), "log 0 of delivery 7 written to delivery 7");
  logs[1].id = 2;
  EXPECT_TRUE(port_checks::logs_owned_by(logs, 7));

  std::vector<exclusion_log> exclusions(1);
  exclusions[0].delivery = 3;
  exclusions[0].id = 4;
  EXPECT_EQ(port_checks::exclusions_owned_by(exclusions, 5).error().detail(),
            "exclusion log 4 of delivery 3 written to delivery 5");
  std::vector<tracked_url> urls(1);
  urls[0].delivery = 5;
  EXPECT_EQ(port_checks::urls_owned_by(urls, 5).error().detail(), "URL 0 of delivery 5 written to delivery 5");
}

TEST(port_checks, keyed_entries_need_their_key) {
  std::vector<quarantine_entry> quarantine(1);
  EXPECT_EQ(port_checks::quarantine_keys_present(quarantine).error().detail(), "quarantine entry without an address");
  quarantine[0].address = phone_number::parse("+33612345678").value();
  EXPECT_TRUE(port_checks::quarantine_keys_present(quarantine));

  std::vector<qualification_entry> entries(1);
  EXPECT_EQ(port_checks::qualification_keys_present(entries).error(), errc::invalid_argument);
  std::vector<qualification_occurrence> items(1);
  EXPECT_EQ(port_checks::qualification_keys_present(items).error().detail(), "qualification entry without a key");
  items[0].provision.key = "SR smpp DELIVRD 000";
  EXPECT_TRUE(port_checks::qualification_keys_present(items));
}

TEST(port_checks, shared_errors_carry_their_code_and_wording) {
  EXPECT_EQ(port_checks::different_content("log", 9).detail(), "log 9 exists with a different content");
  EXPECT_EQ(port_checks::different_content("log", 9), errc::duplicate_id);
  EXPECT_EQ(port_checks::provider_id_recorded_elsewhere("abc").detail(), "provider id 'abc' is recorded on another log");
  EXPECT_EQ(port_checks::unknown_delivery(4), errc::unknown_delivery);
  EXPECT_EQ(port_checks::revision_conflict(4, 3, 2).detail(), "delivery 4 is at revision 3, not 2");
  EXPECT_EQ(port_checks::unregistered_url(2, 4).detail(), "URL 2 is not registered for delivery 4");
  EXPECT_EQ(port_checks::unregistered_url(2, 4), errc::unknown_entry);
}

}  // namespace

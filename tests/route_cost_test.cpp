#include <smstrack/policy/route_cost.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace smstrack {
namespace {

using namespace std::chrono_literals;

const mobile_network orange{"208", "01"};

price_table prices() {
  return price_table::make({"EUR",
                            {{"FR", std::nullopt, std::nullopt, 45'000},
                             {"FR", orange, std::nullopt, 40'000},
                             {"FR", std::nullopt, sms_encoding::ucs2, 50'000}}})
      .value();
}

log_digest message(log_id id, log_status status, std::uint16_t parts, sms_encoding encoding, bool acked) {
  log_digest log;
  log.id = id;
  log.status = status;
  log.parts = parts;
  log.encoding = encoding;
  if (status == log_status::failed) {
    log.type = failure_type::hard;
    log.reason = failure_reason::user_unknown;
  }
  if (acked) log.acked = from_unix_ms(1'000);
  return log;
}

route_tally tally_of(std::initializer_list<log_digest> logs) {
  route_tally tally;
  bool drifted = false;
  for (const log_digest& log : logs) tally.count(log, +1, drifted);
  EXPECT_FALSE(drifted);
  return tally;
}

TEST(route_cost, prices_every_part_submitted_and_failed_by_the_most_specific_rule) {
  const route_tally tally = tally_of({message(1, log_status::received_on_mobile, 2, sms_encoding::gsm7, true),
                                      message(2, log_status::failed, 1, sms_encoding::gsm7, true),
                                      message(3, log_status::pending, 3, sms_encoding::gsm7, false),
                                      message(4, log_status::received_on_mobile, 1, sms_encoding::ucs2, true)});
  const cost_figures on_orange = cost_of(tally, "FR", network_code::of(orange), prices());
  EXPECT_EQ(on_orange.currency, "EUR");
  EXPECT_EQ(on_orange.estimated, 6 * 45'000U + 50'000U) << "by region and encoding, as the analysis knows it";
  EXPECT_EQ(on_orange.submitted, 3 * 40'000U + 40'000U) << "Orange's own price, any encoding";
  EXPECT_EQ(on_orange.failed, 40'000U);
  const cost_figures unknown_network = cost_of(tally, "FR", {}, prices());
  EXPECT_EQ(unknown_network.submitted, 3 * 45'000U + 50'000U);
  EXPECT_EQ(unknown_network.unpriced_parts, 0U);
}

TEST(route_cost, unpriced_and_unsized_messages_are_counted_apart_never_free) {
  const route_tally tally = tally_of({message(1, log_status::received_on_mobile, 2, sms_encoding::gsm7, true),
                                      message(2, log_status::received_on_mobile, 0, sms_encoding::gsm7, true)});
  const cost_figures abroad = cost_of(tally, "DE", {}, prices());
  EXPECT_EQ(abroad.estimated, 0U);
  EXPECT_EQ(abroad.submitted, 0U);
  EXPECT_EQ(abroad.unpriced_parts, 2U);
  EXPECT_EQ(abroad.unsized_messages, 1U);
}

TEST(route_cost, sums_add_up_and_saturate) {
  cost_figures total{"EUR", 1, 2, 3, 4, 5};
  add_cost(total, {"EUR", 10, 20, 30, 40, 50});
  EXPECT_EQ(total, (cost_figures{"EUR", 11, 22, 33, 44, 55}));
  add_cost(total, {"EUR", std::numeric_limits<std::uint64_t>::max(), 0, 0, 0, 0});
  EXPECT_EQ(total.estimated, std::numeric_limits<std::uint64_t>::max());
}

}  // namespace
}  // namespace smstrack

// Incoming replies through the tracker (SPEC §9): keyword rules, opt-outs per short code,
// re-subscription, attribution to a delivery, the opt-out indicator, and refused input.
#include <smstrack/engine/tracker.hpp>

#include "engine_fixture.hpp"

namespace smstrack {
namespace {

using testing::make_target;

class tracker_replies_test : public testing::engine_test {
 protected:
  // A started delivery on short code 36111 whose first `sent` logs were taken into account.
  delivery_id sent_delivery(std::size_t recipients, std::size_t sent) {
    delivery_draft draft{"Offer", "Hello", "ACME", {}};
    draft.settings.short_code = "36111";
    const delivery_id id = engine.create_delivery(draft).value();
    EXPECT_TRUE(engine.analyse(id, make_target(recipients)).has_value());
    EXPECT_TRUE(engine.start(id, "op").has_value());
    std::vector<status_change> changes;
    for (log_id log = 1; log <= sent; ++log) changes.push_back({log, log_status::taken_into_account, {}, {}, {}, {}});
    EXPECT_TRUE(change(id, changes).has_value());
    return id;
  }
  std::optional<quarantine_entry> entry(std::string_view address, std::string short_code) {
    const quarantine_key key{phone_number::parse(address).value(), std::move(short_code)};
    std::optional<quarantine_entry> out[1];
    EXPECT_TRUE(store.inner.quarantine().get({&key, 1}, out).has_value());
    return out[0];
  }
  std::vector<reply_record> stored_replies() { return engine.replies({std::nullopt, 0, 1000}).value(); }
};

TEST_F(tracker_replies_test, stop_opts_the_number_out_of_the_short_code_and_counts_for_the_delivery) {
  const delivery_id id = sent_delivery(5, 3);
  ASSERT_EQ(engine.indicators_of(id).value().opt_outs, 0U);
  clock.advance(std::chrono::minutes{5});
  const reply_outcome outcome = engine.on_reply({"33600000001", "36111", "Stop please", std::nullopt}).value();
  EXPECT_EQ(outcome.rule, 0U);
  EXPECT_EQ(outcome.action, reply_action::send_to_quarantine);
  EXPECT_EQ(outcome.delivery, id);
  EXPECT_NE(outcome.reply.find("unsubscribed"), std::string::npos);
  const auto opted = entry("+33600000001", "36111");
  ASSERT_TRUE(opted.has_value());
  EXPECT_EQ(opted->status, quarantine_status::denylisted);
  EXPECT_EQ(opted->last_error_reason, failure_reason::opted_out);
  EXPECT_EQ(opted->last_error_text, "Stop please");
  EXPECT_EQ(opted->last_delivery, id);
  EXPECT_FALSE(entry("+33600000001", "").has_value()) << "other short codes are not touched";
  const indicators figures = engine.indicators_of(id).value();
  EXPECT_EQ(figures.opt_outs, 1U);
  EXPECT_EQ(figures, engine.recompute(id).value());
  EXPECT_EQ(figures.new_quarantines, 0U) << "an opt-out is not a failure";
  const auto replies = stored_replies();
  ASSERT_EQ(replies.size(), 1U);
  EXPECT_EQ(replies[0].id, outcome.id);
  EXPECT_EQ(replies[0].action, reply_action::send_to_quarantine);
  EXPECT_EQ(replies[0].address, phone_number::parse("+33600000001").value());
}

TEST_F(tracker_replies_test, a_second_stop_changes_nothing_and_is_not_counted_again) {
  const delivery_id id = sent_delivery(3, 3);
  ASSERT_EQ(engine.on_reply({"+33600000002", "36111", "STOP", std::nullopt}).value().action,
            reply_action::send_to_quarantine);
  const reply_outcome again = engine.on_reply({"+33600000002", "36111", "stop", std::nullopt}).value();
  EXPECT_EQ(again.rule, 0U);
  EXPECT_EQ(again.action, reply_action::none);
  EXPECT_EQ(engine.indicators_of(id).value().opt_outs, 1U);
  EXPECT_EQ(engine.recompute(id).value().opt_outs, 1U);
  EXPECT_EQ(stored_replies().size(), 2U);
}

TEST_F(tracker_replies_test, start_lifts_the_opt_out_and_the_next_analysis_targets_the_number_again) {
  const delivery_id id = sent_delivery(3, 3);
  ASSERT_TRUE(engine.on_reply({"+33600000000", "36111", "ARRET", std::nullopt}).has_value());
  delivery_draft draft{"Next offer", "Hello", "ACME", {}};
  draft.settings.short_code = "36111";
  const delivery_id next = engine.create_delivery(draft).value();
  EXPECT_EQ(engine.analyse(next, make_target(3)).value().rejected, 1U);
  const reply_outcome back = engine.on_reply({"+33600000000", "36111", "start", std::nullopt}).value();
  EXPECT_EQ(back.action, reply_action::remove_from_quarantine);
  EXPECT_EQ(entry("+33600000000", "36111")->status, quarantine_status::valid);
  EXPECT_EQ(engine.analyse(next, make_target(3)).value().rejected, 0U);
  EXPECT_EQ(engine.on_reply({"+33600000000", "36111", "START", std::nullopt}).value().action, reply_action::none)
      << "nothing left to lift";
  EXPECT_EQ(engine.indicators_of(id).value().opt_outs, 1U) << "re-subscribing does not undo the opt-out count";
}

TEST_F(tracker_replies_test, replies_without_a_keyword_are_stored_and_change_nothing) {
  (void)sent_delivery(3, 3);
  const reply_outcome outcome = engine.on_reply({"+33600000000", "36111", "Thanks, see you!", std::nullopt}).value();
  EXPECT_FALSE(outcome.rule.has_value());
  EXPECT_EQ(outcome.action, reply_action::none);
  EXPECT_TRUE(outcome.reply.empty());
  EXPECT_FALSE(entry("+33600000000", "36111").has_value());
  EXPECT_EQ(stored_replies().at(0).text, "Thanks, see you!");
}

TEST_F(tracker_replies_test, a_reply_is_attributed_to_the_delivery_that_reached_the_number_last) {
  const delivery_id first = sent_delivery(3, 3);
  clock.advance(std::chrono::hours{1});
  const delivery_id second = sent_delivery(3, 1);  // reached only +33600000000
  clock.advance(std::chrono::hours{1});
  EXPECT_EQ(engine.on_reply({"+33600000000", "36111", "hello", std::nullopt}).value().delivery, second);
  EXPECT_EQ(engine.on_reply({"+33600000001", "36111", "hello", std::nullopt}).value().delivery, first)
      << "the second delivery's log to it is still pending";
  EXPECT_EQ(engine.on_reply({"+33600000001", "36111", "hello", second}).value().delivery, second)
      << "the gateway's word wins";
  clock.advance(std::chrono::hours{24 * 8});
  EXPECT_FALSE(engine.on_reply({"+33600000000", "36111", "STOP", std::nullopt}).value().delivery.has_value())
      << "beyond the attribution window";
  EXPECT_EQ(engine.indicators_of(first).value().opt_outs + engine.indicators_of(second).value().opt_outs, 0U);
  EXPECT_EQ(engine.on_reply({"+33600000000", "36111", "x", delivery_id{999}}).error(), errc::unknown_delivery);
}

TEST_F(tracker_replies_test, keyword_rules_can_be_replaced_and_are_checked) {
  (void)sent_delivery(2, 2);
  std::vector<keyword_rule> rules = {{"INFO", "36111", reply_action::none, "ACME: 0800 123 456"},
                                     {"NO", "", reply_action::send_to_quarantine, ""}};
  ASSERT_TRUE(engine.set_keyword_rules(rules).has_value());
  EXPECT_EQ(engine.on_reply({"+33600000000", "36111", "info?", std::nullopt}).value().reply, "ACME: 0800 123 456");
  EXPECT_EQ(engine.on_reply({"+33600000000", "36111", "STOP", std::nullopt}).value().rule, std::nullopt);
  EXPECT_EQ(engine.on_reply({"+33600000000", "", "no more", std::nullopt}).value().action,
            reply_action::send_to_quarantine);
  EXPECT_EQ(entry("+33600000000", "")->status, quarantine_status::denylisted) << "an empty short code: all of them";
  const std::vector<keyword_rule> bad = {{"TWO WORDS", "", reply_action::none, ""}};
  EXPECT_EQ(engine.set_keyword_rules(bad).error(), errc::invalid_settings);
  EXPECT_EQ(engine.on_reply({"+33600000000", "36111", "info", std::nullopt}).value().rule, 0U) << "rules kept";
}

TEST_F(tracker_replies_test, refused_replies_store_nothing) {
  (void)sent_delivery(2, 2);
  const struct {
    incoming_reply reply;
    errc code;
  } cases[] = {{{"", "36111", "STOP", std::nullopt}, errc::invalid_address},
               {{"+33 6 00", "36111", "STOP", std::nullopt}, errc::invalid_address},
               {{"abc", "36111", "STOP", std::nullopt}, errc::invalid_address},
               {{"+3361", "36111", "STOP", std::nullopt}, errc::invalid_address},
               {{"+33600000000", "36111", "STOP \xff", std::nullopt}, errc::invalid_text},
               {{"+33600000000", "36111", std::string_view("STOP\0", 5), std::nullopt}, errc::invalid_text},
               {{"+33600000000", "3611136111361113611136", "STOP", std::nullopt}, errc::invalid_text},
               {{"+33600000000", "\xff", "STOP", std::nullopt}, errc::invalid_text}};
  const std::string long_text(1601, 'x');
  for (const auto& c : cases) {
    const auto outcome = engine.on_reply(c.reply);
    ASSERT_FALSE(outcome.has_value()) << c.reply.from << " / " << c.reply.text;
    EXPECT_EQ(outcome.error(), c.code) << outcome.error().message();
  }
  EXPECT_EQ(engine.on_reply({"+33600000000", "36111", long_text, std::nullopt}).error(), errc::invalid_text);
  EXPECT_TRUE(stored_replies().empty());
  EXPECT_FALSE(entry("+33600000000", "36111").has_value());
}

// The reply and the opt-out it asks for are one unit of work: refused, neither is stored, and
// the STOP sent again opts the number out.
TEST_F(tracker_replies_test, a_stop_the_store_refuses_stores_neither_the_reply_nor_the_opt_out) {
  const delivery_id id = sent_delivery(2, 2);
  store.faults.arm(testing::part::commit, testing::fault::exception);
  const auto outcome = engine.on_reply({"+33600000000", "36111", "STOP", std::nullopt});
  store.faults.disarm();
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error(), errc::storage_failure);
  EXPECT_FALSE(entry("+33600000000", "36111").has_value());
  EXPECT_TRUE(stored_replies().empty());
  EXPECT_EQ(engine.indicators_of(id).value().opt_outs, 0U);
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
  EXPECT_EQ(engine.on_reply({"+33600000000", "36111", "STOP", std::nullopt}).value().action,
            reply_action::send_to_quarantine);
  EXPECT_EQ(entry("+33600000000", "36111")->status, quarantine_status::denylisted);
  EXPECT_EQ(stored_replies().size(), 1U);
  EXPECT_EQ(engine.indicators_of(id).value().opt_outs, 1U);
  EXPECT_EQ(engine.indicators_of(id).value(), engine.recompute(id).value());
}

TEST_F(tracker_replies_test, an_opt_out_for_an_evicted_delivery_is_counted_once_on_reload) {
  const delivery_id id = sent_delivery(2, 2);
  ASSERT_TRUE(engine.evict(id));
  ASSERT_EQ(engine.on_reply({"+33600000001", "36111", "STOP", std::nullopt}).value().delivery, id);
  EXPECT_EQ(engine.indicators_of(id).value().opt_outs, 1U);
}

}  // namespace
}  // namespace smstrack

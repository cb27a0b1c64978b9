// Delivery › Routes (routes_view.hpp, SPEC §13): route health by connector, country and network,
// across deliveries, and the same whatever the order, the repeats and the threads of the facts.
#include <smstrack/views/routes_view.hpp>

#include <smstrack/model/json.hpp>
#include <smstrack/views/dashboard.hpp>
#include <smstrack/store/memory_store.hpp>

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

namespace smstrack {
namespace {

using namespace std::chrono_literals;
using testing::make_target;

// Two deliveries on two connectors, to French and British numbers, acknowledged with networks.
class routes_view_test : public testing::engine_test {
 protected:
  delivery_id started_on(std::string_view connector, std::vector<recipient> target) {
    delivery_draft draft{"Routes", "Hello", "ACME", {}};
    draft.settings.connector = std::string(connector);
    const delivery_id id = engine.create_delivery(draft).value();
    EXPECT_TRUE(engine.analyse(id, target).has_value());
    EXPECT_TRUE(engine.start(id, "tester").has_value());
    return id;
  }
  void ack(delivery_id id, std::vector<message_ack> acks) {
    std::vector<ack_outcome> out(acks.size());
    ASSERT_TRUE(engine.on_ack(id, acks, out).has_value());
    for (const ack_outcome o : out) EXPECT_EQ(o, ack_outcome::accepted);
  }
  void receive(std::string_view connector, std::vector<incoming_receipt> receipts) {
    std::vector<receipt_outcome> out(receipts.size());
    ASSERT_TRUE(engine.on_receipts(connector, receipts, out).has_value());
  }
};

TEST_F(routes_view_test, splits_each_connector_by_country_and_network) {
  std::vector<recipient> target = make_target(3);                       // +33 6...
  const std::vector<recipient> british = make_target(2, 447'700'900'100ULL);  // +44 7...
  for (const recipient& r : british) target.push_back({r.key + 3, r.address, false});
  const delivery_id fast = started_on("fast", target);
  const delivery_id slow = started_on("slow", make_target(2));
  ack(fast, {{1, "f1", 0, false, "208-01"}, {2, "f2", 0, false, "208-01"}, {3, "f3", 0, false, ""},
             {4, "f4", 0, false, "234-15"}, {5, "f5", 0, false, "234-15"}});
  ack(slow, {{1, "s1", 0, false, "208-10"}, {2, "s2", 0, false, "208-10"}});
  clock.advance(3s);
  receive("fast", {{"id:f1 stat:DELIVRD", {}}, {"id:f2 stat:UNDELIV err:001", {}}, {"id:f4 stat:DELIVRD", {}},
                   {"id:f5 stat:DELIVRD", {}}});
  clock.advance(2min);
  receive("slow", {{"id:s1 stat:DELIVRD", {}}});

  const delivery_id both[] = {slow, fast};
  const routes_view view = make_routes_view(engine, both).value();
  EXPECT_EQ(view.deliveries, (std::vector<delivery_id>{fast, slow}));
  ASSERT_EQ(view.connectors.size(), 2U);
  EXPECT_EQ(view.connectors[0].connector, "fast");
  EXPECT_EQ(view.connectors[0].messages, 5U);
  EXPECT_EQ(view.connectors[0].delivered, 3U);
  EXPECT_DOUBLE_EQ(view.connectors[0].receipt_coverage, 80.0) << "4 of 5 acknowledged have a final receipt";
  EXPECT_EQ(view.connectors[1].connector, "slow");
  EXPECT_DOUBLE_EQ(view.connectors[1].receipt_coverage, 50.0);
  EXPECT_GT(view.connectors[1].ack_to_final.p50, view.connectors[0].ack_to_final.p50) << "the slow route is slower";

  ASSERT_EQ(view.routes.size(), 4U);
  const auto route = [&](std::size_t i) {
    const route_health& r = view.routes[i];
    return r.connector + " " + r.region + " " + r.network.to_string();
  };
  EXPECT_EQ(route(0), "fast FR ") << "the unknown network first";
  EXPECT_EQ(route(1), "fast FR 208-01");
  EXPECT_EQ(route(2), "fast GB 234-15");
  EXPECT_EQ(route(3), "slow FR 208-10");
  EXPECT_EQ(view.routes[1].errors_by_reason.size(), 1U);
  EXPECT_EQ(view.routes[1].errors, 1U);
  EXPECT_DOUBLE_EQ(view.routes[2].delivered_rate, 100.0);
  EXPECT_EQ(view.routes[3].ack_to_final.count, 1U);

  clock.advance(72h);
  ASSERT_EQ(engine.check_receipt_horizon(fast).value(), 1U);
  const routes_view later = make_routes_view(engine, std::span(&fast, 1)).value();
  EXPECT_EQ(later.routes[0].receipt_timeouts, 1U) << "f3 never had its receipt";
  EXPECT_EQ(later.connectors[0].receipt_timeouts, 1U);
  for (const delivery_id id : {fast, slow}) EXPECT_TRUE(engine.recompute(id).has_value());
  EXPECT_EQ(to_json_text(make_routes_view(engine, std::span(&fast, 1)).value()), to_json_text(later))
      << "the incremental routes equal a recompute";
}

// Each route is priced by its connector's table; a connector costs what its routes cost, and the
// Summary's cost is the delivery's.
TEST_F(routes_view_test, routes_and_indicators_are_priced_by_the_connector_s_table) {
  connector_profile priced{"fast", id_normalization::as_is, {}, std::nullopt,
                           price_list{"EUR", {{"FR", std::nullopt, std::nullopt, 45'000},
                                              {"FR", mobile_network{"208", "01"}, std::nullopt, 40'000}}}};
  ASSERT_TRUE(engine.register_connector(priced).has_value());
  std::vector<recipient> target = make_target(2);
  target.push_back({3, "+447700900100", false});  // no British price
  const delivery_id id = started_on("fast", target);
  ack(id, {{1, "c1", 0, false, "208-01"}, {2, "c2", 0, false, ""}, {3, "c3", 0, false, ""}});
  receive("fast", {{"id:c2 stat:UNDELIV err:001", {}}});
  const routes_view view = make_routes_view(engine, std::span(&id, 1)).value();
  ASSERT_EQ(view.routes.size(), 3U);
  EXPECT_EQ(view.routes[0].cost, (cost_figures{"EUR", 45'000, 45'000, 45'000, 0, 0})) << "FR, network unknown, failed";
  EXPECT_EQ(view.routes[1].cost, (cost_figures{"EUR", 45'000, 40'000, 0, 0, 0})) << "Orange's price once known";
  EXPECT_EQ(view.routes[2].cost, (cost_figures{"EUR", 0, 0, 0, 1, 0})) << "GB: unpriced";
  EXPECT_EQ(view.connectors[0].cost, (cost_figures{"EUR", 90'000, 85'000, 45'000, 1, 0}));
  EXPECT_EQ(engine.indicators_of(id).value().cost, view.connectors[0].cost);
  EXPECT_EQ(engine.recompute(id).value().cost, view.connectors[0].cost);

  connector_profile wrong = priced;
  wrong.prices->currency = "euro";
  const auto refused = engine.register_connector(wrong);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), errc::invalid_settings);
  EXPECT_NE(refused.error().detail().find("connector fast: "), std::string::npos) << refused.error().detail();
  EXPECT_EQ(engine.indicators_of(id).value().cost.currency, "EUR") << "the refused profile changed nothing";
}

TEST_F(routes_view_test, the_dashboard_carries_the_delivery_s_routes) {
  const delivery_id id = started_on("fast", make_target(2));
  ack(id, {{1, "d1", 0, false, "208-01"}});
  const routes_view view = make_dashboard(engine, id).value().routes;
  EXPECT_EQ(view, make_routes_view(engine, std::span(&id, 1)).value());
  ASSERT_EQ(view.routes.size(), 2U);
  EXPECT_EQ(view.routes[1].acknowledged, 1U);
}

TEST_F(routes_view_test, an_unknown_delivery_is_named) {
  const delivery_id id = started_on("fast", make_target(1));
  const delivery_id asked[] = {id, 404};
  const auto missing = make_routes_view(engine, asked);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error(), errc::unknown_delivery);
  EXPECT_EQ(make_routes_view(engine, {}).value(), routes_view{}) << "no delivery: no route";
}

// The same receipts, in order on one thread, or shuffled, repeated and split over two threads,
// leave the same routes.
TEST(routes_view_property, shuffled_duplicated_and_threaded_receipts_give_the_same_routes) {
  const auto run = [](bool scramble) {
    memory_store store;
    manual_clock clock{from_unix_ms(1'795'435'200'000)};
    tracker engine{store, clock};
    delivery_draft draft{"Property", "Hello", "ACME", {}};
    draft.settings.connector = "smpp-p";
    const delivery_id id = engine.create_delivery(draft).value();
    EXPECT_TRUE(engine.analyse(id, make_target(300)).has_value());
    EXPECT_TRUE(engine.start(id, "tester").has_value());
    std::vector<std::string> ids;
    for (log_id log = 1; log <= 300; ++log) ids.push_back("p" + std::to_string(log));
    const char* networks[] = {"208-01", "208-10", "208-15", ""};
    std::vector<message_ack> acks;
    for (log_id log = 1; log <= 300; ++log) acks.push_back({log, ids[log - 1], 0, false, networks[log % 4]});
    std::vector<ack_outcome> acked(acks.size());
    EXPECT_TRUE(engine.on_ack(id, acks, acked).has_value());
    clock.advance(5s);
    const char* stats[] = {"DELIVRD", "UNDELIV err:001", "EXPIRED", "ENROUTE", "DELIVRD"};
    std::vector<std::string> texts;
    for (log_id log = 1; log <= 300; ++log) texts.push_back("id:p" + std::to_string(log) + " stat:" + stats[log % 5]);
    std::vector<incoming_receipt> receipts;
    for (std::size_t i = 0; i < texts.size(); ++i) receipts.push_back({texts[i], {}, i % 9 == 0 ? "208-20" : ""});
    if (scramble) {
      const std::vector<incoming_receipt> once = receipts;
      receipts.insert(receipts.end(), once.begin(), once.begin() + 100);
      std::shuffle(receipts.begin(), receipts.end(), std::mt19937(11));
    }
    const auto feed = [&](std::span<const incoming_receipt> part) {
      for (std::size_t at = 0; at < part.size(); at += 25) {
        const auto batch = part.subspan(at, std::min<std::size_t>(25, part.size() - at));
        std::vector<receipt_outcome> out(batch.size());
        EXPECT_TRUE(engine.on_receipts("smpp-p", batch, out).has_value());
      }
    };
    if (scramble) {
      const std::span<const incoming_receipt> all(receipts);
      std::thread other([&] { feed(all.subspan(0, all.size() / 2)); });
      feed(all.subspan(all.size() / 2));
      other.join();
    } else {
      feed(receipts);
    }
    const routes_view view = make_routes_view(engine, std::span(&id, 1)).value();
    EXPECT_TRUE(engine.recompute(id).has_value());
    EXPECT_EQ(make_routes_view(engine, std::span(&id, 1)).value(), view) << "equal to a recompute";
    return to_json_text(view);
  };
  const std::string in_order = run(false);
  EXPECT_EQ(run(true), in_order);
  EXPECT_NE(in_order.find("208-20"), std::string::npos);
}

}  // namespace
}  // namespace smstrack

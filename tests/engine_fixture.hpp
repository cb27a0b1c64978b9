// A tracker on a (fault-injecting) memory store with a manual clock, and helpers to build and
// drive deliveries.
#pragma once

#include <smstrack/conformance/storage_conformance.hpp>
#include <smstrack/engine/tracker.hpp>

#include "faulty_storage.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace smstrack::testing {

/// A phone's browser, as a person's click sends it.
inline constexpr std::string_view phone_agent =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1.2 Mobile/15E148 Safari/604.1";

inline std::vector<recipient> make_target(std::size_t count, std::uint64_t first = 33'600'000'000ULL) {
  std::vector<recipient> target;
  for (std::size_t i = 0; i < count; ++i) {
    target.push_back({i + 1, "+" + std::to_string(first + i), false});
  }
  return target;
}

class engine_test : public ::testing::Test {
 protected:
  faulty_storage store;
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine{store, clock};

  delivery_id create(approval_mode approval = approval_mode::manual) {
    delivery_draft draft{"Test delivery", "Hello {{firstName}}", "ACME", {}};
    draft.settings.approval = approval;
    return engine.create_delivery(draft).value();
  }
  delivery_id started(std::size_t recipients) {
    const delivery_id id = create();
    const auto target = make_target(recipients);
    EXPECT_TRUE(engine.analyse(id, target).has_value());
    EXPECT_TRUE(engine.start(id, "tester").has_value());
    return id;
  }
  delivery_state state_of(delivery_id id) { return engine.get_delivery(id).value().state; }
  result<update_summary> change(delivery_id id, std::vector<status_change> changes,
                                std::vector<change_outcome>* outcomes = nullptr) {
    std::vector<change_outcome> local(changes.size());
    auto& out = outcomes != nullptr ? *outcomes : local;
    out.resize(changes.size());
    return engine.update_logs(id, changes, out);
  }
  // The stored log, read past the tracker.
  delivery_log log_of(delivery_id id, log_id log) {
    const log_id ids[] = {log};
    std::optional<delivery_log> out[1];
    EXPECT_TRUE(store.inner.logs().get(id, ids, out).has_value());
    return out[0].value();
  }
  // The quarantine entry of the make_target recipient at `recipient_index`.
  std::optional<quarantine_entry> quarantine_of(std::size_t recipient_index) {
    const quarantine_key keys[] = {{phone_number::from_digits(33'600'000'000ULL + recipient_index).value(), ""}};
    std::optional<quarantine_entry> out[1];
    EXPECT_TRUE(store.inner.quarantine().get(keys, out).has_value());
    return out[0];
  }
  std::vector<audit_code> journal_codes(delivery_id id) {
    std::vector<audit_code> codes;
    audit_query query;
    query.limit = 1000;
    for (const audit_event& e : engine.journal(id, query).value()) codes.push_back(e.code);
    return codes;
  }
};

}  // namespace smstrack::testing
